"""Reads of the competencies app: profile and gaps, JPM, JP ledger, unit reports, plans to review.

**JPM (job-person match)**, the one formula used everywhere (profile, reports, stored fit, 9-box)::

    JPM = 100 × Σ min(current level, required level) / Σ required level

over the competencies the position requires, rounded half up to one decimal. A competency never
assessed counts as level 0; being above the standard adds nothing; a competency with a higher
required level weighs more. A position without a standard has no JPM (``None``). Python
(:func:`jpm_of`) and SQL (:func:`jpm_sql`, used by :func:`fit_sql`'s readers and by
:func:`competencies.services.fit_refresh`) compute it with the same integer arithmetic, so the
figures agree on every database. The JPM is banded by :class:`~competencies.models.JpmBand`
(default ≥ 80 % memenuhi syarat, 68–80 % masih memenuhi syarat, < 68 % kurang memenuhi syarat).
**Gap** = required − current when positive. An ASN is **below standard** when any required
competency has a gap.

The unit reports are set-based: one aggregate SQL statement over ASN ⋈ position standards ⟕
current levels (grouped per ASN, or per unit), plus one query for the rows shown, whatever the
number of ASN.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learning.models import Enrolment, JpCredit
from learning.selectors import JpTarget, jp_credits, jp_target_expression, jp_target_for
from pamong.people.access import asn_scope_q, scope_for
from pamong.people.models import ASN, UnitKerja

from .models import (
    Activity,
    Competency,
    CurrentLevel,
    DevelopmentPlan,
    Goal,
    JpmBand,
    LevelProposal,
    LevelRecord,
    PositionStandard,
    TrainingEvidence,
)

# --------------------------------------------------------------------------------------------------
# Individual profile
# --------------------------------------------------------------------------------------------------


@dataclass
class ProfileRow:
    competency: Competency
    required: int  # 0 when the position does not require it
    current: int  # 0 when never assessed
    source: str = ""
    source_label: str = ""
    assessed_on: datetime.date | None = None

    @property
    def gap(self) -> int:
        return max(0, self.required - self.current)

    @property
    def met(self) -> bool:
        return self.required > 0 and self.current >= self.required


@dataclass
class Profile:
    rows: list[ProfileRow] = field(default_factory=list)

    @property
    def required_rows(self) -> list[ProfileRow]:
        return [r for r in self.rows if r.required]

    @property
    def jpm(self) -> float | None:
        return jpm_of([(r.current, r.required) for r in self.required_rows])

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.required_rows if r.met)

    @property
    def gap_total(self) -> int:
        return sum(r.gap for r in self.rows)


def jpm_of(pairs: list[tuple[int, int]]) -> float | None:
    """JPM in percent (one decimal) of ``(current, required)`` pairs; ``None`` without a standard.

    ``100 × Σ min(current, required) / Σ required``, rounded half up (:func:`jpm_from_totals`)."""
    pairs = [(cur, req) for cur, req in pairs if req > 0]
    if not pairs:
        return None
    return jpm_from_totals(
        fit=sum(min(cur, req) for cur, req in pairs), required=sum(req for _c, req in pairs)
    )


def jpm_from_totals(*, fit: int, required: int) -> float | None:
    """``100 × fit / required`` rounded half up to one decimal, in integer arithmetic — the same
    expression as :func:`jpm_sql`, so Python and every database give the same figure."""
    if not required:
        return None
    return ((2000 * int(fit) + int(required)) // (2 * int(required))) / 10


def jpm_sql(fit: str, required: str) -> str:
    """SQL of the JPM in **tenths** of a percent (an integer), rounded half up; NULL when
    ``required`` is 0. ``fit`` and ``required`` are integer SQL expressions (Σ min, Σ required)."""
    return f"(CASE WHEN {required} > 0 THEN (2000 * {fit} + {required}) / (2 * {required}) END)"


def jpm_band_for(*, jpm: float | None, bands: list[JpmBand] | None = None) -> JpmBand | None:
    """The :class:`JpmBand` ``jpm`` falls in (the band with the highest ``min_pct`` ≤ ``jpm``);
    ``None`` without a JPM. Pass ``bands`` (from :func:`jpm_bands`) to avoid a query per call."""
    if jpm is None:
        return None
    for band in bands if bands is not None else jpm_bands():
        if Decimal(str(jpm)) >= band.min_pct:
            return band
    return None


def jpm_bands() -> list[JpmBand]:
    """Every JPM band, highest first (one query)."""
    return list(JpmBand.objects.order_by("-min_pct"))


def profile_for(*, asn: ASN) -> Profile:
    """Required and current level of every competency of the person's standard or profile (2 queries)."""
    standards = {
        s.competency_id: s
        for s in PositionStandard.objects.filter(jabatan_id=asn.jabatan_id).select_related("competency")
    }
    currents = {c.competency_id: c for c in CurrentLevel.objects.filter(asn=asn).select_related("competency")}
    rows = []
    labels = dict(CurrentLevel._meta.get_field("source").choices)
    for cid in set(standards) | set(currents):
        standard, current = standards.get(cid), currents.get(cid)
        competency = standard.competency if standard else current.competency
        rows.append(
            ProfileRow(
                competency=competency,
                required=standard.required_level if standard else 0,
                current=current.level if current else 0,
                source=current.source if current else "",
                source_label=str(labels.get(current.source, "")) if current else "",
                assessed_on=current.assessed_on if current else None,
            )
        )
    rows.sort(key=lambda r: (r.required == 0, r.competency.sort_order, r.competency.code))
    return Profile(rows=rows)


def history_for(*, asn: ASN, limit: int = 30) -> list[LevelRecord]:
    return list(
        LevelRecord.objects.filter(asn=asn)
        .select_related("competency")
        .order_by("-recorded_at", "-pk")[:limit]
    )


def gap_chart(profile: Profile, *, bar_height: int = 22, width: int = 560) -> dict:
    """Geometry of the server-rendered SVG gap chart: one row per required competency, a bar for the
    current level and a marker for the required level on a 0–5 scale (whole pixels, so no locale
    ever writes a decimal comma into the SVG)."""
    label_w, scale_w = 220, width - 240
    step = scale_w / 5
    rows = []
    for i, row in enumerate(profile.required_rows):
        y = 28 + i * (bar_height + 10)
        rows.append(
            {
                "row": row,
                "y": y,
                "text_y": y + round(bar_height * 0.7),
                "bar_w": round(row.current * step),
                "marker_x": round(label_w + row.required * step),
                "short": row.competency.name[:30],
            }
        )
    ticks = [{"x": round(label_w + n * step), "n": n} for n in range(6)]
    height = 40 + len(rows) * (bar_height + 10)
    return {
        "rows": rows,
        "ticks": ticks,
        "label_w": label_w,
        "width": width,
        "height": height,
        "bar_h": bar_height,
    }


# --------------------------------------------------------------------------------------------------
# JP ledger
# --------------------------------------------------------------------------------------------------


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """Start (inclusive) and end (exclusive) of a calendar year in local time (Asia/Jakarta)."""
    tz = timezone.get_current_timezone()
    return datetime.datetime(year, 1, 1, tzinfo=tz), datetime.datetime(year + 1, 1, 1, tzinfo=tz)


@dataclass
class LedgerEntry:
    date: datetime.date
    title: str
    kind: str
    jp: int


@dataclass
class Ledger:
    """JP of one year; ``target`` is :func:`learning.selectors.jp_target_for` (``None``: a PPPK
    whose instansi set no target — measured against nothing)."""

    year: int
    target: JpTarget | None
    entries: list[LedgerEntry]

    @property
    def minimum(self) -> int | None:
        return self.target.jp if self.target else None

    @property
    def total(self) -> int:
        return sum(e.jp for e in self.entries)

    @property
    def missing(self) -> int:
        return self.target.missing(self.total) if self.target else 0

    @property
    def percent(self) -> int | None:
        return self.target.percent(self.total) if self.target else None


#: Plans whose done non-classical activities count in the ledger.
COUNTED_PLAN_STATUSES = (DevelopmentPlan.Status.APPROVED, DevelopmentPlan.Status.COMPLETED)


def jp_ledger(*, asn: ASN, year: int) -> Ledger:
    """JP of one calendar year: courses completed in that year (learning's enrolments, local time),
    attended sessions and verified outside learning (learning's JP credits) and the non-classical
    activities of approved plans done in that year that predate verification. Three queries."""
    start, end = year_bounds(year)
    entries = [
        LedgerEntry(timezone.localdate(e.completed_at), e.course.title, str(_("Pelatihan")), e.jp_credited)
        for e in Enrolment.objects.filter(asn=asn, completed_at__gte=start, completed_at__lt=end)
        .select_related("course")
        .only("completed_at", "jp_credited", "course__title")
    ]
    labels = dict(Activity.Kind.choices)
    entries += [
        LedgerEntry(a.done_on, a.title, str(labels[a.kind]), a.jp)
        for a in counted_activities().filter(goal__plan__asn=asn, done_on__year=year)
    ]
    credit_labels = dict(JpCredit.Kind.choices)
    entries += [
        LedgerEntry(c.earned_on, c.title, str(credit_labels[c.kind]), c.jp)
        for c in jp_credits(year=year).filter(asn=asn)
    ]
    entries.sort(key=lambda e: (e.date, e.title))
    return Ledger(year=year, target=jp_target_for(asn=asn), entries=entries)


def counted_activities() -> QuerySet[Activity]:
    """Done non-classical activities of approved plans that count by themselves: those reported
    before outside learning was verified. An activity reported since has an outside record and
    counts (once verified) through learning's JP credits, never here as well."""
    return Activity.objects.filter(
        done_on__isnull=False, goal__plan__status__in=COUNTED_PLAN_STATUSES, outside_record__isnull=True
    ).exclude(kind=Activity.Kind.COURSE)


def jp_compliance(
    *, user, year: int, instansi_id: int | None = None, unit_id: int | None = None
) -> QuerySet[ASN]:
    """Active ASN in ``user``'s scope annotated with ``jp_courses``, ``jp_activities`` (every JP that
    is not a course completion: non-classical activities, attended sessions, verified outside
    learning), ``jp_total`` and ``jp_minimum`` (the JP target, :func:`learning.selectors.jp_target_expression`: NULL for a
    PPPK whose instansi set none) for ``year`` — one query, filterable and pageable."""
    start, end = year_bounds(year)
    courses = (
        Enrolment.objects.filter(asn_id=OuterRef("pk"), completed_at__gte=start, completed_at__lt=end)
        .values("asn_id")
        .annotate(t=Sum("jp_credited"))
        .values("t")
    )
    activities = (
        counted_activities()
        .filter(goal__plan__asn_id=OuterRef("pk"), done_on__year=year)
        .values("goal__plan__asn_id")
        .annotate(t=Sum("jp"))
        .values("t")
    )
    credits = (
        jp_credits(year=year)
        .filter(asn_id=OuterRef("pk"))
        .order_by()
        .values("asn_id")
        .annotate(t=Sum("jp"))
        .values("t")
    )
    qs = ASN.objects.filter(is_active=True)
    q = asn_scope_q(user)
    if q is not None:
        qs = qs.filter(q)
    if instansi_id:
        qs = qs.filter(instansi_id=instansi_id)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.annotate(
        jp_courses=Coalesce(Subquery(courses, output_field=IntegerField()), Value(0)),
        jp_activities=Coalesce(Subquery(activities, output_field=IntegerField()), Value(0))
        + Coalesce(Subquery(credits, output_field=IntegerField()), Value(0)),
        jp_minimum=jp_target_expression(),
    ).annotate(jp_total=Coalesce("jp_courses", 0) + Coalesce("jp_activities", 0))


def jp_below_minimum(*, user, year: int, instansi_id: int | None = None, unit_id: int | None = None):
    """:func:`jp_compliance` limited to ASN below their target, by unit then name (an ASN without a
    target — a PPPK whose instansi set none — is never listed)."""
    return (
        jp_compliance(user=user, year=year, instansi_id=instansi_id, unit_id=unit_id)
        .filter(jp_total__lt=F("jp_minimum"))
        .select_related("unit", "jabatan", "instansi")
        .order_by("unit__name", "name")
    )


# --------------------------------------------------------------------------------------------------
# Gap reports (set-based)
# --------------------------------------------------------------------------------------------------


@dataclass
class FitRow:
    asn: ASN
    required: int
    met: int
    jpm: float | None
    gap_total: int
    band: JpmBand | None = None


def _scope_sql(user, *, instansi_id: int | None, unit_id: int | None) -> tuple[str, list] | None:
    """SQL conditions on ``a`` (people_asn) for the user's scope and filters; ``None`` = nothing visible."""
    scope = scope_for(user)
    where, params = ["a.is_active = %s"], [True]
    hr = scope.hr_instansi_ids()
    if hr is not None:
        ors, ors_params = [], []
        if hr:
            ors.append(f"a.instansi_id IN ({', '.join(['%s'] * len(hr))})")
            ors_params += sorted(hr)
        if scope.asn_id:
            ors.append("a.id = %s")
            ors_params.append(scope.asn_id)
            if scope.is_atasan:
                ors.append(
                    f"a.atasan_id = %s OR a.atasan_id IN (SELECT id FROM {ASN._meta.db_table} WHERE atasan_id = %s)"
                )
                ors_params += [scope.asn_id, scope.asn_id]
        if not ors:
            return None
        where.append("(" + " OR ".join(ors) + ")")
        params += ors_params
    if instansi_id:
        where.append("a.instansi_id = %s")
        params.append(instansi_id)
    if unit_id:
        where.append("a.unit_id = %s")
        params.append(unit_id)
    return " AND ".join(where), params


def fit_sql(where: str) -> str:
    """The one SQL definition of the fit per ASN (JPM formula above): a SELECT of ``asn_id, unit_id,
    required, met, fit, gap_total, required_total, jpm10`` for the ASN of ``people_asn a`` matching
    ``where`` that have a position standard: ``required`` competencies, ``met`` of them, ``fit`` =
    Σ min(level, required level), ``required_total`` = Σ required level and ``jpm10`` = the JPM in
    tenths of a percent (:func:`jpm_sql`). Stored per ASN by
    :func:`competencies.services.fit_refresh` (:class:`~competencies.models.CompetencyFit`)."""
    asn_t = ASN._meta.db_table
    std_t = PositionStandard._meta.db_table
    cur_t = CurrentLevel._meta.db_table
    fit = """SUM(CASE WHEN COALESCE(c.level, 0) >= s.required_level THEN s.required_level
                        ELSE COALESCE(c.level, 0) END)"""
    return f"""
        SELECT a.id AS asn_id, a.unit_id AS unit_id,
               COUNT(s.id) AS required,
               SUM(CASE WHEN COALESCE(c.level, 0) >= s.required_level THEN 1 ELSE 0 END) AS met,
               {fit} AS fit,
               SUM(CASE WHEN COALESCE(c.level, 0) < s.required_level
                        THEN s.required_level - COALESCE(c.level, 0) ELSE 0 END) AS gap_total,
               SUM(s.required_level) AS required_total,
               {jpm_sql(fit, "SUM(s.required_level)")} AS jpm10
        FROM {asn_t} a
        JOIN {std_t} s ON s.jabatan_id = a.jabatan_id
        LEFT JOIN {cur_t} c ON c.asn_id = a.id AND c.competency_id = s.competency_id
        WHERE {where}
        GROUP BY a.id, a.unit_id
    """  # table names from model metadata, values are parameters


_fit_sql = fit_sql  # former private name, kept for older imports
_counted_activities = counted_activities


def below_standard(
    *, user, instansi_id: int | None = None, unit_id: int | None = None, limit: int = 200
) -> list[FitRow]:
    """ASN in scope below their position standard (lowest JPM first, with its band), at most
    ``limit``. Three queries."""
    cond = _scope_sql(user, instansi_id=instansi_id, unit_id=unit_id)
    if cond is None:
        return []
    where, params = cond
    sql = f"""
        SELECT f.asn_id, f.required, f.met, f.fit, f.required_total, f.gap_total
        FROM ({fit_sql(where)}) f WHERE f.met < f.required ORDER BY f.jpm10, f.asn_id LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        rows = cursor.fetchall()
    people = ASN.objects.select_related("unit", "jabatan", "instansi").in_bulk([r[0] for r in rows])
    bands = jpm_bands() if rows else []
    out = [
        FitRow(
            asn=people[r[0]],
            required=r[1],
            met=r[2],
            jpm=jpm_from_totals(fit=r[3], required=r[4]),
            gap_total=r[5],
        )
        for r in rows
        if r[0] in people
    ]
    for row in out:
        row.band = jpm_band_for(jpm=row.jpm, bands=bands)
    return out


@dataclass
class UnitGapRow:
    unit: UnitKerja
    assessed: int  # ASN with a position standard
    below: int
    avg_jpm: float | None

    @property
    def below_percent(self) -> float:
        return round(100 * self.below / self.assessed, 1) if self.assessed else 0.0


def unit_gap_summary(*, user, instansi_id: int | None = None, unit_id: int | None = None) -> list[UnitGapRow]:
    """Per unit: ASN with a standard, how many are below it and the average JPM. Two queries."""
    cond = _scope_sql(user, instansi_id=instansi_id, unit_id=unit_id)
    if cond is None:
        return []
    where, params = cond
    sql = f"""
        SELECT f.unit_id, COUNT(*), SUM(CASE WHEN f.met < f.required THEN 1 ELSE 0 END),
               AVG(f.jpm10 / 10.0)
        FROM ({fit_sql(where)}) f GROUP BY f.unit_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    units = UnitKerja.objects.select_related("instansi").in_bulk([r[0] for r in rows])
    out = [
        UnitGapRow(
            unit=units[r[0]],
            assessed=r[1],
            below=r[2],
            avg_jpm=round(float(r[3]), 1) if r[3] is not None else None,
        )
        for r in rows
        if r[0] in units
    ]
    out.sort(key=lambda r: (r.unit.instansi.name, r.unit.name))
    return out


# --------------------------------------------------------------------------------------------------
# Plans and proposals for the atasan
# --------------------------------------------------------------------------------------------------


def plans_to_review(*, user) -> QuerySet[DevelopmentPlan]:
    """Submitted plans of the user's direct reports (HR: of their instansi), oldest first."""
    scope = scope_for(user)
    q = Q(pk__in=[])
    if scope.asn_id:
        q |= Q(asn__atasan_id=scope.asn_id)
    hr = scope.hr_instansi_ids()
    if scope.is_hr:
        q |= Q() if hr is None else Q(asn__instansi_id__in=hr)
    return (
        DevelopmentPlan.objects.filter(q, status=DevelopmentPlan.Status.SUBMITTED)
        .select_related("asn__jabatan", "asn__unit")
        .order_by("submitted_at", "pk")
    )


def plans_awaiting_atasan(*, asn_id: int) -> QuerySet[DevelopmentPlan]:
    """Submitted plans of the direct reports of ``asn_id``, oldest first (the atasan's own queue,
    without the instansi-wide queue HR sees in :func:`plans_to_review`)."""
    return (
        DevelopmentPlan.objects.filter(asn__atasan_id=asn_id, status=DevelopmentPlan.Status.SUBMITTED)
        .select_related("asn")
        .order_by("submitted_at", "pk")
    )


def team_plans(*, user, year: int) -> QuerySet[ASN]:
    """The atasan's direct reports with their plan status for ``year`` (one query)."""
    scope = scope_for(user)
    if not scope.asn_id:
        return ASN.objects.none()
    plan = DevelopmentPlan.objects.filter(asn_id=OuterRef("pk"), year=year)
    return (
        ASN.objects.filter(atasan_id=scope.asn_id, is_active=True)
        .select_related("jabatan")
        .annotate(
            plan_id=Subquery(plan.values("pk")[:1]),
            plan_status=Subquery(plan.values("status")[:1]),
            pending_proposals=Exists(
                LevelProposal.objects.filter(asn_id=OuterRef("pk"), status=LevelProposal.Status.PENDING)
            ),
        )
        .order_by("name")
    )


def proposals_to_decide(*, user) -> QuerySet[LevelProposal]:
    scope = scope_for(user)
    if not scope.asn_id:
        return LevelProposal.objects.none()
    return (
        LevelProposal.objects.filter(asn__atasan_id=scope.asn_id, status=LevelProposal.Status.PENDING)
        .select_related("asn", "competency", "evidence")
        .order_by("pk")
    )


def plan_detail(*, plan_id: int) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.select_related("asn__jabatan", "asn__unit", "asn__atasan", "decided_by")
        .prefetch_related("goals__activities__course", "goals__competency")
        .filter(pk=plan_id)
        .first()
    )


# --------------------------------------------------------------------------------------------------
# Goal status: the one reading used by the plan page, /kompetensi/ and the HR profile
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalState:
    """What a goal's status is, told the same way everywhere.

    ``done`` — stored as done, or its target level is reached (current level ≥ target), or all its
    activities are done (a catalogue course counts as done once the ASN completed it, even before
    the plan was approved: the approval credits it, :func:`competencies.services.plan_goals_settle`).
    """

    done: bool
    label: str
    detail: str
    current_level: int | None = None
    activities_done: int = 0
    activities_total: int = 0


def goal_states(*, asn_id: int, goals: list[Goal]) -> dict[int, GoalState]:
    """:class:`GoalState` per goal id of ``goals`` (goals of ``asn_id``'s plans). At most three
    queries whatever the number of goals: current levels, activities, completed courses."""
    goals = list(goals)
    if not goals:
        return {}
    levels = dict(CurrentLevel.objects.filter(asn_id=asn_id).values_list("competency_id", "level"))
    activities = list(
        Activity.objects.filter(goal_id__in=[g.pk for g in goals]).values_list(
            "goal_id", "course_id", "done_on"
        )
    )
    course_ids = {course_id for _g, course_id, done_on in activities if course_id and done_on is None}
    completed = (
        set(
            TrainingEvidence.objects.filter(
                asn_id=asn_id, page_id__in=course_ids, course_id__in=course_ids
            ).values_list("page_id", flat=True)
        )
        if course_ids
        else set()
    )
    counts: dict[int, list[int]] = {}
    for goal_id, course_id, done_on in activities:
        pair = counts.setdefault(goal_id, [0, 0])
        pair[1] += 1
        if done_on is not None or course_id in completed:
            pair[0] += 1
    labels = dict(Goal.Status.choices)
    states = {}
    for goal in goals:
        done_count, total = counts.get(goal.pk, [0, 0])
        is_level_goal = bool(goal.competency_id and goal.target_level)
        current = levels.get(goal.competency_id, 0) if goal.competency_id else None
        reached = is_level_goal and current >= goal.target_level
        done = goal.status == Goal.Status.DONE or reached or (total > 0 and done_count == total)
        parts = []
        if is_level_goal:
            if reached:
                parts.append(
                    gettext("level %(c)d, sasaran level %(t)d") % {"c": current, "t": goal.target_level}
                )
            elif not done:
                parts.append(gettext("kesenjangan %(g)d level") % {"g": goal.target_level - current})
        if total:
            parts.append(gettext("%(d)d dari %(n)d kegiatan selesai") % {"d": done_count, "n": total})
        states[goal.pk] = GoalState(
            done=done,
            label=str(labels[Goal.Status.DONE if done else Goal.Status.OPEN]),
            detail=" · ".join(parts),
            current_level=current,
            activities_done=done_count,
            activities_total=total,
        )
    return states


def goals_with_state(*, asn_id: int, goals) -> list[Goal]:
    """``goals`` as a list, each with ``.state`` (:func:`goal_states`) for templates."""
    goals = list(goals)
    states = goal_states(asn_id=asn_id, goals=goals)
    for goal in goals:
        goal.state = states[goal.pk]
    return goals
