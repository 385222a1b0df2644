"""History at Jambi scale, written set-based (``INSERT … SELECT``), never one row per ASN from Python.

* learning: enrolments of every ASN (except the demo logins, whose story ``seed_learning`` tells) in
  the live courses, and lesson completions, at least :attr:`Scale.min_progress_rows` rows;
* performance: one closed and one running province-wide period, an agreed SKP for every active
  ASN in both, a final evaluation (predikat from the regulatory matrix) for everyone in the closed one;
* socialization: acknowledgements of the first chapters by every ASN user.

Every statement ends in ``ON CONFLICT DO NOTHING`` or skips rows that exist, so it is idempotent.
Table and column names come from the apps' models. A marker table (``bench_marker``) records a
finished run so the next ``make bench`` reuses the database.

One module, longer than most: each function is one table's history in SQL, written in the order the
tables depend on each other; they share the SQL helpers at the top.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

MARKER_TABLE = "bench_marker"


@dataclass
class HistoryResult:
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _c(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _scalar(sql: str, params=()) -> int:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    return int(row[0] or 0) if row else 0


def _exec(sql: str, params=()) -> int:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.rowcount


def _bulk_session() -> None:
    """Inside a transaction about to write hundreds of thousands of rows: sort and aggregate in
    memory (the default 4 MB spills the per-enrolment GROUP BYs to disk) and do not wait for the
    WAL flush at commit (a crash loses the seeding, which is then run again)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        cur.execute("SET LOCAL work_mem = '256MB'")
        cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cur.execute("SET LOCAL synchronous_commit = off")


def _demo_user_ids() -> list[int]:
    from django.contrib.auth import get_user_model

    from pamong.people.demo import demo_logins

    names = [u for u, _d in demo_logins()]
    return list(get_user_model().objects.filter(username__in=names).values_list("pk", flat=True)) or [0]


# --- marker ------------------------------------------------------------------------------------


def marker_get() -> dict[str, str]:
    if MARKER_TABLE not in connection.introspection.table_names():
        return {}
    with connection.cursor() as cur:
        cur.execute(f"SELECT key, value FROM {MARKER_TABLE}")
        return dict(cur.fetchall())


def marker_set(values: dict[str, str]) -> None:
    with connection.cursor() as cur:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (key text PRIMARY KEY, value text NOT NULL, "
            "updated_at timestamptz NOT NULL DEFAULT now())"
        )
        for key, value in values.items():
            cur.execute(
                f"INSERT INTO {MARKER_TABLE} (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
                [key, str(value)],
            )


# --- counts ------------------------------------------------------------------------------------


def data_sizes() -> dict[str, int]:
    """Row counts of the tables that matter (exact counts; a few hundred ms at this scale)."""
    from django.contrib.sessions.models import Session

    from pamong.people.models import ASN, Instansi, UnitKerja

    models = {"instansi": Instansi, "unit_kerja": UnitKerja, "asn": ASN, "sessions": Session}
    try:
        from learning.models import CoursePage, Enrolment, LessonCompletion, LessonPage, QuizAttempt

        models |= {
            "courses": CoursePage,
            "lessons": LessonPage,
            "enrolments": Enrolment,
            "lesson_progress_rows": LessonCompletion,
            "quiz_attempts": QuizAttempt,
        }
    except ImportError:
        pass
    try:
        from performance.models import Evaluation, Period, Plan, PublicFeedback

        models |= {
            "periods": Period,
            "skp_plans": Plan,
            "evaluations": Evaluation,
            "public_feedback": PublicFeedback,
        }
    except ImportError:
        pass
    try:
        from pamong.socialization.models import PolicyAcknowledgement, PolicyPage

        models |= {"policy_chapters": PolicyPage, "acknowledgements": PolicyAcknowledgement}
    except ImportError:
        pass
    return {name: _scalar(f"SELECT count(*) FROM {_t(model)}") for name, model in models.items()}


# --- learning ----------------------------------------------------------------------------------


def _lessons_sql() -> str:
    """Live lessons with their module and course, rank in the course (tree order), the course's lesson count."""
    from wagtail.models import Page

    from learning.models import CoursePage, LessonPage

    p, lesson, course = _t(Page), _t(LessonPage), _t(CoursePage)
    return f"""
        SELECT l.page_ptr_id AS lesson_id, c.page_ptr_id AS course_id, mp.id AS module_id, l.quiz_id AS quiz_id,
               row_number() OVER (PARTITION BY c.page_ptr_id ORDER BY lp.path) AS rank,
               count(*) OVER (PARTITION BY c.page_ptr_id) AS n
        FROM {lesson} l
        JOIN {p} lp ON lp.id = l.page_ptr_id AND lp.live
        JOIN {p} mp ON mp.path = left(lp.path, -{Page.steplen}) AND mp.live
        JOIN {p} cp ON cp.path = left(lp.path, -{2 * Page.steplen}) AND cp.live
        JOIN {course} c ON c.page_ptr_id = cp.id
    """


def learning_history(*, min_rows: int, result: HistoryResult) -> None:
    try:
        from learning.models import (
            Certificate,
            CoursePage,
            Enrolment,
            LessonCompletion,
            ModuleCompletion,
        )
        from learning.rules import DEFAULT_ISSUER
        from pamong.people.models import ASN
    except ImportError:
        result.notes.append("learning: app not importable, no learning history")
        return
    started = time.monotonic()
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT course_id, max(n) FROM ({_lessons_sql()}) s GROUP BY course_id ORDER BY course_id"
        )
        courses = cur.fetchall()
    if not courses:
        result.notes.append(
            "learning: no live course with lessons (seed_learning not built yet?): no history"
        )
        return
    have = _scalar(f"SELECT count(*) FROM {_t(LessonCompletion)}")
    if have >= min_rows:
        result.counts["lesson_progress_rows"] = have
        result.notes.append(f"learning: {have:,} lesson-progress rows already there")
        return
    n_asn = _scalar(f"SELECT count(*) FROM {_t(ASN)} WHERE is_active")
    # Every ASN (but the demo logins, whose story seed_learning tells) is enrolled in every live
    # course; a share ``full`` (percent) finished the course, the others the first k lessons
    # (k uniform in 1..n-1). ``full`` is the smallest share that reaches min_rows.
    lessons_total = sum(n for _c, n in courses)
    partial = sum(n / 2 for _c, n in courses)
    need = min_rows * 1.04 / max(n_asn, 1)
    # Rounded up, and none when the partial courses alone reach the target (int() + 1 gave 1 %
    # there, so whether any new enrolment finished depended on the ids).
    full = (
        100
        if lessons_total <= partial
        else max(0, min(100, math.ceil(100 * (need - partial) / (lessons_total - partial))))
    )
    result.counts["finished_share_percent"] = full
    if n_asn * lessons_total < min_rows:
        result.notes.append(
            f"learning: {len(courses)} courses with {lessons_total} lessons: at most {n_asn * lessons_total:,} "
            f"progress rows (target {min_rows:,})"
        )
    e, lc, mc, cert, a, cp = (
        _t(Enrolment),
        _t(LessonCompletion),
        _t(ModuleCompletion),
        _t(Certificate),
        _t(ASN),
        _t(CoursePage),
    )
    from wagtail.models import Page

    pg = _t(Page)
    demo = _demo_user_ids()
    mine = f"en.asn_id IN (SELECT id FROM {a} WHERE user_id <> ALL(%s))"
    with transaction.atomic():
        _bulk_session()
        # Enrolments already there (seed_learning's assignments and sample learners) get the rows
        # below added and their progress recomputed; the new ones are written with their progress,
        # completion and JP already set, from the same rule that picks their lesson rows (no
        # second pass over 270,000 rows and a GROUP BY over a million).
        before = _scalar(f"SELECT coalesce(max(id), 0) FROM {e}")
        result.counts["enrolments_inserted"] = _exec(
            f"""
            INSERT INTO {e} ({_c(Enrolment, "asn")}, {_c(Enrolment, "course")}, {_c(Enrolment, "source")},
                             {_c(Enrolment, "enrolled_at")}, {_c(Enrolment, "progress")},
                             {_c(Enrolment, "completed_at")}, {_c(Enrolment, "jp_credited")})
            SELECT x.asn_id, x.course_id, 'self', x.enrolled_at, (100 * x.done / x.n)::int,
                   CASE WHEN x.done >= x.n THEN x.enrolled_at + make_interval(days => x.n::int) END,
                   CASE WHEN x.done >= x.n THEN c.jp ELSE 0 END
            FROM (
                SELECT a.id AS asn_id, l.course_id, l.n,
                       now() - make_interval(days => 30 + ((a.id * 13 + l.course_id * 7) %% 150)::int) AS enrolled_at,
                       CASE WHEN ((a.id * 31 + l.course_id) %% 100) < %s THEN l.n
                            ELSE least(l.n, 1 + ((a.id * 17 + l.course_id) %% greatest(l.n - 1, 1))) END AS done
                FROM {a} a CROSS JOIN (SELECT course_id, max(n) AS n FROM ({_lessons_sql()}) s GROUP BY 1) l
                WHERE a.is_active AND a.user_id <> ALL(%s)
            ) x JOIN {cp} c ON c.page_ptr_id = x.course_id
            ON CONFLICT DO NOTHING
            """,
            [full, demo],
        )
        result.counts["lesson_progress_inserted"] = _exec(
            f"""
            INSERT INTO {lc} ({_c(LessonCompletion, "enrolment")}, {_c(LessonCompletion, "lesson")},
                              {_c(LessonCompletion, "via")}, {_c(LessonCompletion, "completed_at")})
            SELECT en.id, l.lesson_id, CASE WHEN l.quiz_id IS NULL THEN 'marked' ELSE 'quiz' END,
                   en.enrolled_at + make_interval(days => l.rank::int)
            FROM {e} en JOIN ({_lessons_sql()}) l ON l.course_id = en.course_id
            WHERE (en.id > %s OR en.completed_at IS NULL) AND {mine}
              AND (((en.asn_id * 31 + en.course_id) %% 100) < %s
                   OR l.rank <= 1 + ((en.asn_id * 17 + en.course_id) %% greatest(l.n - 1, 1)))
            ON CONFLICT DO NOTHING
            """,
            [before, demo, full],
        )
        # The enrolments that were already there: progress from their rows; all lessons done is complete.
        _exec(
            f"""
            UPDATE {e} en
            SET {_c(Enrolment, "progress")} = (100 * d.done / l.n)::int,
                {_c(Enrolment, "completed_at")} = CASE WHEN d.done >= l.n THEN d.last END,
                {_c(Enrolment, "jp_credited")} = CASE WHEN d.done >= l.n THEN c.jp ELSE 0 END
            FROM (SELECT {_c(LessonCompletion, "enrolment")} AS eid, count(*) AS done, max(completed_at) AS last
                  FROM {lc} WHERE {_c(LessonCompletion, "enrolment")} <= %s GROUP BY 1) d,
                 (SELECT course_id, max(n) AS n FROM ({_lessons_sql()}) s GROUP BY 1) l,
                 {cp} c
            WHERE d.eid = en.id AND l.course_id = en.course_id AND c.page_ptr_id = en.course_id
              AND en.id <= %s AND en.completed_at IS NULL AND {mine}
            """,
            [before, before, demo],
        )
        result.counts["module_completions_inserted"] = _exec(
            f"""
            INSERT INTO {mc} ({_c(ModuleCompletion, "enrolment")}, {_c(ModuleCompletion, "module")},
                              {_c(ModuleCompletion, "completed_at")})
            SELECT x.enrolment_id, x.module_id, x.last FROM (
                SELECT lc.enrolment_id, l.module_id, max(lc.completed_at) AS last, count(*) AS done
                FROM {lc} lc JOIN ({_lessons_sql()}) l ON l.lesson_id = lc.lesson_id
                JOIN {e} en ON en.id = lc.enrolment_id
                WHERE {mine}
                GROUP BY 1, 2
            ) x
            JOIN (SELECT module_id, count(*) AS n FROM ({_lessons_sql()}) s GROUP BY 1) m ON m.module_id = x.module_id
            WHERE x.done >= m.n
            ON CONFLICT DO NOTHING
            """,
            [demo],
        )
        result.counts["certificates_inserted"] = _exec(
            f"""
            INSERT INTO {cert} ({_c(Certificate, "enrolment")}, {_c(Certificate, "code")},
                                {_c(Certificate, "holder_name")}, {_c(Certificate, "holder_nip")},
                                {_c(Certificate, "course_title")}, {_c(Certificate, "jp")},
                                {_c(Certificate, "completed_at")}, {_c(Certificate, "issuer")},
                                {_c(Certificate, "issued_at")}, {_c(Certificate, "revoked_reason")})
            SELECT en.id, 'BENCH-' || substr(md5(en.id::text || '-pamong-bench'), 1, 24), a.name, a.nip, g.title,
                   c.jp, en.completed_at, coalesce(nullif(c.organiser, ''), %s), en.completed_at, ''
            FROM {e} en JOIN {a} a ON a.id = en.asn_id JOIN {cp} c ON c.page_ptr_id = en.course_id
            JOIN {pg} g ON g.id = en.course_id
            WHERE en.completed_at IS NOT NULL AND a.user_id <> ALL(%s)
            ON CONFLICT DO NOTHING
            """,
            [DEFAULT_ISSUER, demo],
        )
    result.counts["lesson_progress_rows"] = _scalar(f"SELECT count(*) FROM {lc}")
    result.seconds["learning"] = time.monotonic() - started


def learner_lesson_url(*, username: str) -> str | None:
    """A lesson without a quiz in a course the demo learner is enrolled in (enrolled by the service if not)."""
    from django.contrib.auth import get_user_model

    try:
        from learning import services
        from learning.models import CoursePage, Enrolment, LessonPage
    except ImportError:
        return None
    user = get_user_model().objects.filter(username=username).select_related("asn").first()
    if user is None or not hasattr(user, "asn"):
        return None
    course_ids = list(Enrolment.objects.filter(asn=user.asn).values_list("course_id", flat=True))
    for course in CoursePage.objects.live().filter(pk__in=course_ids).order_by("path"):
        lesson = (
            LessonPage.objects.live().descendant_of(course).filter(quiz__isnull=True).order_by("path").first()
        )
        if lesson:
            return lesson.get_url()
    # Not enrolled anywhere with a plain lesson: enrol through the learning service (as the learner would).
    for course in CoursePage.objects.live().order_by("path"):
        lesson = (
            LessonPage.objects.live().descendant_of(course).filter(quiz__isnull=True).order_by("path").first()
        )
        if lesson is None:
            continue
        try:
            services.enrolment_self_create(user=user, course=course)
        except services.LearningError:
            continue
        return lesson.get_url()
    return None


# --- performance -------------------------------------------------------------------------------


def _period(year: int, status: str):
    from performance.models import CheckIn, Period

    period = Period.objects.filter(year=year, instansi__isnull=True).first()
    if period is None:
        period = Period.objects.create(
            name=f"Periode Kinerja {year}",
            year=year,
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            status=status,
            closed_at=timezone.now() if status == Period.Status.CLOSED else None,
        )
        CheckIn.objects.bulk_create(
            [
                CheckIn(period=period, number=n, label=f"Triwulan {n}", due_on=dt.date(year, 3 * n, 28))
                for n in range(1, period.checkins_per_year + 1)
            ],
            ignore_conflicts=True,
        )
    return period


def performance_history(*, result: HistoryResult) -> None:
    try:
        from pamong.people.models import ASN
        from performance.models import Evaluation, Period, Plan, PredikatMatrixCell
    except ImportError:
        result.notes.append("performance: app not importable, no performance history")
        return
    started = time.monotonic()
    year = timezone.localdate().year
    with transaction.atomic():
        _bulk_session()
        closed = _period(year - 1, Period.Status.CLOSED)
        running = _period(year, Period.Status.RUNNING)
        if closed.status != Period.Status.CLOSED:
            closed.status, closed.closed_at = Period.Status.CLOSED, closed.closed_at or timezone.now()
            closed.save(update_fields=["status", "closed_at"])
        p, a = _t(Plan), _t(ASN)
        inserted = 0
        for period in (closed, running):
            inserted += _exec(
                f"""
                INSERT INTO {p} ({_c(Plan, "asn")}, {_c(Plan, "period")}, {_c(Plan, "atasan")},
                                 {_c(Plan, "status")}, {_c(Plan, "agreed_at")}, {_c(Plan, "created_at")})
                SELECT a.id, %s, a.atasan_id, %s, %s, %s FROM {a} a WHERE a.is_active
                ON CONFLICT DO NOTHING
                """,
                [
                    period.pk,
                    Plan.Status.AGREED,
                    timezone.make_aware(dt.datetime(period.year, 1, 31, 9)),
                    timezone.make_aware(dt.datetime(period.year, 1, 15, 9)),
                ],
            )
        result.counts["skp_plans_inserted"] = inserted
        ev, m = _t(Evaluation), _t(PredikatMatrixCell)
        # Ratings spread like a real organisation: mostly "sesuai", some above, a few below.
        rows = _exec(
            f"""
            WITH r AS (
                SELECT pl.id AS plan_id,
                       CASE WHEN pl.asn_id %% 10 < 2 THEN 'di_atas' WHEN pl.asn_id %% 10 < 9 THEN 'sesuai'
                            ELSE 'di_bawah' END AS hk,
                       CASE WHEN pl.asn_id %% 7 < 1 THEN 'di_atas' WHEN pl.asn_id %% 7 < 6 THEN 'sesuai'
                            ELSE 'di_bawah' END AS pk
                FROM {p} pl WHERE pl.period_id = %s
                  AND NOT EXISTS (SELECT 1 FROM {ev} x WHERE x.plan_id = pl.id)
            )
            INSERT INTO {ev} ({_c(Evaluation, "plan")}, {_c(Evaluation, "status")},
                              {_c(Evaluation, "proposed_hasil_kerja")}, {_c(Evaluation, "proposed_perilaku_kerja")},
                              {_c(Evaluation, "hasil_kerja")}, {_c(Evaluation, "perilaku_kerja")},
                              {_c(Evaluation, "hasil_kerja_reason")}, {_c(Evaluation, "perilaku_kerja_reason")},
                              {_c(Evaluation, "predikat")}, {_c(Evaluation, "explanation")},
                              {_c(Evaluation, "evaluated_at")}, {_c(Evaluation, "finalised_at")})
            SELECT r.plan_id, %s, r.hk, r.pk, r.hk, r.pk, '', '', m.predikat, '{{}}'::jsonb, %s, %s
            FROM r JOIN {m} m ON m.hasil_kerja = r.hk AND m.perilaku_kerja = r.pk
            ON CONFLICT DO NOTHING
            """,
            [
                closed.pk,
                Evaluation.Status.FINAL,
                timezone.make_aware(dt.datetime(closed.year, 12, 20, 9)),
                timezone.make_aware(dt.datetime(closed.year, 12, 31, 9)),
            ],
        )
        result.counts["evaluations_inserted"] = rows
    result.seconds["performance"] = time.monotonic() - started


# --- socialization -----------------------------------------------------------------------------


def socialization_history(*, result: HistoryResult) -> None:
    try:
        from wagtail.models import Page

        from pamong.people.models import ASN
        from pamong.socialization.models import PolicyAcknowledgement, PolicyPage
    except ImportError:
        result.notes.append("socialization: app not importable, no acknowledgements")
        return
    started = time.monotonic()
    ack, pp, pg, a = _t(PolicyAcknowledgement), _t(PolicyPage), _t(Page), _t(ASN)
    n = _scalar(f"SELECT count(*) FROM {pp}")
    if not n:
        result.notes.append("socialization: no policy chapters: no acknowledgements")
        return
    # Every ASN user has read the first k chapters, k in 0..n (a seventh has read none).
    rows = _exec(
        f"""
        WITH ch AS (
            SELECT p.page_ptr_id AS page_id, g.live_revision_id AS rev, p.ack_valid_from AS valid_from,
                   row_number() OVER (ORDER BY g.path) AS rank
            FROM {pp} p JOIN {pg} g ON g.id = p.page_ptr_id AND g.live
        )
        INSERT INTO {ack} ({_c(PolicyAcknowledgement, "user")}, {_c(PolicyAcknowledgement, "page")},
                           {_c(PolicyAcknowledgement, "revision")}, {_c(PolicyAcknowledgement, "acknowledged_at")})
        SELECT a.user_id, ch.page_id, ch.rev,
               GREATEST(coalesce(ch.valid_from, now() - interval '60 days'),
                        now() - make_interval(hours => ((a.id * 37 + ch.rank) %% 1000)::int))
        FROM {a} a JOIN ch ON ch.rank <= (a.id %% (%s + 2))
        WHERE a.is_active AND a.user_id IS NOT NULL AND a.user_id <> ALL(%s)
        ON CONFLICT DO NOTHING
        """,
        [n, _demo_user_ids()],
    )
    result.counts["acknowledgements_inserted"] = rows
    result.seconds["socialization"] = time.monotonic() - started


def history_build(*, min_progress_rows: int) -> HistoryResult:
    result = HistoryResult()
    learning_history(min_rows=min_progress_rows, result=result)
    performance_history(result=result)
    socialization_history(result=result)
    call_command("check_aggregates", "--rebuild")  # HR figures from the history just written (set-based)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return result
