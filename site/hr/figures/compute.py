"""Computing the stored HR figures of a set of units from the source tables (see :mod:`pamong.hr.figures`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from competencies.models import CurrentLevel, PositionStandard
from competencies.selectors import counted_activities
from learning.models import Enrolment
from learning.selectors import jp_credits, jp_target_expression
from pamong.people.models import ASN, Jabatan
from pamong.socialization.selectors import policy_chapters, valid_acknowledgements
from performance.models import Evaluation
from performance.scoring import tier_of

from .. import talent
from ..models import (
    JpShortfall,
    PotentialAssessment,
    TalentPlacement,
    TalentSettings,
)

#: (unit id, jabatan kind, year, metric, key) → value
Key = tuple[int, str, int, str, str]

JP_BUCKETS = (("1-9", 1, 9), ("10-19", 10, 19), ("20+", 20, None))


def jp_bucket(jp: int) -> str | None:
    """The stored bucket of a positive number of JP (0 JP is not stored)."""
    for key, lo, hi in JP_BUCKETS:
        if jp >= lo and (hi is None or jp <= hi):
            return key
    return None


# --------------------------------------------------------------------------------------------------
# Computing the figures of a set of units from the source tables
# --------------------------------------------------------------------------------------------------


@dataclass
class Computed:
    figures: dict[Key, int]
    placements: list[TalentPlacement]
    shortfalls: list[JpShortfall]


def jp_years() -> list[int]:
    """The years whose ASN below their JP target are kept (:class:`JpShortfall`): this year and the
    three before, the years the JP compliance report offers."""
    this_year = timezone.localdate().year
    return list(range(this_year - 3, this_year + 1))


def _band(jpm, settings: TalentSettings) -> str | None:
    return tier_of(
        jpm,
        upper_from=settings.high_from,
        middle_from=settings.medium_from,
        tiers=(talent.TINGGI, talent.MENENGAH, talent.RENDAH),
    )


def figures_compute(*, unit_ids: Iterable[int] | None = None) -> Computed:
    """Every figure of the units ``unit_ids`` (``None``: all), from the source tables. A fixed
    number of queries (nine, ten with policy chapters), each over the ASN of those units only."""
    units = None if unit_ids is None else sorted(set(unit_ids))
    base = ASN.objects.filter(is_active=True)
    if units is not None:
        base = base.filter(unit_id__in=units)
    base_ids = base.order_by().values("pk")
    out: dict[Key, int] = defaultdict(int)

    people: dict[int, tuple] = {}
    rows = (
        base.order_by()
        .annotate(jp_target_x=jp_target_expression())
        .values_list(
            "pk",
            "unit_id",
            "unit__instansi_id",
            "jabatan__kind",
            "name",
            "jp_target_x",
            "competency_fit__jpm",
        )
    )
    for pk, unit_id, instansi_id, kind, name, target, jpm in rows:
        people[pk] = (unit_id, kind, instansi_id, name, target, jpm)
        out[(unit_id, kind, 0, "asn", "")] += 1
        if jpm is None:
            out[(unit_id, kind, 0, "nojpm", "")] += 1
        if target is not None:
            out[(unit_id, kind, 0, "jp_target", "")] += 1
            if target <= 0:
                out[(unit_id, kind, 0, "jp_met0", "")] += 1

    # Performance: final evaluations per year and predikat; the latest one per ASN and year for the 9-box.
    latest: dict[tuple[int, int], tuple[int, str]] = {}
    for eid, asn_id, year, predikat in Evaluation.objects.filter(
        status=Evaluation.Status.FINAL, plan__asn_id__in=base_ids
    ).values_list("pk", "plan__asn_id", "plan__period__year", "predikat"):
        unit_id, kind = people[asn_id][:2]
        out[(unit_id, kind, year, "predikat", predikat)] += 1
        if (asn_id, year) not in latest or latest[(asn_id, year)][0] < eid:
            latest[(asn_id, year)] = (eid, predikat)

    # JP per ASN and year: completed courses, counted non-classical activities and JP credits
    # (queryset, its ASN, its date, its JP).
    jp: dict[tuple[int, int], int] = defaultdict(int)
    jp_courses: dict[tuple[int, int], int] = defaultdict(int)  # of which from courses (the JP report)
    sources = (
        (Enrolment.objects.filter(completed_at__isnull=False), "asn_id", "completed_at", "jp_credited"),
        (counted_activities(), "goal__plan__asn_id", "done_on", "jp"),
        (jp_credits(), "asn_id", "earned_on", "jp"),
    )
    for rows, asn_field, date_field, jp_field in sources:
        for asn_id, year, total in (
            rows.filter(**{f"{asn_field}__in": base_ids})
            .annotate(y=ExtractYear(date_field))
            .order_by()
            .values(asn_field, "y")
            .annotate(t=Sum(jp_field))
            .values_list(asn_field, "y", "t")
        ):
            jp[(asn_id, year)] += total or 0
            if jp_field == "jp_credited":
                jp_courses[(asn_id, year)] += total or 0
    for (asn_id, year), total in jp.items():
        bucket = jp_bucket(total)
        if bucket is None:
            continue
        unit_id, kind, _i, _n, target, _j = people[asn_id]
        out[(unit_id, kind, year, "jp", bucket)] += 1
        if target is not None and 0 < target <= total:  # a target of 0 is met already (jp_met0)
            out[(unit_id, kind, year, "jp_met", "")] += 1

    # Training: enrolments per year enrolled and course; incomplete ones per due date.
    for unit_id, kind, year, course_id, n, c in (
        Enrolment.objects.filter(asn_id__in=base_ids)
        .annotate(y=ExtractYear("enrolled_at"))
        .order_by()
        .values("asn__unit_id", "asn__jabatan__kind", "y", "course_id")
        .annotate(n=Count("pk"), c=Count("pk", filter=Q(completed_at__isnull=False)))
        .values_list("asn__unit_id", "asn__jabatan__kind", "y", "course_id", "n", "c")
    ):
        out[(unit_id, kind, year, "enr_n", str(course_id))] += n
        if c:
            out[(unit_id, kind, year, "enr_c", str(course_id))] += c
    for unit_id, kind, year, due, n in (
        Enrolment.objects.filter(asn_id__in=base_ids, completed_at__isnull=True, due_date__isnull=False)
        .annotate(y=ExtractYear("enrolled_at"))
        .order_by()
        .values("asn__unit_id", "asn__jabatan__kind", "y", "due_date")
        .annotate(n=Count("pk"))
        .values_list("asn__unit_id", "asn__jabatan__kind", "y", "due_date", "n")
    ):
        out[(unit_id, kind, year, "enr_due", due.isoformat())] += n

    _gaps(out, units)
    _coverage(out, base)
    placements = _talent(out, people, latest, base_ids)
    return Computed({k: v for k, v in out.items() if v}, placements, _shortfalls(people, jp, jp_courses))


def _shortfalls(people: dict, jp: dict, jp_courses: dict) -> list[JpShortfall]:
    """The ASN with a positive JP target below it, per year of :func:`jp_years`."""
    rows = []
    years = jp_years()
    for asn_id, (unit_id, kind, instansi_id, name, target, _jpm) in people.items():
        if not target or target <= 0:
            continue
        for year in years:
            total = jp.get((asn_id, year), 0)
            if total < target:
                courses = jp_courses.get((asn_id, year), 0)
                rows.append(
                    JpShortfall(
                        asn_id=asn_id,
                        year=year,
                        name=name,
                        unit_id=unit_id,
                        instansi_id=instansi_id,
                        jabatan_kind=kind,
                        jp_courses=courses,
                        jp_activities=total - courses,
                        jp_minimum=target,
                    )
                )
    return rows


def _gaps(out: dict[Key, int], units: list[int] | None) -> None:
    asn_t, std_t, cur_t = ASN._meta.db_table, PositionStandard._meta.db_table, CurrentLevel._meta.db_table
    jab_t = Jabatan._meta.db_table
    where, params = "a.is_active = %s", [True]
    if units is not None:
        if not units:
            return
        where += f" AND a.unit_id IN ({', '.join(['%s'] * len(units))})"
        params += units
    sql = f"""
        SELECT a.unit_id, j.kind, s.competency_id, COUNT(*),
               SUM(CASE WHEN COALESCE(c.level, 0) >= s.required_level THEN 1 ELSE 0 END),
               SUM(s.required_level),
               SUM(CASE WHEN COALESCE(c.level, 0) < s.required_level THEN COALESCE(c.level, 0)
                        ELSE s.required_level END)
        FROM {asn_t} a
        JOIN {jab_t} j ON j.id = a.jabatan_id
        JOIN {std_t} s ON s.jabatan_id = a.jabatan_id
        LEFT JOIN {cur_t} c ON c.asn_id = a.id AND c.competency_id = s.competency_id
        WHERE {where}
        GROUP BY a.unit_id, j.kind, s.competency_id
    """  # table names from model metadata, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for unit_id, kind, competency_id, n, met, req, lvl in cursor.fetchall():
            key = str(competency_id)
            out[(unit_id, kind, 0, "gap_n", key)] += int(n or 0)
            out[(unit_id, kind, 0, "gap_met", key)] += int(met or 0)
            out[(unit_id, kind, 0, "gap_req", key)] += int(req or 0)
            out[(unit_id, kind, 0, "gap_lvl", key)] += int(lvl or 0)


def _coverage(out: dict[Key, int], base) -> None:
    chapter_ids = list(policy_chapters().values_list("pk", flat=True))
    if not chapter_ids:
        return
    acks = valid_acknowledgements().filter(
        page_id__in=chapter_ids, user__asn__in=base.order_by().values("pk")
    )
    for unit_id, kind, page_id, n in (
        acks.order_by()
        .values("user__asn__unit_id", "user__asn__jabatan__kind", "page_id")
        .annotate(n=Count("pk"))
        .values_list("user__asn__unit_id", "user__asn__jabatan__kind", "page_id", "n")
    ):
        out[(unit_id, kind, 0, "cov", str(page_id))] += n
    for unit_id, kind, n in (
        acks.order_by()
        .values("user__asn__unit_id", "user__asn__jabatan__kind", "user_id")
        .annotate(c=Count("pk"))
        .filter(c__gte=len(chapter_ids))
        .values_list("user__asn__unit_id", "user__asn__jabatan__kind", "c")
    ):
        out[(unit_id, kind, 0, "cov_all", "")] += 1 if n else 0


def _talent(out: dict[Key, int], people: dict, latest: dict, base_ids) -> list[TalentPlacement]:
    # Read, never created here: creating the row would mark every unit again (its trigger).
    settings = TalentSettings.current()
    assessed = {
        (asn_id, year): level
        for asn_id, year, level in PotentialAssessment.objects.filter(asn_id__in=base_ids).values_list(
            "asn_id", "year", "level"
        )
        if asn_id in people
    }
    placements = []
    for asn_id, year in set(latest) | set(assessed):
        unit_id, kind, instansi_id, name, _target, jpm = people[asn_id]
        predikat = latest.get((asn_id, year), (0, None))[1]
        kinerja = talent.KINERJA_BY_PREDIKAT.get(predikat) if predikat else None
        potensial = assessed.get((asn_id, year)) or _band(jpm, settings)
        box = talent.box_for(potensial=potensial, kinerja=kinerja)
        out[(unit_id, kind, year, "t_n", "")] += 1
        out[(unit_id, kind, year, "t_nokin", "")] += kinerja is None
        out[(unit_id, kind, year, "t_nopot", "")] += potensial is None
        out[(unit_id, kind, year, "t_nojpm", "")] += jpm is None
        if box is not None:
            out[(unit_id, kind, year, "box", str(box))] += 1
            placements.append(
                TalentPlacement(
                    asn_id=asn_id,
                    year=year,
                    box=box,
                    name=name,
                    unit_id=unit_id,
                    instansi_id=instansi_id,
                    jabatan_kind=kind,
                )
            )
    return placements
