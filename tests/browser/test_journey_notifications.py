"""Notifications in Chromium: an ASN submits a development plan; their atasan sees the bell count rise,
opens the notification from the inbox and approves; the ASN finds the approval in their inbox.

The live server runs the background tasks at once (the test settings' immediate backend, on commit).
"""

import re

import pytest

from competencies import services as competency_services
from competencies.models import Activity, DevelopmentPlan
from tests.browser.conftest import sign_in
from tests.factories.competencies import managerial

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "rahasia-uji-123"  # tests/factories/people.py


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def bell(page):
    return page.locator("header a.bell")


def test_plan_submitted_bell_rises_atasan_approves_from_the_inbox(journey, world):
    plan = competency_services.plan_create(asn=world.staff_a, year=2026, suggest=False)
    goal = competency_services.goal_add(
        user=world.staff_a.user, plan=plan, competency=managerial("M.3"), target_level=3
    )
    competency_services.activity_add(
        user=world.staff_a.user, goal=goal, kind=Activity.Kind.SELF_STUDY, title="Membaca pedoman", jp=2
    )
    page = journey.page

    # The atasan's bell before: nothing unread.
    sign_in(journey, world.atasan_a.user.username, PASSWORD)
    journey.goto("/saya/")
    expect(bell(page)).to_have_attribute("data-unread", "0")
    page.context.clear_cookies()

    # The ASN submits the plan.
    sign_in(journey, world.staff_a.user.username, PASSWORD)
    journey.goto(plan.get_absolute_url())
    page.get_by_role("button", name="Ajukan kepada atasan").click()
    page.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.SUBMITTED
    page.context.clear_cookies()

    # The atasan: the bell shows one, the inbox holds the request, opening it leads to the plan.
    sign_in(journey, world.atasan_a.user.username, PASSWORD)
    journey.goto("/saya/")
    expect(bell(page)).to_have_attribute("data-unread", "1")
    expect(bell(page)).to_contain_text("1")
    bell(page).click()
    page.wait_for_url(re.compile(r"/saya/notifikasi/$"))
    item = page.get_by_role(
        "button", name=re.compile(f"{world.staff_a.name} mengajukan rencana pengembangan")
    )
    expect(item).to_be_visible()
    journey.key_page("kotak notifikasi atasan")
    item.click()
    page.wait_for_url(re.compile(re.escape(plan.get_absolute_url()) + "$"))
    expect(bell(page)).to_have_attribute("data-unread", "0")
    page.get_by_role("button", name="Setujui rencana").click()
    expect(page.get_by_role("status").filter(has_text="Rencana disetujui.")).to_be_visible()
    page.context.clear_cookies()

    # The ASN: the approval waits in the inbox.
    sign_in(journey, world.staff_a.user.username, PASSWORD)
    journey.goto("/saya/notifikasi/")
    expect(
        page.get_by_role("button", name=re.compile("Rencana pengembangan 2026 Anda disetujui"))
    ).to_be_visible()
    expect(bell(page)).to_have_attribute("data-unread", "1")
    journey.key_page("kotak notifikasi ASN")
    page.get_by_role("button", name="Tandai semua sudah dibaca").click()
    expect(bell(page)).to_have_attribute("data-unread", "0")
    journey.assert_no_csp_violation()
