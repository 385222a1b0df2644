"""The mixed "training push" scenario: Locust, headless, bounded in users and time.

The plan (who is logged in, which lessons, dashboards and forms exist) is prepared here, in-process,
and handed to :mod:`benchmarks.locustfile` as JSON. Learners' sessions are created directly in the
session store (the same rows a login writes): logging 300 people in through the form would only
measure the password hasher. The wrk pages still log in through the form.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import time
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils import timezone
from django.utils.crypto import get_random_string

from . import config, cpu
from .environment import niced, renice_backends
from .pages import PAGES, resolve

HR_LOGINS = ["hr.dinkes", "hr.dlh", "bkpsdm"]


def _backend() -> str:
    backends = list(settings.AUTHENTICATION_BACKENDS)
    return next((b for b in backends if b.endswith("ModelBackend")), backends[-1])


def session_for(user) -> dict[str, str]:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = _backend()
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save(must_create=True)
    return {settings.SESSION_COOKIE_NAME: store.session_key, settings.CSRF_COOKIE_NAME: get_random_string(32)}


def _learners(n: int) -> list[dict]:
    try:
        from learning.models import CoursePage, Enrolment, LessonPage
    except ImportError:
        return []
    from pamong.people.demo import demo_logins

    demo = [u for u, _d in demo_logins()]
    enrolments = (
        list(
            Enrolment.objects.filter(completed_at__isnull=True, asn__is_active=True)
            .exclude(asn__user__username__in=demo)
            .order_by("asn_id", "course_id")
            .distinct("asn_id")
            .select_related("asn__user")[: n * 20 : 20]
        )
        if connection_is_postgres()
        else []
    )
    courses: dict[int, list[dict]] = {}
    out = []
    for e in enrolments:
        if e.course_id not in courses:
            course = CoursePage.objects.get(pk=e.course_id)
            courses[e.course_id] = [
                {"id": lesson.pk, "url": lesson.get_url(), "quiz": bool(lesson.quiz_id)}
                for lesson in LessonPage.objects.live().descendant_of(course).order_by("path")
            ]
        if courses[e.course_id]:
            out.append(
                {"asn_id": e.asn_id, "cookies": session_for(e.asn.user), "lessons": courses[e.course_id]}
            )
    return out


def connection_is_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def _hr() -> list[dict]:
    from pamong.people.access import scope_for
    from pamong.people.models import ASN

    out = []
    hr_pages = [p for p in PAGES if p.who == "hr" and p.key != "asn_profile"]
    for username in HR_LOGINS:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            continue
        ids = list(scope_for(user).hr_instansi_ids() or [])
        qs = ASN.objects.filter(is_active=True)
        if ids:
            qs = qs.filter(instansi_id__in=ids)
        profiles = [_profile_url(pk) for pk in qs.order_by("pk").values_list("pk", flat=True)[:4000:20]]
        dashboards = [u for u in (resolve(p) for p in hr_pages) if u]
        out.append(
            {
                "username": username,
                "cookies": session_for(user),
                "profiles": profiles,
                "dashboards": dashboards,
            }
        )
    return out


def _profile_url(pk: int) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("hr:profile", args=[pk])
    except NoReverseMatch:
        return reverse("people:asn_detail", args=[pk])


def _feedback_forms() -> list[str]:
    try:
        from performance.models import PublicFeedbackChannel
    except ImportError:
        return []
    return [
        c.get_absolute_url() for c in PublicFeedbackChannel.objects.filter(is_active=True).order_by("pk")[:50]
    ]


def plan_build(*, users: int) -> dict:
    return {"learners": _learners(users), "hr": _hr(), "feedback_forms": _feedback_forms()}


def locust_run(
    *, base: str, plan: dict, load: config.Load, server_pids: list[int], run_time_s: int, nice: int = 0
) -> dict:
    config.WORK_DIR.mkdir(parents=True, exist_ok=True)
    plan_path = config.WORK_DIR / "locust_plan.json"
    plan_path.write_text(json.dumps(plan))
    prefix = config.WORK_DIR / "locust"
    for old in config.WORK_DIR.glob("locust_*.csv"):
        old.unlink()
    cmd = [
        str(Path(os.sys.executable).with_name("locust")),
        "-f",
        str(config.BENCH_DIR / "locustfile.py"),
        "--headless",
        "--host",
        base,
        "--users",
        str(load.locust_users),
        "--spawn-rate",
        str(load.locust_spawn_rate),
        "--run-time",
        f"{run_time_s}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = dict(os.environ, BENCH_PLAN=str(plan_path), BENCH_PACING=str(load.locust_pacing_s))
    log = open(config.WORK_DIR / "locust.log", "wb")  # noqa: SIM115
    renice_backends(nice)
    started_at = timezone.now()
    before, t0, c0 = cpu.snapshot(server_pids), time.monotonic(), cpu.children_cpu()
    proc = subprocess.Popen(
        niced(cmd, nice),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=config.ROOT,
        start_new_session=True,
    )
    try:
        proc.wait(timeout=run_time_s + 120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        log.close()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    elapsed = time.monotonic() - t0
    after = cpu.snapshot(server_pids)
    return locust_read(Path(f"{prefix}_stats.csv")) | {
        "cpu_cores": cpu.share(before, after, elapsed, cpu.children_cpu() - c0),
        "exit_code": proc.returncode,
        "completions": completions_check(
            asn_ids=[x["asn_id"] for x in plan.get("learners", []) if "asn_id" in x], since=started_at
        ),
    }


def completions_check(*, asn_ids: list[int], since) -> dict:
    """What the push wrote for its learners since ``since``, and what was lost: every enrolment they
    touched is recomputed from its completions and attempts. ``lost`` counts a progress that differs
    from the recomputation, a complete module without its completion row, a passed lesson quiz
    without the lesson's completion, a complete course not marked completed or without its
    certificate, and a course completed in the run whose event never reached its receiver (no
    training evidence in ``competencies``). It must be 0."""
    try:
        from learning.models import Enrolment, LessonCompletion, ModuleCompletion, QuizAttempt
        from learning.selectors import course_outline
    except ImportError:
        return {}
    try:
        from competencies.models import TrainingEvidence
    except ImportError:
        TrainingEvidence = None
    asn_ids = sorted(set(asn_ids))
    new_lessons = LessonCompletion.objects.filter(enrolment__asn_id__in=asn_ids, completed_at__gte=since)
    submitted = QuizAttempt.objects.filter(enrolment__asn_id__in=asn_ids, submitted_at__gte=since)
    touched = set(new_lessons.values_list("enrolment_id", flat=True)) | set(
        submitted.values_list("enrolment_id", flat=True)
    )
    lost: dict[str, int] = {
        "progress": 0,
        "module": 0,
        "lesson": 0,
        "course": 0,
        "certificate": 0,
        "event": 0,
    }
    courses_completed = 0
    enrolments = Enrolment.objects.filter(pk__in=touched).select_related("course", "certificate")
    for enrolment in enrolments:
        course = enrolment.course
        outline = course_outline(
            course_path=course.path, course_depth=course.depth, root_url_path="/", enrolment_id=enrolment.pk
        )
        if outline is None:
            continue
        if not enrolment.completed_at and enrolment.progress != outline.percent:
            lost["progress"] += 1
        modules = set(
            ModuleCompletion.objects.filter(enrolment=enrolment).values_list("module_id", flat=True)
        )
        lost["module"] += sum(1 for m in outline.modules if m.complete and m.id not in modules)
        passed_lessons = set(
            QuizAttempt.objects.filter(enrolment=enrolment, passed=True).values_list("page_id", flat=True)
        )
        lost["lesson"] += sum(1 for x in outline.lessons if x.id in passed_lessons and not x.done)
        if outline.complete and enrolment.completed_at is None:
            lost["course"] += 1
        if enrolment.completed_at is not None:
            if not hasattr(enrolment, "certificate"):
                lost["certificate"] += 1
            if enrolment.completed_at >= since:
                courses_completed += 1
                if (
                    TrainingEvidence is not None
                    and not TrainingEvidence.objects.filter(
                        asn_id=enrolment.asn_id, page_id=enrolment.course_id
                    ).exists()
                ):
                    lost["event"] += 1
    return {
        "learners": len(asn_ids),
        "lessons_completed": new_lessons.count(),
        "quizzes_submitted": submitted.count(),
        "quizzes_passed": submitted.filter(passed=True).count(),
        "courses_completed": courses_completed,
        "enrolments_checked": len(touched),
        "lost": sum(lost.values()),
        "lost_by_kind": lost,
    }


def locust_read(path: Path) -> dict:
    if not path.exists():
        return {"error": f"Locust wrote no statistics ({path.name}); see benchmarks/.work/locust.log"}
    rows = list(csv.DictReader(path.open()))
    by_name = {}
    total = None
    for row in rows:
        entry = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
            "p99_ms": float(row["99%"] or 0),
        }
        if row["Name"] == "Aggregated":
            total = entry
        else:
            by_name[f"{row['Type']} {row['Name']}"] = entry
    total = total or {"requests": 0, "failures": 0, "rps": 0.0, "p50_ms": 0, "p95_ms": 0, "p99_ms": 0}
    total["failure_ratio"] = round(total["failures"] / total["requests"], 4) if total["requests"] else 1.0
    failures_csv = path.with_name(path.name.replace("_stats.csv", "_failures.csv"))
    failures = list(csv.DictReader(failures_csv.open()))[:10] if failures_csv.exists() else []
    return {"total": total, "by_request": by_name, "failures": failures}
