"""Every page, briefly (issue 14, goal 6): each GET row of the permission matrix that renders an
HTML page, for a role the matrix allows, at Jambi scale.

The URL list, the roles and who may open what come from the permission matrix itself
(``tests/security/test_permission_matrix.py``), and the URLs are built by its own ``url_for``
(``tests/security/targets.py``) — here from objects of the benchmark database (the demo logins'
plans, courses, certificates …) instead of the test fixture. A pattern added to the matrix is
measured by the next ``make bench`` without touching this file.

Each page: one request to check it answers 200 with HTML (a download, JSON or a redirect is not a
page and is listed as skipped, with the reason), then five requests one at a time, then a short
``wrk`` run (:data:`WRK_SECONDS` s, :data:`WRK_CONNECTIONS` connections); its p95 is reported. A page
slower than :data:`SLOW_MS` alone is reported from the sequential requests only.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace

from . import config

#: The matrix's roles, played by the demo logins (keys of :data:`benchmarks.pages.LOGINS`).
ROLE_LOGINS = {
    "anonymous": "anonymous",
    "asn": "learner",
    "atasan": "atasan",
    "hr_same": "hr",
    "hr_other": "hr_other",
    "bkpsdm": "bkpsdm",
    "humas": "humas",
    "admin": "admin",
}
#: Which allowed role a page is measured for: a public page as the public sees it, else the role
#: whose view is the richest (as the phone-width test picks it). HR pages (the ``hr:`` namespace and
#: any page whose first allowed role is an instansi's HR) are measured for the instansi's HR and for
#: BKPSDM, province-wide.
ROLE_PREFERENCE = ("anonymous", "asn", "atasan", "hr_same", "bkpsdm", "admin", "humas", "hr_other")
HR_ROLES = ("hr_same", "bkpsdm")
HR_NAMESPACES = ("hr:",)
#: JSON, the API's browsable views and the Wagtail admin are not pages of ours.
EXCLUDED_PREFIXES = ("api:", "wagtail")
OVER_MS = 300.0
SLOW_MS = 3000.0
WRK_SECONDS = 2
WRK_CONNECTIONS = 4


@dataclass(frozen=True)
class Candidate:
    key: str  # the matrix key, "namespace:name"
    role: str  # a role of the matrix
    who: str  # a key of benchmarks.pages.LOGINS, or "anonymous"


def candidates() -> list[Candidate]:
    """(matrix key, role) for every GET row some role may open (status 200 in the matrix)."""
    from tests.security.test_permission_matrix import get_rows_allowed

    out = []
    for key, allowed in get_rows_allowed(ROLE_PREFERENCE, excluded_prefixes=EXCLUDED_PREFIXES):
        roles = [allowed[0]]
        if allowed[0] in HR_ROLES or key.startswith(HR_NAMESPACES):
            roles += [r for r in HR_ROLES if r in allowed and r not in roles]
        out += [Candidate(key, r, ROLE_LOGINS[r]) for r in roles]
    return out


class Missing:
    """Stands for an object the benchmark data does not have: any attribute is itself, and in a URL
    it reads ``tidak-ada`` (an integer argument then fails to reverse, a slug answers 404)."""

    def __getattr__(self, name):
        return self

    def __str__(self) -> str:
        return "tidak-ada"


MISSING = Missing()


class _World:
    """The part of the test fixture ``world`` that ``url_for`` reads, from the benchmark data."""

    def __init__(self, staff_a, staff_a2):
        self.staff_a = staff_a or MISSING
        self.staff_a2 = staff_a2 or MISSING
        self.instansi_a = staff_a.instansi if staff_a else MISSING


def bench_objects(*, learner: str) -> tuple[dict, _World]:
    """One object of each kind ``url_for`` names, from the benchmark database: the demo learner's
    own (plan, course, certificate, development plan …) and its instansi's."""
    from django.contrib.auth import get_user_model

    from competencies.models import Activity, DevelopmentPlan, Goal, LevelProposal
    from learning.models import (
        Certificate,
        CourseSession,
        Enrolment,
        LessonPage,
        OutsideRecord,
        QuizAttempt,
        SessionRegistration,
    )
    from pamong.notifications.models import Notification
    from pamong.people.models import ASN
    from pamong.siasn.models import SiasnOutbox
    from pamong.socialization.models import PolicyPage
    from performance.models import (
        Evidence,
        FollowUpProposal,
        Objection,
        Period,
        Plan,
        PublicFeedback,
        PublicFeedbackChannel,
        RaterAssignment,
    )

    user = get_user_model().objects.filter(username=learner).select_related("asn__instansi").first()
    me = getattr(user, "asn", None) if user else None
    colleague = (
        ASN.objects.filter(unit_id=me.unit_id, is_active=True).exclude(pk=me.pk).order_by("pk").first()
        if me
        else None
    )
    world = _World(me, colleague)
    o: dict[str, object] = {}

    def first(qs):
        obj = qs.first()
        return MISSING if obj is None else obj

    o["chapter"] = first(PolicyPage.objects.live().order_by("path"))
    enrolment = first(
        Enrolment.objects.filter(asn=me, course__live=True).select_related("course").order_by("course__path")
    )
    course = enrolment.course if enrolment is not MISSING else MISSING
    o["course"] = course
    lessons = (
        LessonPage.objects.live().descendant_of(course).order_by("path") if course is not MISSING else None
    )
    o["lesson"] = first(lessons) if lessons is not None else MISSING
    o["quiz_lesson"] = first(lessons.filter(quiz__isnull=False)) if lessons is not None else MISSING
    o["scorm_lesson"] = first(LessonPage.objects.live().filter(scorm_package__isnull=False).order_by("path"))
    o["video_lesson"] = first(LessonPage.objects.live().filter(video__isnull=False).order_by("path"))
    o["attempt"] = first(QuizAttempt.objects.filter(enrolment__asn=me).order_by("-pk"))
    registration = first(SessionRegistration.objects.filter(asn=me).select_related("session").order_by("-pk"))
    o["session"] = (
        registration.session if registration is not MISSING else first(CourseSession.objects.order_by("-pk"))
    )
    o["outside_record"] = first(OutsideRecord.objects.filter(asn=me).order_by("-pk"))
    o["notification"] = first(Notification.objects.filter(recipient=user).order_by("-pk"))
    o["outbox"] = first(SiasnOutbox.objects.filter(asn__instansi=world.instansi_a).order_by("-pk"))
    o["certificate"] = first(Certificate.objects.filter(enrolment__asn=me).order_by("pk"))
    closed = Period.objects.filter(instansi__isnull=True, status=Period.Status.CLOSED).order_by("-year")
    period = first(closed)
    o["period"] = period
    o["plan"] = (
        first(
            Plan.objects.filter(asn=me, period=period, evaluation__isnull=False).select_related("evaluation")
        )
        if period is not MISSING
        else MISSING
    )

    o["evidence"] = first(Evidence.objects.filter(realisation__plan_indicator__plan__asn=me).order_by("pk"))
    o["assignment"] = first(RaterAssignment.objects.filter(rater=me).order_by("submitted_at", "-pk"))
    o["objection"] = first(Objection.objects.filter(evaluation__plan__asn__instansi=world.instansi_a))
    o["proposal"] = first(FollowUpProposal.objects.filter(asn=me).order_by("pk"))
    dplan = first(DevelopmentPlan.objects.filter(asn=me).order_by("-year"))
    o["development_plan"] = dplan
    goal = first(Goal.objects.filter(plan=dplan)) if dplan is not MISSING else MISSING
    o["goal"] = goal
    o["activity"] = first(Activity.objects.filter(goal=goal)) if goal is not MISSING else MISSING
    o["level_proposal"] = first(LevelProposal.objects.filter(asn=me))
    channel = first(
        PublicFeedbackChannel.objects.filter(unit__instansi=world.instansi_a, is_active=True).order_by("pk")
    )
    o["channel"] = channel
    o["feedback"] = (
        first(PublicFeedback.objects.filter(channel=channel, status="pending"))
        if channel is not MISSING
        else MISSING
    )
    return o, world


def page_url(key: str, o: dict, world) -> str | None:
    """The permission matrix's URL for ``key``; module and lesson pages by the course's own slugs
    (the fixture's are fixed). ``None`` when the benchmark data has no object for it."""
    from django.core.exceptions import ObjectDoesNotExist
    from django.urls import NoReverseMatch, reverse

    from tests.security.targets import url_for

    try:
        if key in ("learning:module", "learning:lesson"):
            lesson = o["lesson"]
            if lesson is MISSING:
                return None
            module = lesson.get_parent()
            args = [o["course"].slug, module.slug] + ([lesson.slug] if key == "learning:lesson" else [])
            return reverse(key, args=args)
        # an object kind the benchmark data (or this function) lacks is MISSING, not an error
        # for every other page: url_for builds all its argument lists at once
        url = url_for(key, defaultdict(lambda: MISSING, o), world)
    except (NoReverseMatch, AttributeError, LookupError, ValueError, TypeError, ObjectDoesNotExist):
        return None  # an object it needs (an enrolment, a plan's result …) is not in the data
    return None if "tidak-ada" in url else url


def measure_all(server, cookies: dict, log, *, only: tuple[str, ...] = ()) -> dict:
    """The quick pass: one row per (page, role); the pages over :data:`OVER_MS` listed. ``only``:
    matrix keys starting with one of these prefixes (all when empty)."""
    from .pages import LOGINS

    o, world = bench_objects(learner=LOGINS["learner"])
    rows, skipped = [], []
    for cand in candidates():
        if only and not cand.key.startswith(only):
            continue
        path = page_url(cand.key, o, world)
        row = {"key": cand.key, "role": cand.role, "who": cand.who, "path": path}
        if path is None:
            skipped.append(row | {"reason": "no object of this kind in the benchmark data"})
            continue
        try:
            result = _measure_one(server, cand, path, cookies)
        except Exception as exc:  # one broken page must not stop the pass
            result = {"status": f"error: {exc}"}
        if result.get("skip"):
            skipped.append(row | {"reason": result["skip"]})
            continue
        rows.append(row | result)
        if result.get("p95_ms") is not None:
            log(f"all pages: {cand.key} as {cand.role}: p95 {result['p95_ms']:.0f} ms")
    measured = [r for r in rows if r.get("p95_ms") is not None]
    over = sorted((r for r in measured if r["p95_ms"] > OVER_MS), key=lambda r: -r["p95_ms"])
    return {
        "method": (
            f"per page: 5 requests one at a time, then wrk {WRK_SECONDS} s with {WRK_CONNECTIONS} connections "
            f"(pages slower than {SLOW_MS / 1000:.0f} s alone: the sequential requests only)"
        ),
        "pages": rows,
        "skipped": skipped,
        "over_ms": OVER_MS,
        "over": [
            {"key": r["key"], "role": r["role"], "path": r["path"], "p95_ms": r["p95_ms"]} for r in over
        ],
    }


def _measure_one(server, cand: Candidate, path: str, cookies: dict) -> dict:
    from .httpclient import login, request
    from .pages import LOGINS
    from .wrk import wrk_run

    if cand.who not in cookies:
        cookies[cand.who] = login(server.base, username=LOGINS[cand.who], password=config.DEMO_PASSWORD)
    jar = cookies[cand.who]
    url = server.base + path
    t0 = time.monotonic()
    check = request(url, cookies=jar, timeout=120)
    first_ms = 1000 * (time.monotonic() - t0)
    if check.status != 200:
        return {"skip": f"HTTP {check.status} for this login"}
    ctype = check.headers.get("content-type", "")
    if not ctype.startswith("text/html"):
        return {"skip": f"not an HTML page ({ctype.split(';')[0] or 'no content type'})"}
    times = [] if first_ms > SLOW_MS else _sequential(url, jar, n=5)
    if first_ms > SLOW_MS or (times and times[len(times) // 2] > SLOW_MS):
        times = sorted([*times, first_ms])
        return {
            "status": "measured",
            "sequential_only": True,
            "requests": len(times),
            "p50_ms": round(times[len(times) // 2], 1),
            "p95_ms": round(times[-1], 1),
        }
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items()) or None
    load = replace(config.Load(), wrk_threads=1, wrk_connections=WRK_CONNECTIONS)
    r = wrk_run(url, cookie=cookie, load=load, duration_s=WRK_SECONDS, server_pids=server.pids())
    return {
        "status": "measured",
        "requests": r["requests"],
        "rps": r["rps"],
        "p50_ms": r["p50_ms"],
        "p95_ms": r["p95_ms"],
        "errors": r["errors"],
        "alone_p50_ms": round(times[len(times) // 2], 1),
    }


def _sequential(url: str, jar: dict, *, n: int) -> list[float]:
    from .httpclient import request

    out = []
    for _ in range(n):
        t0 = time.monotonic()
        request(url, cookies=jar, timeout=120)
        out.append(1000 * (time.monotonic() - t0))
    return sorted(out)
