"""seed_learning: the demo story, idempotent, and walkable in the browser to a certificate."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowPage

from learning import demo_content
from learning.models import (
    Certificate,
    Choice,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
    QuizAttempt,
    Statement,
)
from learning.selectors import jp_for_year

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(world):
    """The world fixture with the demo usernames the seed looks for."""
    for asn, username in (
        (world.staff_a, "asn.dinkes"),
        (world.staff_b, "asn.dlh"),
        (world.atasan_a, "atasan.dinkes"),
        (world.hr_a, "hr.dinkes"),
    ):
        asn.user.username = username
        asn.user.save(update_fields=["username"])
    call_command("seed_learning", seed=7, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return world


def _counts():
    models = (CoursePage, ModulePage, LessonPage, Enrolment, QuizAttempt, Certificate, Statement, Choice)
    return {m.__name__: m.objects.count() for m in models}


def test_courses_and_chapters(demo):
    index = CourseIndexPage.objects.get()
    assert index.url == "/pelatihan/" and index.live
    assert WorkflowPage.objects.filter(page=index, workflow__name="Persetujuan Humas").exists()
    titles = set(CoursePage.objects.live().values_list("title", flat=True))
    assert titles == {
        "Memahami Kebijakan Pengelolaan Kinerja ASN",
        "Pelayanan Publik Prima",
        "Inovasi dalam Pelayanan Publik",
    }
    policy = CoursePage.objects.get(slug="memahami-kebijakan-pengelolaan-kinerja-asn")
    modules = ModulePage.objects.child_of(policy).order_by("path")
    assert [m.title.split(". ", 1)[1] for m in modules] == [
        "Pendahuluan",
        "Tujuan Kebijakan",
        "Ruang Lingkup",
        "Indikator Kinerja",
        "Mekanisme Evaluasi",
        "Pemberian Penghargaan dan Sanksi",
        "Kendala dan Solusi",
        "Kesimpulan",
    ]
    for module in modules:
        lessons = LessonPage.objects.child_of(module)
        assert lessons.count() == 1
        assert lessons.get().quiz.questions.count() >= 3
    assert modules.last().test_quiz is not None
    innovation = CoursePage.objects.get(slug="inovasi-dalam-pelayanan-publik")
    assert list(innovation.prerequisites.values_list("title", flat=True)) == ["Pelayanan Publik Prima"]


def test_every_question_has_a_valid_key():
    for chapter in demo_content.POLICY_CHAPTERS:
        for kind, _text, choices, explanation in chapter["quiz"]:
            correct = sum(1 for _c, ok in choices if ok)
            assert correct >= 1 and explanation
            if kind != "multiple":
                assert correct == 1
            if kind == "true_false":
                assert [c for c, _ok in choices] == ["Benar", "Salah"]


def test_demo_story(demo):
    policy = CoursePage.objects.get(slug="memahami-kebijakan-pengelolaan-kinerja-asn")
    learner = Enrolment.objects.get(asn=demo.staff_a, course=policy)
    assert learner.source == "assigned" and learner.due_date is not None
    assert 0 < learner.progress < 100 and learner.completed_at is None
    assert Enrolment.objects.get(asn=demo.staff_a, course__slug="pelayanan-publik-prima").completed_at
    assert Certificate.objects.filter(enrolment__asn=demo.staff_b, enrolment__course=policy).exists()
    # the whole of DINKES was assigned the policy course in one write
    assert Enrolment.objects.filter(course=policy, asn__instansi=demo.instansi_a).count() == (
        demo.instansi_a.asn_set.filter(is_active=True).count()
    )


def test_idempotent(demo):
    before = _counts()
    call_command("seed_learning", seed=7, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == before


def test_demo_learner_reaches_a_certificate_in_the_browser(demo, client_for):
    client = client_for(demo.staff_a.user)
    catalogue = client.get("/pelatihan/").content.decode()
    course_url = "/pelatihan/memahami-kebijakan-pengelolaan-kinerja-asn/"
    assert course_url in catalogue
    course_html = client.get(course_url).content.decode()
    assert "Lanjutkan belajar" in course_html
    for _ in range(20):
        course_html = client.get(course_url).content.decode()
        if "Unduh sertifikat" in course_html:
            break
        next_url = re.search(r'href="([^"]+)">Lanjutkan belajar', course_html).group(1)
        page_html = client.get(next_url).content.decode()
        start = re.search(r'action="(/belajar/kuis/\d+/mulai/)"', page_html)
        resume = re.search(r'href="(/belajar/percobaan/\d+/)">Lanjutkan kuis', page_html)
        if start:
            attempt_url = client.post(start.group(1))["Location"]
        elif resume:
            attempt_url = resume.group(1)
        else:
            mark = re.search(r'action="(/belajar/pelajaran/\d+/selesai/)"', page_html).group(1)
            client.post(mark)
            continue
        attempt = QuizAttempt.objects.get(pk=int(attempt_url.strip("/").split("/")[-1]))
        form = client.get(attempt_url).content.decode()
        assert "Kirim jawaban" in form
        correct = Choice.objects.filter(question_id__in=attempt.question_order, is_correct=True)
        data: dict[str, list[str]] = {}
        for choice in correct:
            data.setdefault(f"q{choice.question_id}", []).append(str(choice.pk))
        assert client.post(attempt_url, data).status_code == 302
    certificate = Certificate.objects.get(enrolment__asn=demo.staff_a, enrolment__course__slug=policy_slug())
    pdf = client.get(certificate.get_pdf_url())
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert certificate.get_pdf_url() in dashboard
    jp = jp_for_year(asn_id=demo.staff_a.pk, year=timezone.localdate().year)
    assert jp >= 6  # the policy course, just finished (plus Pelayanan Publik Prima if this year)
    assert f"{jp} dari minimal 20 JP" in dashboard


def policy_slug():
    return demo_content.POLICY_COURSE["slug"]
