"""Reads of the HR app: one person's profile, the unit/instansi dashboard and the talent 9-box.

Everything is read through the other apps' selectors where they exist (``profile_for``,
``gap_chart``, ``jp_ledger``, the stored JPM of :class:`competencies.models.CompetencyFit`,
``valid_acknowledgements`` and ``policy_chapters`` of :mod:`pamong.socialization.selectors`,
``periods_for`` of :mod:`performance.selectors`). What is missing there — figures per competency,
per predikat and per year over a whole set of ASN — is written here, set-based: every dashboard
figure is one aggregate SQL statement (GROUP BY) over the ASN chosen by the filters, so the
number of queries never depends on the number of ASN and no ASN is iterated in Python.

The set of ASN is always :func:`scoped_asn`: active ASN of the instansi the HR user manages
(``Scope.hr_instansi_ids``), narrowed by the filters (instansi, unit, jabatan kind).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from competencies.models import Competency, CompetencyFit, DevelopmentPlan, Goal, PositionStandard
from competencies.selectors import (
    counted_activities,  # the one definition of "activities that count in the JP ledger"
    gap_chart,
    goals_with_state,
    jp_ledger,
    profile_for,
    year_bounds,
)
from learning.models import Enrolment
from learning.selectors import PNS_JP_TARGET, jp_credits, jp_target_sql
from pamong.people.access import scope_for
from pamong.people.models import ASN, Instansi, Jabatan, UnitKerja
from pamong.socialization.selectors import policy_chapters, valid_acknowledgements
from performance.models import Evaluation, FollowUpProposal, FollowUpRule, Period, Plan, Predikat
from performance.selectors import periods_for

from . import talent
from .models import PotentialAssessment, TalentSettings

# --------------------------------------------------------------------------------------------------
# Filters and the scoped set of ASN
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the HR user picked; ``instansi_id``/``unit_id`` are already checked against the scope."""

    year: int
    instansi_id: int | None = None
    unit_id: int | None = None
    jabatan_kind: str = ""
    year_reason: str = "chosen"  # why this year: picked, the running period, the latest with data
    period_name: str = ""

    @property
    def year_note(self) -> str:
        """Which period is shown and why, in a sentence for the page."""
        name = self.period_name or str(self.year)
        if self.year_reason == YEAR_RUNNING:
            return gettext("Menampilkan periode berjalan: %(p)s (%(y)d).") % {"p": name, "y": self.year}
        if self.year_reason == YEAR_LATEST_DATA:
            return gettext(
                "Tidak ada periode berjalan; menampilkan periode terakhir yang memiliki hasil penilaian final: %(p)s (%(y)d)."
            ) % {"p": name, "y": self.year}
        if self.year_reason == YEAR_FALLBACK:
            return gettext(
                "Belum ada periode berjalan atau hasil penilaian final; menampilkan tahun %(y)d."
            ) % {"y": self.year}
        return gettext("Menampilkan tahun %(y)d (dipilih).") % {"y": self.year}

    def query(self, **extra) -> dict:
        """The filters as GET parameters (for links and export URLs)."""
        params = {"tahun": self.year}
        if self.instansi_id:
            params["instansi"] = self.instansi_id
        if self.unit_id:
            params["unit"] = self.unit_id
        if self.jabatan_kind:
            params["jenis"] = self.jabatan_kind
        params.update({k: v for k, v in extra.items() if v not in (None, "")})
        return params


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def filters_from(*, user, params) -> Filters:
    """Read and check the filters of a GET request; an instansi or unit outside the user's scope
    is a 404 (it does not exist for this user)."""
    hr = scope_for(user).hr_instansi_ids()
    instansi_id = _int(params.get("instansi"))
    if hr is not None and len(hr) == 1 and instansi_id is None:
        instansi_id = next(iter(hr))  # HR of one instansi always sees that instansi
    if instansi_id is not None and hr is not None and instansi_id not in hr:
        raise Http404
    unit_id = _int(params.get("unit"))
    if unit_id is not None:
        unit = UnitKerja.objects.filter(pk=unit_id).values("instansi_id").first()
        if unit is None or (hr is not None and unit["instansi_id"] not in hr):
            raise Http404
        if instansi_id is not None and unit["instansi_id"] != instansi_id:
            raise Http404
    kind = params.get("jenis") or ""
    if kind not in Jabatan.Kind.values:
        kind = ""
    year = _int(params.get("tahun"))
    reason, period_name = YEAR_CHOSEN, ""
    if year is None or not 2000 <= year <= 2100:
        default = default_period(user=user)
        year, reason, period_name = default.year, default.reason, default.name
    return Filters(
        year=year,
        instansi_id=instansi_id,
        unit_id=unit_id,
        jabatan_kind=kind,
        year_reason=reason,
        period_name=period_name,
    )


#: Why the dashboard shows the year it shows (:attr:`Filters.year_reason`).
YEAR_CHOSEN, YEAR_RUNNING, YEAR_LATEST_DATA, YEAR_FALLBACK = "chosen", "running", "data", "fallback"


@dataclass(frozen=True)
class DefaultPeriod:
    year: int
    reason: str  # YEAR_RUNNING, YEAR_LATEST_DATA or YEAR_FALLBACK
    name: str = ""


def default_period(*, user) -> DefaultPeriod:
    """The period the HR pages show when none is picked: the running period (the latest, if
    several), else the latest period with final evaluations in the user's scope, else the latest
    period, else this year. At most three small queries."""
    periods = periods_for(user=user).order_by()
    running = (
        periods.filter(status=Period.Status.RUNNING)
        .order_by("-year", "pk")
        .values_list("year", "name")
        .first()
    )
    if running:
        return DefaultPeriod(running[0], YEAR_RUNNING, running[1])
    finals = Evaluation.objects.filter(plan__period_id=OuterRef("pk"), status=Evaluation.Status.FINAL)
    hr = scope_for(user).hr_instansi_ids()
    if hr is not None:
        finals = finals.filter(plan__asn__instansi_id__in=hr)
    with_data = periods.filter(Exists(finals)).order_by("-year", "pk").values_list("year", "name").first()
    if with_data:
        return DefaultPeriod(with_data[0], YEAR_LATEST_DATA, with_data[1])
    latest = periods.order_by("-year", "pk").values_list("year", "name").first()
    if latest:
        return DefaultPeriod(latest[0], YEAR_FALLBACK, latest[1])
    return DefaultPeriod(timezone.localdate().year, YEAR_FALLBACK)


def default_year(*, user) -> int:
    """The year of :func:`default_period`."""
    return default_period(user=user).year


def scoped_asn(*, user, filters: Filters) -> QuerySet[ASN]:
    """Active ASN of the instansi ``user`` manages as HR, narrowed by ``filters`` (one lazy query)."""
    qs = ASN.objects.filter(is_active=True)
    hr = scope_for(user).hr_instansi_ids()
    if hr is not None:
        qs = qs.filter(instansi_id__in=hr)
    if filters.instansi_id:
        qs = qs.filter(instansi_id=filters.instansi_id)
    if filters.unit_id:
        qs = qs.filter(unit_id=filters.unit_id)
    if filters.jabatan_kind:
        qs = qs.filter(jabatan__kind=filters.jabatan_kind)
    return qs


def _ids_sql(asn_qs: QuerySet[ASN]) -> tuple[str, tuple]:
    """``asn_qs`` as an ``SELECT id`` sub-statement to embed in raw SQL (``a.id IN (…)``)."""
    sql, params = asn_qs.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


@dataclass
class FilterChoices:
    instansi: list[Instansi]
    units: list[UnitKerja]
    kinds: list[tuple[str, str]]
    years: list[int]


def filter_choices(*, user, filters: Filters) -> FilterChoices:
    """Options of the filter form (three queries)."""
    hr = scope_for(user).hr_instansi_ids()
    instansi = Instansi.objects.order_by("name")
    if hr is not None:
        instansi = instansi.filter(pk__in=hr)
    units = UnitKerja.objects.select_related("instansi").order_by("instansi__name", "name")
    if filters.instansi_id:
        units = units.filter(instansi_id=filters.instansi_id)
    elif hr is None or len(hr) > 1:
        # Province-wide there are thousands of units: choose an instansi first (the chosen unit stays).
        units = units.filter(pk=filters.unit_id) if filters.unit_id else units.none()
    else:
        units = units.filter(instansi_id__in=hr)
    years = sorted(
        set(periods_for(user=user).order_by().values_list("year", flat=True)) | {filters.year}, reverse=True
    )
    return FilterChoices(list(instansi), list(units[:500]), list(Jabatan.Kind.choices), years)


# --------------------------------------------------------------------------------------------------
# Dashboard figures (one aggregate query each)
# --------------------------------------------------------------------------------------------------


def min_group_size() -> int:
    """Fewest people a share is shown for (setting ``PAMONG_HR_MIN_GROUP_SIZE``, default 5): a
    percentage of fewer people is marked as such, never drawn as a bar (one person is not 100 %)."""
    return int(getattr(django_settings, "PAMONG_HR_MIN_GROUP_SIZE", 5))


def too_few(total: int) -> bool:
    """Is ``total`` people too few to show a share of them (:func:`min_group_size`)?"""
    return total < min_group_size()


@dataclass
class CountRow:
    """One bar: a label, a count and the total it is a share of (``too_few``: a total below
    :func:`min_group_size`, marked instead of drawn)."""

    key: str
    label: str
    count: int
    total: int
    extra: dict = field(default_factory=dict)

    @property
    def percent(self) -> float:
        return round(100 * self.count / self.total, 1) if self.total else 0.0

    @property
    def too_few(self) -> bool:
        return too_few(self.total)


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
    ids_sql, ids_params = _ids_sql(asn_qs)
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
    from competencies.models import CurrentLevel

    ids_sql, ids_params = _ids_sql(asn_qs)
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


# --------------------------------------------------------------------------------------------------
# Talent 9-box
# --------------------------------------------------------------------------------------------------

TALENT_COLUMNS = (
    "id",
    "nip",
    "name",
    "instansi_name",
    "unit_name",
    "jabatan_name",
    "predikat",
    "jpm",
    "assessed",
    "kinerja",
    "potensial",
    "box",
)


def _case(column: str, mapping: dict, *, default: str = "NULL") -> tuple[str, list]:
    """``CASE column WHEN %s THEN %s … END`` from a mapping kept as data (values are parameters)."""
    whens, params = [], []
    for key, value in mapping.items():
        whens.append("WHEN %s THEN %s")
        params += [key, value]
    return f"CASE {column} {' '.join(whens)} ELSE {default} END", params


def talent_sql(
    *,
    asn_qs: QuerySet[ASN] | None = None,
    year: int,
    settings: TalentSettings,
    asn_ids: list[int] | None = None,
) -> tuple[str, list]:
    """SQL of one row per ASN of ``asn_qs`` (or of the ids ``asn_ids``) with :data:`TALENT_COLUMNS`: the final predikat of a
    period of ``year``, the JPM (stored by competencies, :class:`CompetencyFit`), the potential HR recorded for ``year``, and
    the kinerja, potensial and box computed from the tables of :mod:`pamong.hr.talent`."""
    from performance.models import Period

    if asn_ids is not None:  # a page of known ASN: a list of ids lets PostgreSQL use the primary keys
        ids_sql, ids_params = ", ".join(["%s"] * len(asn_ids)) or "NULL", tuple(asn_ids)
    else:
        ids_sql, ids_params = _ids_sql(asn_qs)
    ev_t, plan_t, period_t = Evaluation._meta.db_table, Plan._meta.db_table, Period._meta.db_table
    kinerja_sql, kinerja_params = _case("t.predikat", talent.KINERJA_BY_PREDIKAT)
    box_whens, box_params = [], []
    for (pot, kin), number in talent.NINE_BOX.items():
        box_whens.append("WHEN t2.potensial = %s AND t2.kinerja = %s THEN %s")
        box_params += [pot, kin, number]
    sql = f"""
        SELECT t2.*, CASE {" ".join(box_whens)} ELSE NULL END AS box FROM (
          SELECT t.*,
                 {kinerja_sql} AS kinerja,
                 CASE WHEN t.assessed IS NOT NULL THEN t.assessed
                      WHEN t.jpm >= %s THEN %s
                      WHEN t.jpm >= %s THEN %s
                      WHEN t.jpm IS NOT NULL THEN %s
                      ELSE NULL END AS potensial
          FROM (
            SELECT a.id AS id, a.nip AS nip, a.name AS name, i.name AS instansi_name,
                   u.name AS unit_name, j.name AS jabatan_name,
                   ev.predikat AS predikat,
                   f.jpm AS jpm,
                   pa.level AS assessed
            FROM {ASN._meta.db_table} a
            LEFT JOIN {Instansi._meta.db_table} i ON i.id = a.instansi_id
            LEFT JOIN {UnitKerja._meta.db_table} u ON u.id = a.unit_id
            LEFT JOIN {Jabatan._meta.db_table} j ON j.id = a.jabatan_id
            LEFT JOIN {CompetencyFit._meta.db_table} f ON f.asn_id = a.id
            LEFT JOIN (
              SELECT p.asn_id AS asn_id, MAX(e.id) AS eid FROM {ev_t} e
                JOIN {plan_t} p ON p.id = e.plan_id
                JOIN {period_t} pe ON pe.id = p.period_id
               WHERE pe.year = %s AND e.status = %s AND p.asn_id IN ({ids_sql})
               GROUP BY p.asn_id
            ) le ON le.asn_id = a.id
            LEFT JOIN {ev_t} ev ON ev.id = le.eid
            LEFT JOIN {PotentialAssessment._meta.db_table} pa ON pa.asn_id = a.id AND pa.year = %s
            WHERE a.id IN ({ids_sql})
          ) t
        ) t2
    """  # table names from model metadata, values are parameters
    params = [
        *box_params,
        *kinerja_params,
        float(settings.high_from),
        talent.TINGGI,
        float(settings.medium_from),
        talent.MENENGAH,
        talent.RENDAH,
        year,  # the latest final evaluation of a period of that year
        Evaluation.Status.FINAL,
        *ids_params,  # … of the chosen ASN only
        year,  # potential assessment
        *ids_params,
    ]
    return sql, params


@dataclass
class TalentRow:
    id: int
    nip: str
    name: str
    instansi_name: str
    unit_name: str
    jabatan_name: str
    predikat: str | None
    jpm: float | None
    assessed: str | None
    kinerja: str | None
    potensial: str | None
    box: int | None

    @property
    def predikat_label(self) -> str:
        return str(Predikat(self.predikat).label) if self.predikat else ""

    @property
    def kinerja_label(self) -> str:
        return str(talent.KINERJA_LABELS.get(self.kinerja, "")) if self.kinerja else ""

    @property
    def potensial_label(self) -> str:
        return str(talent.POTENSIAL_LABELS.get(self.potensial, "")) if self.potensial else ""

    @property
    def potensial_source(self) -> str:
        if self.assessed:
            return str(_("Hasil penilaian potensial"))
        return str(_("JPM")) if self.jpm is not None else ""

    @property
    def box_info(self) -> talent.Box | None:
        return talent.BOXES.get(self.box) if self.box else None


def _talent_row(r) -> TalentRow:
    values = dict(zip(TALENT_COLUMNS, r, strict=True))
    values["jpm"] = float(values["jpm"]) if values["jpm"] is not None else None
    values["box"] = int(values["box"]) if values["box"] is not None else None
    return TalentRow(**values)


@dataclass
class TalentGrid:
    counts: dict[int, int]
    unplaced: int
    no_predikat: int
    no_potential: int
    pending: int = 0  # units whose stored figures are still being recomputed (pamong.hr.figures)

    @property
    def placed(self) -> int:
        return sum(self.counts.values())


def talent_grid(*, asn_qs: QuerySet[ASN], year: int, settings: TalentSettings) -> TalentGrid:
    """Count per box, and why the rest are not placed (one GROUP BY query)."""
    inner, params = talent_sql(asn_qs=asn_qs, year=year, settings=settings)
    sql = f"""
        SELECT x.box, x.kinerja IS NULL, x.potensial IS NULL, COUNT(*)
        FROM ({inner}) x GROUP BY x.box, x.kinerja IS NULL, x.potensial IS NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts = dict.fromkeys(sorted(talent.BOXES), 0)
    unplaced = no_predikat = no_potential = 0
    for box, no_kin, no_pot, n in rows:
        if box is not None:
            counts[int(box)] += n
            continue
        unplaced += n
        no_predikat += n if no_kin else 0
        no_potential += n if no_pot else 0
    return TalentGrid(counts, unplaced, no_predikat, no_potential)


class TalentList:
    """The ASN of one box (or every placed ASN) as a lazy, sliceable sequence for ``Paginator``:
    ``len()`` is one COUNT query, a slice one LIMIT/OFFSET query."""

    def __init__(self, *, asn_qs: QuerySet[ASN], year: int, settings: TalentSettings, box: int | None):
        self._inner, self._params = talent_sql(asn_qs=asn_qs, year=year, settings=settings)
        self.box = box
        self._count: int | None = None

    def _where(self) -> tuple[str, list]:
        if self.box is None:
            return "x.box IS NOT NULL", []
        return "x.box = %s", [self.box]

    def known_count(self, n: int) -> None:
        """Use a count already computed (e.g. by :func:`talent_grid`) instead of another query."""
        self._count = n

    def count(self) -> int:
        if self._count is None:
            where, wp = self._where()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM ({self._inner}) x WHERE {where}", [*self._params, *wp])
                self._count = cursor.fetchone()[0]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _select(self, *, limit: int | None = None, offset: int = 0) -> tuple[str, list]:
        where, wp = self._where()
        sql = f"SELECT * FROM ({self._inner}) x WHERE {where} ORDER BY x.box DESC, x.name, x.id"
        params = [*self._params, *wp]
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [limit, offset]
        return sql, params

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("TalentList supports slices only")
        start = item.start or 0
        sql, params = self._select(limit=(item.stop - start) if item.stop is not None else None, offset=start)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [_talent_row(r) for r in cursor.fetchall()]

    def iterate(self, *, chunk: int = 2000) -> Iterator[TalentRow]:
        """Every row, fetched ``chunk`` at a time (for streamed exports)."""
        sql, params = self._select()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while True:
                rows = cursor.fetchmany(chunk)
                if not rows:
                    break
                for r in rows:
                    yield _talent_row(r)


def talent_row_for(*, asn: ASN, year: int, settings: TalentSettings | None = None) -> TalentRow | None:
    """One person's 9-box placement for ``year`` (one query)."""
    settings = settings or TalentSettings.current()
    sql, params = talent_sql(asn_ids=[asn.pk], year=year, settings=settings)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return _talent_row(row) if row else None


# --------------------------------------------------------------------------------------------------
# One person's profile
# --------------------------------------------------------------------------------------------------


@dataclass
class PerformanceRow:
    plan: Plan
    evaluation: Evaluation | None


def asn_profile(*, asn: ASN, year: int | None = None) -> dict:
    """Everything HR sees on one person's page. A fixed number of queries (about fifteen),
    whatever the length of the person's history."""
    year = year or timezone.localdate().year
    prof = profile_for(asn=asn)  # 2
    plan = (
        DevelopmentPlan.objects.filter(asn=asn, year=year)
        .annotate(
            goal_count=Count("goals"),
            mandatory_count=Count("goals", filter=Q(goals__mandatory=True)),
        )
        .first()
    )  # 1
    goals = (
        goals_with_state(asn_id=asn.pk, goals=Goal.objects.filter(plan=plan).select_related("competency"))
        if plan
        else []
    )  # 0–4: goals and their status read as on the plan page (competencies.selectors.goal_states)
    ledger = jp_ledger(asn=asn, year=year)  # 2
    enrolments = list(
        Enrolment.objects.filter(asn=asn)
        .select_related("course", "certificate")
        .order_by("-enrolled_at")[:50]
    )  # 1
    plans = list(
        Plan.objects.filter(asn=asn).select_related("period", "evaluation").order_by("-period__year", "-pk")
    )  # 1
    performance = []
    for p in plans:
        try:
            ev = p.evaluation
        except Evaluation.DoesNotExist:
            ev = None
        performance.append(PerformanceRow(p, ev))
    followups = list(
        FollowUpProposal.objects.filter(asn=asn)
        .select_related("rule", "period")
        .order_by("-period__year", "rule__kind", "pk")
    )  # 1
    awards = [f for f in followups if f.rule.kind == FollowUpRule.Kind.REWARD]
    sanctions = [f for f in followups if f.rule.kind == FollowUpRule.Kind.SANCTION]
    chapters = list(policy_chapters().only("id", "title", "path", "depth", "url_path"))  # 1
    acks = {
        a.page_id: a
        for a in valid_acknowledgements().filter(user_id=asn.user_id, page_id__in=[c.pk for c in chapters])
    }  # 1
    chapter_rows = [{"chapter": c, "ack": acks.get(c.pk)} for c in chapters]
    final_years = [r.plan.period.year for r in performance if r.evaluation and r.evaluation.is_final]
    talent_year = final_years[0] if final_years else year
    settings = TalentSettings.current()  # 1 (2 on first use)
    placement = talent_row_for(asn=asn, year=talent_year, settings=settings)  # 1
    assessment = PotentialAssessment.objects.filter(asn=asn, year=talent_year).first()  # 1
    return {
        "competency_profile": prof,
        "chart": gap_chart(prof),
        "plan": plan,
        "goals": goals,
        "goals_done": sum(1 for g in goals if g.state.done),
        "ledger": ledger,
        "enrolments": enrolments,
        "performance": performance,
        "awards": awards,
        "sanctions": sanctions,
        "chapters": chapter_rows,
        "acknowledged": len(acks),
        "talent_year": talent_year,
        "placement": placement,
        "assessment": assessment,
        "year": year,
    }
