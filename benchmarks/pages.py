"""The key pages measured with ``wrk``. **Adding a page is one line in** :data:`PAGES`.

Each line names the page, who requests it and where it is. ``where`` is either a literal path or
the name of a resolver below (a function that finds the URL in the benchmark database and returns
``None`` when the feature is not built yet: the report then says "not yet built"). ``who`` is one of
:data:`LOGINS` (a demo login, logged in through the login form; the session cookie goes to wrk) or
``"anonymous"``. ``target`` links the page to a target of the issue (see :mod:`benchmarks.targets`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: Demo logins used by the pages (password ``Jambi2026!`` for all, see ``seed_demo``). The last five
#: play the permission matrix's other roles in the pass over every page (``benchmarks/allpages.py``).
LOGINS = {
    "learner": "asn.dinkes",
    "hr": "hr.dinkes",
    "bkpsdm": "bkpsdm",
    "atasan": "atasan.dinkes",
    "hr_other": "hr.dlh",
    "humas": "humas.editor",
    "admin": "admin",
}


@dataclass(frozen=True)
class BenchPage:
    key: str
    title: str
    who: str  # "anonymous" or a key of LOGINS
    where: str  # "/path/" or the name of a resolver in RESOLVERS
    target: str | None = None  # "ceiling", "anonymous_cached", "learner_lesson", "hr_p95" or None


# fmt: off
PAGES: list[BenchPage] = [
    BenchPage("healthz",          "Bare Django view (ceiling)",      "anonymous", "/healthz/", "ceiling"),
    BenchPage("home",             "Home",                            "anonymous", "/", "anonymous_cached"),
    BenchPage("policy_chapter",   "Policy chapter (anonymous)",      "anonymous", "policy_chapter", "anonymous_cached"),
    BenchPage("catalogue",        "Course catalogue",                "anonymous", "course_catalogue"),
    BenchPage("lesson",           "Lesson page (learner)",           "learner",   "learner_lesson", "learner_lesson"),
    BenchPage("learner_dashboard", "Learner dashboard /belajar/",    "learner",   "learner_dashboard", "learner_lesson"),
    BenchPage("module",           "Module page (learner)",           "learner",   "learner_module", "learner_lesson"),
    BenchPage("quiz_attempt",     "Quiz attempt page (learner)",     "learner",   "learner_quiz_attempt", "learner_lesson"),
    BenchPage("asn_profile",      "ASN profile (HR)",                "hr",        "asn_profile", "hr_p95"),
    BenchPage("instansi_dashboard", "Instansi dashboard (HR)",       "hr",        "instansi_dashboard", "hr_p95"),
    BenchPage("talent_grid",      "Talent 9-box (HR)",               "hr",        "talent_grid", "hr_p95"),
    BenchPage("hr_dashboard_export", "HR dashboard export CSV (HR)", "hr",       "/hr/dasbor/unduh/predikat/?format=csv", "hr_p95"),
    BenchPage("province_dashboard", "Province dashboard (BKPSDM)",   "bkpsdm",    "/hr/dasbor/", "hr_p95"),
    BenchPage("province_talent_grid", "Province 9-box (BKPSDM)",     "bkpsdm",    "/hr/talenta/", "hr_p95"),
    BenchPage("province_dashboard_export", "Province dashboard export CSV (BKPSDM)", "bkpsdm", "/hr/dasbor/unduh/jp/?format=csv", "hr_p95"),
    BenchPage("asn_list",         "ASN list (HR)",                   "hr",        "/pegawai/"),
    BenchPage("performance_period", "Performance period (HR)",       "hr",        "performance_period"),
    BenchPage("public_feedback",  "Public feedback form",            "anonymous", "public_feedback_form"),
    # HR lists of issue 14 (hrlists), as instansi HR and as BKPSDM
    BenchPage("asn_list_search",  "ASN list, name search (HR)",      "hr",        "/pegawai/?q=siti", "hr_p95"),
    BenchPage("asn_list_bkpsdm",  "ASN list (BKPSDM)",               "bkpsdm",    "/pegawai/", "hr_p95"),
    BenchPage("asn_list_bkpsdm_filter", "ASN list, instansi filter + search (BKPSDM)", "bkpsdm", "asn_list_filtered", "hr_p95"),
    BenchPage("asn_list_bkpsdm_deep", "ASN list, page 150 (BKPSDM)", "bkpsdm",    "/pegawai/?page=150", "hr_p95"),
    BenchPage("asn_detail",       "ASN detail (HR)",                 "hr",        "asn_detail", "hr_p95"),
    BenchPage("asn_detail_bkpsdm", "ASN detail (BKPSDM)",            "bkpsdm",    "asn_detail", "hr_p95"),
    BenchPage("asn_profile_bkpsdm", "ASN profile (BKPSDM)",          "bkpsdm",    "asn_profile", "hr_p95"),
    BenchPage("performance_period_bkpsdm", "Performance period (BKPSDM)", "bkpsdm", "performance_period", "hr_p95"),
    BenchPage("performance_period_closed", "Closed performance period (HR)", "hr", "performance_period_closed", "hr_p95"),
    BenchPage("performance_period_closed_bkpsdm", "Closed performance period (BKPSDM)", "bkpsdm", "performance_period_closed", "hr_p95"),
    BenchPage("proposal_list",    "Rewards/sanctions proposals (HR)", "hr",       "proposal_list", "hr_p95"),
    BenchPage("proposal_list_bkpsdm", "Rewards/sanctions proposals (BKPSDM)", "bkpsdm", "proposal_list", "hr_p95"),
    BenchPage("objection_list",   "Objections (HR)",                 "hr",        "/kinerja/keberatan/", "hr_p95"),
    BenchPage("objection_list_bkpsdm", "Objections (BKPSDM)",        "bkpsdm",    "/kinerja/keberatan/", "hr_p95"),
    BenchPage("moderation",       "Public feedback moderation (HR)", "hr",        "/kinerja/umpan-balik/", "hr_p95"),
    BenchPage("moderation_bkpsdm", "Public feedback moderation (BKPSDM)", "bkpsdm", "/kinerja/umpan-balik/", "hr_p95"),
    BenchPage("audit_log",        "Performance audit log (HR)",      "hr",        "/kinerja/audit/", "hr_p95"),
    BenchPage("audit_log_bkpsdm", "Performance audit log (BKPSDM)",  "bkpsdm",    "/kinerja/audit/", "hr_p95"),
    BenchPage("activation_letters", "Activation letters (HR)",       "hr",        "activation_letters", "hr_p95"),
    BenchPage("activation_letters_bkpsdm", "Activation letters (BKPSDM)", "bkpsdm", "activation_letters", "hr_p95"),
    BenchPage("coverage_report",  "Socialization coverage report (HR)", "hr",     "/admin/sosialisasi/cakupan/", "hr_p95"),
    BenchPage("coverage_report_bkpsdm", "Socialization coverage report (BKPSDM)", "bkpsdm", "/admin/sosialisasi/cakupan/", "hr_p95"),
    BenchPage("jp_report",        "JP compliance report (HR)",       "hr",        "/admin/kompetensi/kepatuhan-jp/", "hr_p95"),
    BenchPage("jp_report_bkpsdm", "JP compliance report (BKPSDM)",   "bkpsdm",    "/admin/kompetensi/kepatuhan-jp/", "hr_p95"),
]
# fmt: on


# --- resolvers: run in-process, with Django set up against the benchmark database -----------------


def _url_name(name: str, *args) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def policy_chapter() -> str | None:
    try:
        from pamong.socialization.models import PolicyPage
    except ImportError:
        return None
    page = PolicyPage.objects.live().order_by("path").first()
    return page.get_url() if page else None


def course_catalogue() -> str | None:
    try:
        from learning.models import CourseIndexPage
    except ImportError:
        return None
    page = CourseIndexPage.objects.live().first()
    return page.get_url() if page else None


def learner_lesson() -> str | None:
    from benchmarks.history import learner_lesson_url

    return learner_lesson_url(username=LOGINS["learner"])


def learner_dashboard() -> str | None:
    return _url_name("learning:dashboard")


def learner_module() -> str | None:
    """The module page above the measured lesson."""
    url = learner_lesson()
    return url.rstrip("/").rsplit("/", 1)[0] + "/" if url else None


def learner_quiz_attempt() -> str | None:
    """An attempt page of the demo learner: the latest attempt, else one started (as the learner
    would) on the first quiz lesson of a course they are enrolled in."""
    from django.contrib.auth import get_user_model

    try:
        from learning import services
        from learning.models import CoursePage, Enrolment, LessonPage, QuizAttempt
    except ImportError:
        return None
    user = get_user_model().objects.filter(username=LOGINS["learner"]).first()
    if user is None:
        return None
    attempt = QuizAttempt.objects.filter(enrolment__asn__user=user).order_by("-pk").first()
    if attempt is None:
        course_ids = Enrolment.objects.filter(asn__user=user).values_list("course_id", flat=True)
        for course in CoursePage.objects.live().filter(pk__in=list(course_ids)).order_by("path"):
            lesson = LessonPage.objects.live().descendant_of(course).filter(quiz__isnull=False).first()
            if lesson is None:
                continue
            try:
                attempt = services.attempt_start(user=user, page=lesson)
            except services.LearningError:
                continue
            break
    return _url_name("learning:attempt", attempt.pk) if attempt else None


def _hr_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=LOGINS["hr"]).first()


def asn_profile() -> str | None:
    """The HR profile of an ASN of the HR login's own instansi (issue 7), else the people detail page."""
    from pamong.people.access import scope_for
    from pamong.people.models import ASN

    hr = _hr_user()
    if hr is None:
        return None
    ids = list(scope_for(hr).hr_instansi_ids() or [])
    asn = ASN.objects.filter(instansi_id__in=ids, is_active=True).order_by("pk")[100:101].first()
    if asn is None:
        return None
    return _url_name("hr:profile", asn.pk) or _url_name("people:asn_detail", asn.pk)


def instansi_dashboard() -> str | None:
    """The HR dashboard of the HR login's instansi (issue 7)."""
    return _url_name("hr:dashboard")


def talent_grid() -> str | None:
    return _url_name("hr:talent")


def performance_period() -> str | None:
    try:
        from performance.models import Period
    except ImportError:
        return None
    period = Period.objects.filter(status=Period.Status.RUNNING).order_by("-year").first()
    return period.get_absolute_url() if period else None


def _hr_instansi_id() -> int | None:
    from pamong.people.access import scope_for

    hr = _hr_user()
    ids = sorted(scope_for(hr).hr_instansi_ids() or []) if hr else []
    return ids[0] if ids else None


def asn_list_filtered() -> str | None:
    instansi_id = _hr_instansi_id()
    return f"/pegawai/?instansi={instansi_id}&q=a" if instansi_id else None


def asn_detail() -> str | None:
    from pamong.people.models import ASN

    asn = ASN.objects.filter(instansi_id=_hr_instansi_id(), is_active=True).order_by("pk")[100:101].first()
    return _url_name("people:asn_detail", asn.pk) if asn else None


def performance_period_closed() -> str | None:
    from performance.models import Period

    period = Period.objects.filter(status=Period.Status.CLOSED).order_by("-year").first()
    return period.get_absolute_url() if period else None


def proposal_list() -> str | None:
    from performance.models import FollowUpProposal

    proposal = FollowUpProposal.objects.order_by("-period__year").first()
    return _url_name("performance:proposal_list", proposal.period_id) if proposal else None


def activation_letters() -> str | None:
    instansi_id = _hr_instansi_id()
    return _url_name("people:activation_letters", instansi_id) if instansi_id else None


def public_feedback_form() -> str | None:
    try:
        from performance.models import PublicFeedbackChannel
    except ImportError:
        return None
    channel = PublicFeedbackChannel.objects.filter(is_active=True).order_by("pk").first()
    return channel.get_absolute_url() if channel else None


RESOLVERS: dict[str, Callable[[], str | None]] = {
    "policy_chapter": policy_chapter,
    "course_catalogue": course_catalogue,
    "learner_lesson": learner_lesson,
    "learner_dashboard": learner_dashboard,
    "learner_module": learner_module,
    "learner_quiz_attempt": learner_quiz_attempt,
    "asn_profile": asn_profile,
    "instansi_dashboard": instansi_dashboard,
    "talent_grid": talent_grid,
    "performance_period": performance_period,
    "public_feedback_form": public_feedback_form,
    "asn_list_filtered": asn_list_filtered,
    "asn_detail": asn_detail,
    "performance_period_closed": performance_period_closed,
    "proposal_list": proposal_list,
    "activation_letters": activation_letters,
}


def resolve(page: BenchPage) -> str | None:
    if page.where.startswith("/"):
        return page.where
    return RESOLVERS[page.where]()
