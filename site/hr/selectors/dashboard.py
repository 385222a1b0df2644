"""Figures of the HR dashboard, computed from scratch over a set of ASN.

Everything is read through the other apps' selectors where they exist (``counted_activities`` and
``year_bounds`` of :mod:`competencies.selectors`, ``valid_acknowledgements`` and
``policy_chapters`` of :mod:`pamong.socialization.selectors`). What is missing there — figures per
competency, per predikat and per year over a whole set of ASN — is written here, set-based: every
figure is one aggregate SQL statement (GROUP BY) over the ASN chosen by the filters, so the number
of queries never depends on the number of ASN and no ASN is iterated in Python. The pages read the
stored figures (:mod:`pamong.hr.figures_read`); these are the reference they are checked against.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competencies.models import Competency, CurrentLevel, PositionStandard
from competencies.selectors import (
    counted_activities,  # the one definition of "activities that count in the JP ledger"
    year_bounds,
)
from learning.models import Enrolment
from learning.selectors import PNS_JP_TARGET, jp_credits, jp_target_sql
from pamong.people.models import ASN
from pamong.socialization.selectors import policy_chapters, valid_acknowledgements
from performance.models import Evaluation, Predikat

from .counts import CountRow, too_few
from .filters import Filters, asn_ids_sql, scoped_asn


def predikat_by_year(*, asn_qs: QuerySet[ASN]) -> dict[int, dict[str, int]]:
    """Final predikat counts per period year: ``{year: {predikat: n}}`` (one GROUP BY query)."""
    rows = (
        Evaluation.objects.filter(
            status=Evaluation.Status.FINAL, plan__asn__in=asn_qs.order_by().values("pk")
        )
        .order_by()
        .values("plan__period__year", "predikat")
        .annotate(n=Count("pk"))
    )
    out: dict[int, dict[str, int]] = {}
    for r in rows:
        per_year = out.setdefault(r["plan__period__year"], {})
        per_year[r["predikat"]] = per_year.get(r["predikat"], 0) + r["n"]
    return out


def predikat_rows(counts: dict[str, int]) -> list[CountRow]:
    total = sum(counts.values())
    return [CountRow(p.value, str(p.label), counts.get(p.value, 0), total) for p in Predikat]


@dataclass
class TrendRow:
    year: int
    rows: list[CountRow]

    @property
    def total(self) -> int:
        return self.rows[0].total if self.rows else 0

    @property
    def too_few(self) -> bool:
        return too_few(self.total)


def predikat_trend(by_year: dict[int, dict[str, int]]) -> list[TrendRow]:
    return [TrendRow(year, predikat_rows(by_year[year])) for year in sorted(by_year)]


#: JP buckets of the compliance chart: (key, label, lowest JP, highest JP or None).
JP_BUCKETS = (
    ("0", _("0 JP"), 0, 0),
    ("1-9", _("1–9 JP"), 1, 9),
    ("10-19", _("10–19 JP"), 10, 19),
    ("20+", _("20 JP atau lebih"), 20, None),
)


@dataclass
class JpCompliance:
    """``total`` ASN measured against a JP target (PNS: the national 20 JP; PPPK: their instansi's
    target), ``met`` of them reached it; ``untargeted`` PPPK have no target and are not counted in
    either. The buckets count every ASN."""

    year: int
    total: int
    met: int
    minimum: int
    buckets: list[CountRow]
    untargeted: int = 0

    @property
    def too_few(self) -> bool:
        return too_few(self.total)

    @property
    def percent(self) -> float:
        return round(100 * self.met / self.total, 1) if self.total else 0.0


def _jp_per_asn_sql(*, asn_qs: QuerySet[ASN], year: int) -> tuple[str, list]:
    """SQL of ``(asn id, employment type, JP of the year)`` for every ASN of ``asn_qs``: completed
    courses and JP credits (learning) plus counted non-classical activities (competencies), as in
    ``jp_ledger``."""
    ids_sql, ids_params = asn_ids_sql(asn_qs)
    start, end = year_bounds(year)
    courses = (
        Enrolment.objects.filter(
            completed_at__gte=start, completed_at__lt=end, asn_id__in=asn_qs.order_by().values("pk")
        )
        .order_by()
        .values(aid=F("asn_id"))
        .annotate(t=Sum("jp_credited"))
        .values("aid", "t")
    )
    activities = (
        counted_activities()
        .filter(done_on__year=year, goal__plan__asn_id__in=asn_qs.order_by().values("pk"))
        .order_by()
        .values(aid=F("goal__plan__asn_id"))
        .annotate(t=Sum("jp"))
        .values("aid", "t")
    )
    credits = (
        jp_credits(year=year)
        .filter(asn_id__in=asn_qs.order_by().values("pk"))
        .order_by()
        .values(aid=F("asn_id"))
        .annotate(t=Sum("jp"))
        .values("aid", "t")
    )
    c_sql, c_params = courses.query.sql_with_params()
    x_sql, x_params = activities.query.sql_with_params()
    k_sql, k_params = credits.query.sql_with_params()
    asn_t = ASN._meta.db_table
    target_sql, target_params = jp_target_sql(alias="a")
    sql = f"""
        SELECT a.id, a.employment_type, COALESCE(c.t, 0) + COALESCE(x.t, 0) + COALESCE(k.t, 0) AS jp,
               {target_sql} AS target
        FROM {asn_t} a
        LEFT JOIN ({c_sql}) c ON c.aid = a.id
        LEFT JOIN ({x_sql}) x ON x.aid = a.id
        LEFT JOIN ({k_sql}) k ON k.aid = a.id
        WHERE a.id IN ({ids_sql})
    """  # table names from model metadata, values are parameters
    return sql, [*target_params, *c_params, *x_params, *k_params, *ids_params]


def jp_compliance_summary(*, asn_qs: QuerySet[ASN], year: int) -> JpCompliance:
    """Share of ASN at or above their JP target in ``year`` (:func:`learning.selectors.jp_target_sql`:
    a PPPK whose instansi set no target is not measured), and counts per JP bucket (one query)."""
    inner, params = _jp_per_asn_sql(asn_qs=asn_qs, year=year)
    buckets_sql = ", ".join(
        f"SUM(CASE WHEN j.jp >= {int(lo)}{'' if hi is None else f' AND j.jp <= {int(hi)}'} THEN 1 ELSE 0 END)"
        for _key, _label, lo, hi in JP_BUCKETS
    )
    sql = f"""
        SELECT COUNT(j.target),
               SUM(CASE WHEN j.jp >= j.target THEN 1 ELSE 0 END),
               {buckets_sql},
               COUNT(*)
        FROM ({inner}) j
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    total, everyone = row[0] or 0, row[-1] or 0
    buckets = [
        CountRow(key, str(label), row[2 + i] or 0, everyone)
        for i, (key, label, _lo, _hi) in enumerate(JP_BUCKETS)
    ]
    return JpCompliance(
        year=year,
        total=total,
        met=row[1] or 0,
        minimum=PNS_JP_TARGET.jp,
        buckets=buckets,
        untargeted=everyone - total,
    )


@dataclass
class GapRow:
    competency: Competency
    assessed: int  # ASN whose position requires it
    below: int
    gap_total: int

    @property
    def below_percent(self) -> float:
        return round(100 * self.below / self.assessed, 1) if self.assessed else 0.0

    @property
    def too_few(self) -> bool:
        return too_few(self.assessed)

    @property
    def avg_gap(self) -> float:
        return round(self.gap_total / self.below, 1) if self.below else 0.0


def top_gaps(*, asn_qs: QuerySet[ASN], limit: int = 10) -> list[GapRow]:
    """Competencies with the most ASN below their position standard (two queries).

    Set-based without expanding every ASN × every standard: per competency, the ASN required to
    have it are counted per position (``Σ ASN of the position``); only the assessed levels are
    joined, so below = required − met and gap total = Σ required level − Σ min(level, required)."""
    ids_sql, ids_params = asn_ids_sql(asn_qs)
    asn_t, std_t, cur_t = ASN._meta.db_table, PositionStandard._meta.db_table, CurrentLevel._meta.db_table
    sql = f"""
        SELECT st.competency_id, st.assessed, st.assessed - COALESCE(cu.met, 0) AS below,
               st.required_total - COALESCE(cu.level_total, 0)
        FROM (
          SELECT s.competency_id, SUM(n.cnt) AS assessed, SUM(n.cnt * s.required_level) AS required_total
          FROM {std_t} s
          JOIN (SELECT a.jabatan_id, COUNT(*) AS cnt FROM {asn_t} a WHERE a.id IN ({ids_sql})
                GROUP BY a.jabatan_id) n ON n.jabatan_id = s.jabatan_id
          GROUP BY s.competency_id
        ) st
        LEFT JOIN (
          SELECT s.competency_id,
                 SUM(CASE WHEN c.level >= s.required_level THEN 1 ELSE 0 END) AS met,
                 SUM(CASE WHEN c.level < s.required_level THEN c.level ELSE s.required_level END) AS level_total
          FROM {cur_t} c
          JOIN {asn_t} a ON a.id = c.asn_id
          JOIN {std_t} s ON s.jabatan_id = a.jabatan_id AND s.competency_id = c.competency_id
          WHERE a.id IN ({ids_sql})
          GROUP BY s.competency_id
        ) cu ON cu.competency_id = st.competency_id
        WHERE st.assessed - COALESCE(cu.met, 0) > 0
        ORDER BY below DESC, st.competency_id
        LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids_params, *ids_params, limit])
        rows = cursor.fetchall()
    competencies = Competency.objects.in_bulk([r[0] for r in rows])
    return [
        GapRow(competencies[r[0]], int(r[1]), int(r[2] or 0), int(r[3] or 0))
        for r in rows
        if r[0] in competencies
    ]


@dataclass
class Coverage:
    total: int
    complete: int
    chapters: list[CountRow]

    @property
    def too_few(self) -> bool:
        return too_few(self.total)

    @property
    def percent(self) -> float:
        return round(100 * self.complete / self.total, 1) if self.total else 0.0


def socialization_coverage(*, asn_qs: QuerySet[ASN]) -> Coverage:
    """ASN who acknowledged every policy chapter, and acknowledgements per chapter (three queries).

    Valid acknowledgements are socialization's own definition (``valid_acknowledgements``)."""
    chapters = list(policy_chapters().only("id", "title", "path", "depth"))
    ids = [c.pk for c in chapters]
    asn_ids = asn_qs.order_by().values("pk")
    acks = valid_acknowledgements().filter(page_id__in=ids, user__asn__in=asn_ids)
    per_chapter = dict(acks.order_by().values("page_id").annotate(n=Count("pk")).values_list("page_id", "n"))
    readers_of_all = (
        valid_acknowledgements()
        .filter(page_id__in=ids)
        .order_by()
        .values("user_id")
        .annotate(c=Count("pk"))
        .filter(c__gte=len(ids))
        .values("user_id")
    )
    complete_q = Q(user_id__in=readers_of_all) if ids else Q(pk__in=[])
    agg = asn_qs.order_by().aggregate(total=Count("pk"), complete=Count("pk", filter=complete_q))
    total = agg["total"] or 0
    rows = [CountRow(str(c.pk), c.title, per_chapter.get(c.pk, 0), total) for c in chapters]
    return Coverage(total=total, complete=agg["complete"] or 0, chapters=rows)


@dataclass
class Training:
    total: int
    completed: int
    overdue: int
    courses: list[CountRow]

    @property
    def too_few(self) -> bool:
        return too_few(self.total)

    @property
    def percent(self) -> float:
        return round(100 * self.completed / self.total, 1) if self.total else 0.0


def training_completion(*, asn_qs: QuerySet[ASN], year: int, limit: int = 10) -> Training:
    """Enrolments started in ``year`` by ASN of ``asn_qs``: completed, overdue, and the courses
    with most enrolments with their completion (two queries)."""
    start, end = year_bounds(year)
    today = timezone.localdate()
    qs = Enrolment.objects.filter(
        asn__in=asn_qs.order_by().values("pk"), enrolled_at__gte=start, enrolled_at__lt=end
    ).order_by()
    done = Q(completed_at__isnull=False)
    agg = qs.aggregate(
        total=Count("pk"),
        completed=Count("pk", filter=done),
        overdue=Count("pk", filter=Q(completed_at__isnull=True, due_date__lt=today)),
    )
    per_course = (
        qs.values("course_id", "course__title")
        .annotate(n=Count("pk"), c=Count("pk", filter=done))
        .order_by("-n", "course__title")[:limit]
    )
    courses = [CountRow(str(r["course_id"]), r["course__title"], r["c"], r["n"]) for r in per_course]
    return Training(agg["total"] or 0, agg["completed"] or 0, agg["overdue"] or 0, courses)


@dataclass
class Dashboard:
    filters: Filters
    asn_total: int
    predikat: list[CountRow]
    evaluated: int
    trend: list[TrendRow]
    jp: JpCompliance
    gaps: list[GapRow]
    coverage: Coverage
    training: Training
    pending: int = 0  # units whose stored figures are still being recomputed (pamong.hr.figures)


def dashboard_for(*, user, filters: Filters) -> Dashboard:
    """Every figure of the HR dashboard computed from scratch over the scoped ASN (about ten
    queries, but each counts every ASN of the scope). The pages read the stored figures instead
    (:func:`pamong.hr.figures_read.dashboard_from_figures`); this is the reference they are
    checked against."""
    asn_qs = scoped_asn(user=user, filters=filters)
    by_year = predikat_by_year(asn_qs=asn_qs)
    predikat = predikat_rows(by_year.get(filters.year, {}))
    coverage = socialization_coverage(asn_qs=asn_qs)
    return Dashboard(
        filters=filters,
        asn_total=coverage.total,
        predikat=predikat,
        evaluated=sum(r.count for r in predikat),
        trend=predikat_trend(by_year),
        jp=jp_compliance_summary(asn_qs=asn_qs, year=filters.year),
        gaps=top_gaps(asn_qs=asn_qs),
        coverage=coverage,
        training=training_completion(asn_qs=asn_qs, year=filters.year),
    )
