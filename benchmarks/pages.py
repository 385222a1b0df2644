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

#: Demo logins used by the pages (password ``Jambi2026!`` for all, see ``seed_demo``).
LOGINS = {"learner": "asn.dinkes", "hr": "hr.dinkes", "bkpsdm": "bkpsdm"}


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
    BenchPage("learner_dashboard", "Learner dashboard /belajar/",    "learner",   "learner_dashboard"),
    BenchPage("asn_profile",      "ASN profile (HR)",                "hr",        "asn_profile", "hr_p95"),
    BenchPage("instansi_dashboard", "Instansi dashboard (HR)",       "hr",        "instansi_dashboard", "hr_p95"),
    BenchPage("talent_grid",      "Talent 9-box (HR)",               "hr",        "talent_grid"),
    BenchPage("hr_dashboard_export", "HR dashboard export CSV (HR)", "hr",       "/hr/dasbor/unduh/predikat/?format=csv", "hr_p95"),
    BenchPage("province_dashboard", "Province dashboard (BKPSDM)",   "bkpsdm",    "/hr/dasbor/", "hr_p95"),
    BenchPage("province_talent_grid", "Province 9-box (BKPSDM)",     "bkpsdm",    "/hr/talenta/", "hr_p95"),
    BenchPage("province_dashboard_export", "Province dashboard export CSV (BKPSDM)", "bkpsdm", "/hr/dasbor/unduh/jp/?format=csv", "hr_p95"),
    BenchPage("asn_list",         "ASN list (HR)",                   "hr",        "/pegawai/"),
    BenchPage("performance_period", "Performance period (HR)",       "hr",        "performance_period"),
    BenchPage("public_feedback",  "Public feedback form",            "anonymous", "public_feedback_form"),
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
    "asn_profile": asn_profile,
    "instansi_dashboard": instansi_dashboard,
    "talent_grid": talent_grid,
    "performance_period": performance_period,
    "public_feedback_form": public_feedback_form,
}


def resolve(page: BenchPage) -> str | None:
    if page.where.startswith("/"):
        return page.where
    return RESOLVERS[page.where]()
