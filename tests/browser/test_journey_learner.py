"""The ASN learner's journey in Chromium, on the real demo data (``seed_demo``): an ASN who has not
started the policy course finds it in the catalogue at /pelatihan/, enrols, works through every
module (lesson quiz by lesson quiz, then the final test), downloads the certificate PDF and opens
its public verification page.

One test per module: the transactional database is flushed after each test, so the demo seed
(about 20 s) is paid once per journey.
"""

import io
import re

import pytest
from django.core.management import call_command

from learning.models import Certificate, Choice, CoursePage, Enrolment, QuizAttempt
from pamong.people.models import ASN
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Jambi2026!"
COURSE = "Memahami Kebijakan Pengelolaan Kinerja ASN"
MAX_STEPS = 30  # 8 modules: 8 lesson quizzes and a final test; the loop must end well before


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, no_progress=True, asn=120, stdout=io.StringIO())


def _newcomer(course: CoursePage) -> ASN:
    """An active ASN, not a demo login, who has not enrolled in the policy course."""
    asn = (
        ASN.objects.filter(is_active=True, user__isnull=False)
        .exclude(enrolments__course=course)
        .exclude(user__username__contains=".")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert asn is not None, "the demo data should leave ASN who have not started the policy course"
    asn.user.set_password(PASSWORD)
    asn.user.save(update_fields=["password"])
    return asn


def _answer_correctly(page, attempt_id: int) -> None:
    """Tick the correct choices (read from the database) of every question of the attempt."""
    attempt = QuizAttempt.objects.get(pk=attempt_id)
    correct = Choice.objects.filter(question_id__in=attempt.question_order, is_correct=True)
    ticked = 0
    for choice in correct.values("pk", "question_id"):
        page.locator(f"#q{choice['question_id']}-{choice['pk']}").check()
        ticked += 1
    assert ticked >= len(attempt.question_order)


def test_asn_enrols_completes_the_policy_course_and_verifies_the_certificate(journey, demo):
    course = CoursePage.objects.get(title=COURSE)
    asn = _newcomer(course)
    page = journey.page

    sign_in(journey, asn.user.username, PASSWORD)
    journey.goto("/pelatihan/")
    journey.key_page("katalog pelatihan")
    page.get_by_role("link", name=COURSE).click()
    expect_heading(page, COURSE)
    journey.key_page("halaman pelatihan sebelum mendaftar")

    page.get_by_role("button", name="Daftar pelatihan").click()
    expect_text(page, "Anda terdaftar pada pelatihan")
    journey.key_page("terdaftar")
    enrolment = Enrolment.objects.get(asn=asn, course=course)
    assert enrolment.source == Enrolment.Source.SELF

    # Follow "Mulai belajar" (nothing done yet), then "Lanjutkan belajar", until the course is
    # complete: every step is a quiz (the lessons' quizzes, then the module test of the last module).
    quizzes = 0
    for _ in range(MAX_STEPS):
        journey.goto(course.url)
        page.get_by_role("link", name="Mulai belajar" if quizzes == 0 else "Lanjutkan belajar").first.click()
        # the next step: a lesson (/pelatihan/<course>/<module>/<lesson>/) or a module's test
        page.wait_for_url(re.compile(r"/pelatihan/[^/]+/[^/]+/"))
        if quizzes == 0:
            journey.key_page("pelajaran pertama")
        page.get_by_role("button", name="Mulai kuis").click()
        page.wait_for_url(re.compile(r"/belajar/percobaan/\d+/$"))
        attempt_id = int(re.search(r"/percobaan/(\d+)/", page.url).group(1))
        _answer_correctly(page, attempt_id)
        if quizzes == 0:
            journey.key_page("kuis dijawab")
        page.get_by_role("button", name="Kirim jawaban").click()
        expect_text(page, "Selamat, Anda lulus kuis ini.")
        quizzes += 1
        if quizzes == 1:
            journey.key_page("hasil kuis dengan pembahasan")
        enrolment.refresh_from_db()
        if enrolment.completed_at:
            break
    else:
        pytest.fail(f"the course was not complete after {MAX_STEPS} quizzes")
    assert quizzes == 9  # eight chapter quizzes and the final test
    journey.shot("kuis terakhir lulus")

    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.is_valid
    journey.goto(course.url)
    expect_text(page, "Anda menyelesaikan pelatihan ini")
    journey.key_page("pelatihan selesai")

    # The certificate PDF, fetched with the learner's session (the link opens it inline).
    link = page.get_by_role("link", name="Unduh sertifikat (PDF)")
    href = link.get_attribute("href")
    assert href == certificate.get_pdf_url()
    pdf = page.request.get(journey.base_url + href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:5] == b"%PDF-"
    assert len(pdf.body()) > 1000

    # Anyone can check it: the public verification page, opened from the course page.
    page.get_by_role("link", name="Halaman verifikasi").click()
    page.wait_for_url(re.compile(re.escape(certificate.get_absolute_url()) + "$"))
    expect_text(page, "Sertifikat SAH.")
    expect_text(page, asn.name)
    journey.key_page("verifikasi sertifikat")
    page.context.clear_cookies()
    journey.goto(certificate.get_absolute_url())
    expect_text(page, "Sertifikat SAH.")
    journey.key_page("verifikasi tanpa masuk")
    journey.assert_no_csp_violation()


def expect_heading(page, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def expect_text(page, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_text(text, exact=False).first).to_be_visible()
