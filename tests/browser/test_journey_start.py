"""The start page in Chromium: signing in from the public home page lands on /saya/ (never back on
the home page), the page passes axe, fits a 390 px wide phone, and its first item leads to where the
person acts."""

import re

import pytest

from pamong.home.editorial import editorial_section_setup
from tests.browser.conftest import sign_in
from tests.factories import socialization as soc

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Jambi2026!"


def test_asn_signs_in_from_the_home_page_and_lands_on_the_start_page(journey, world):
    index = soc.policy_index()
    editorial_section_setup(page=index)
    chapter = soc.chapter(index=index, title="Pendahuluan", text="Kinerja ASN diukur dari hasil kerja.")
    user = world.staff_a.user
    user.set_password(PASSWORD)
    user.save()
    page = journey.page
    page.set_viewport_size({"width": 390, "height": 844})

    journey.goto("/")
    page.get_by_role("link", name="Masuk", exact=True).click()
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form:has(#id_password) [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/saya/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Beranda saya"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    journey.key_page("beranda saya di ponsel")

    page.get_by_role("link", name="Baca dan konfirmasi bab “Pendahuluan”").click()
    page.wait_for_url(re.compile(re.escape(chapter.url) + "#konfirmasi$"))
    journey.assert_no_csp_violation()


def test_humas_signs_in_and_sees_the_editorial_start_page(journey, world):
    world.humas_moderator.set_password(PASSWORD)
    world.humas_moderator.save()
    sign_in(journey, world.humas_moderator.username, PASSWORD)
    journey.page.wait_for_url(re.compile(r"/saya/$"))
    assert journey.page.get_by_role("heading", level=2, name="Konten humas").is_visible()
    journey.key_page("beranda saya humas")
