"""Journeys through Pamong in Chromium, for what exists so far: the ASN reads a policy chapter and
confirms it; a member of the public sends feedback through a unit's form; humas works in the Wagtail
admin (under its Content-Security-Policy). Each saves screenshots and runs axe on its key pages."""

import re

import pytest

from pamong.home.editorial import editorial_section_setup
from pamong.socialization.models import PolicyAcknowledgement
from performance.models import PublicFeedback
from tests.browser.conftest import sign_in
from tests.factories import socialization as soc
from tests.factories.performance import channel_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Jambi2026!"


def _password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def chapters(world):
    index = soc.policy_index()
    editorial_section_setup(page=index)
    first = soc.chapter(
        index=index,
        title="Pendahuluan",
        text="Kinerja ASN diukur dari hasil kerja dan perilaku kerja.",
        tags=("kinerja",),
    )
    second = soc.chapter(index=index, title="Penilaian Kinerja", text="Predikat kinerja pegawai.")
    return first, second


def test_asn_reads_a_chapter_and_acknowledges_it(journey, world, chapters):
    asn = _password(world.staff_a.user)
    chapter = chapters[0]
    page = journey.page
    journey.goto(chapter.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Pendahuluan"
    journey.key_page("bab dibuka tanpa masuk")
    page.get_by_role("link", name="Masuk untuk mengonfirmasi").click()
    journey.key_page("halaman masuk")
    page.get_by_label(re.compile("Nama pengguna")).fill(asn.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(re.escape(chapter.url)))
    journey.shot("kembali ke bab setelah masuk")
    page.get_by_role("button", name="Saya sudah membaca dan memahami").click()
    page.wait_for_load_state()
    assert page.get_by_text("konfirmasi baca Anda untuk bab ini sudah tercatat").is_visible()
    journey.key_page("konfirmasi baca tercatat")
    assert PolicyAcknowledgement.objects.filter(page_id=chapter.pk, user=asn).count() == 1
    journey.assert_no_csp_violation()


def test_public_sends_feedback_through_the_unit_form(journey, world):
    channel = channel_for(world.staff_a.unit)
    page = journey.page
    journey.goto(channel.get_absolute_url())
    journey.key_page("formulir umpan balik")
    page.get_by_label("4", exact=True).check()
    page.get_by_label(re.compile("Komentar")).fill("Pelayanan cepat dan ramah.")
    journey.shot("formulir diisi")
    page.locator("main").get_by_role("button", name="Kirim").click()
    page.wait_for_url(re.compile("terima-kasih"))
    journey.key_page("terima kasih")
    feedback = PublicFeedback.objects.get(channel=channel)
    assert feedback.rating == 4 and feedback.comment == "Pelayanan cepat dan ramah."
    assert feedback.status == PublicFeedback.Status.PENDING  # moderated before anyone sees it
    journey.assert_no_csp_violation()


def test_public_feedback_form_refuses_an_empty_rating(journey, world):
    channel = channel_for(world.staff_a.unit)
    journey.goto(channel.get_absolute_url())
    journey.page.locator("main").get_by_role("button", name="Kirim").click()
    journey.page.wait_for_load_state()
    assert "terima-kasih" not in journey.page.url
    journey.key_page("penilaian belum dipilih")
    assert not PublicFeedback.objects.exists()


def test_humas_opens_the_wagtail_admin_under_its_policy(journey, world, chapters):
    editor = _password(world.humas_editor)
    page = journey.page
    sign_in(journey, editor.username, PASSWORD, path="/admin/login/")
    page.wait_for_url(re.compile("/admin/$"))
    journey.shot("dasbor admin")
    journey.goto(f"/admin/pages/{chapters[0].pk}/edit/")
    title = page.locator("#id_title")
    assert title.input_value() == "Pendahuluan"
    journey.shot("menyunting bab")
    # The admin's scripts ran (the editor is interactive): no CSP report on the admin pages.
    journey.assert_no_csp_violation()


def test_humas_edits_a_chapter_submits_it_and_a_moderator_approves(journey, world, chapters):
    from wagtail.models import Page

    editor, moderator = _password(world.humas_editor), _password(world.humas_moderator)
    chapter = chapters[0]
    page = journey.page
    # The editor changes the title and submits the chapter to the "Persetujuan Humas" workflow.
    sign_in(journey, editor.username, PASSWORD, path="/admin/login/")
    journey.goto(f"/admin/pages/{chapter.pk}/edit/")
    page.locator("#id_title").fill("Pendahuluan Kebijakan Kinerja")
    journey.shot("editor mengubah judul")
    with page.expect_navigation():
        page.locator('button[name="action-submit"]').evaluate("button => button.click()")
    page.wait_for_load_state("networkidle")
    journey.shot("dikirim untuk persetujuan")
    stored = Page.objects.get(pk=chapter.pk)
    assert stored.title == "Pendahuluan"  # still the published title
    assert stored.workflow_in_progress
    journey.goto(chapter.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Pendahuluan"
    # The moderator approves; the change is live.
    page.context.clear_cookies()
    sign_in(journey, moderator.username, PASSWORD, path="/admin/login/")
    journey.goto(f"/admin/pages/{chapter.pk}/edit/")
    journey.shot("moderator membuka bab")
    with page.expect_navigation():
        page.locator('[data-workflow-action-name="approve"]').first.evaluate("button => button.click()")
    page.wait_for_load_state("networkidle")
    journey.shot("disetujui dan diterbitkan")
    stored = Page.objects.get(pk=chapter.pk)
    assert stored.title == "Pendahuluan Kebijakan Kinerja", stored.title
    page.context.clear_cookies()
    journey.goto(chapter.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Pendahuluan Kebijakan Kinerja"
    journey.key_page("perubahan terbit untuk umum")
    journey.assert_no_csp_violation()
