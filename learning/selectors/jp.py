"""JP: the JP credited to an ASN in a year, and the JP target they are measured against (national
for PNS, the instansi's own for PPPK).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from pamong.people.models import ASN
from pamong.people.regulation import RuleKind

from ..models import (
    Enrolment,
    JpCredit,
    PppkJpTarget,
)
from ..rules import JP_ANNUAL_MINIMUM, JP_ANNUAL_MINIMUM_SOURCE


def jp_for_year(*, asn_id: int, year: int) -> int:
    """JP credited to an ASN in a calendar year (local time): courses completed, plus the other JP
    credits (attended sessions, verified outside learning; :func:`jp_credits`)."""
    start, end = _year_bounds(year)
    total = Enrolment.objects.filter(asn_id=asn_id, completed_at__gte=start, completed_at__lt=end).aggregate(
        total=Sum("jp_credited")
    )["total"]
    other = jp_credits(year=year).filter(asn_id=asn_id).aggregate(total=Sum("jp"))["total"]
    return (total or 0) + (other or 0)


def jp_credits(*, year: int | None = None) -> QuerySet[JpCredit]:
    """JP credited outside course completions — an attended session's JP, a verified outside record
    (each at most once) — earned in ``year``. Every JP total (the ledger, the 20 JP meter, HR's
    compliance figures) adds these to the JP of completed courses."""
    credits = JpCredit.objects.all()
    return credits if year is None else credits.filter(earned_on__year=year)


def jp_credits_of(*, asn_id: int, year: int) -> list[JpCredit]:
    """The rows of ``jp_credits(year=year).filter(asn_id=asn_id)``, latest first, read in plain SQL
    (the learner dashboard runs it on every request; the ORM's compiling cost more than the read)."""
    return list(
        JpCredit.objects.raw(
            f"SELECT * FROM {JpCredit._meta.db_table} WHERE asn_id = %s AND earned_on >= %s "
            "AND earned_on <= %s ORDER BY earned_on DESC, id DESC",
            [asn_id, datetime.date(year, 1, 1), datetime.date(year, 12, 31)],
        )
    )


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


@dataclass(frozen=True)
class JpTarget:
    """The JP a year an ASN is measured against, and where that figure comes from."""

    jp: int
    source: str
    source_kind: str

    @property
    def is_national(self) -> bool:
        return self.source_kind == RuleKind.NATIONAL

    @property
    def basis_label(self) -> str:
        return f"{RuleKind(self.source_kind).label}: {self.source}"

    def percent(self, total: int) -> int:
        return min(100, (100 * total) // self.jp) if self.jp else 100

    def missing(self, total: int) -> int:
        return max(0, self.jp - total)


#: The national minimum, for PNS only.
PNS_JP_TARGET = JpTarget(JP_ANNUAL_MINIMUM, JP_ANNUAL_MINIMUM_SOURCE, RuleKind.NATIONAL)


def jp_target_for(*, asn: ASN) -> JpTarget | None:
    """The JP target of ``asn`` for a calendar year, or ``None`` when there is none.

    A PNS: the national minimum of 20 JP (:data:`PNS_JP_TARGET`). A PPPK: the target their instansi
    set (:class:`~learning.models.PppkJpTarget`, one query), else ``None`` — no national rule sets a
    minimum for PPPK, so a PPPK is never reported against 20 JP by default."""
    if asn.employment_type != ASN.EmploymentType.PPPK:
        return PNS_JP_TARGET
    row = PppkJpTarget.objects.filter(instansi_id=asn.instansi_id).only("jp", "source", "source_kind").first()
    return JpTarget(row.jp, row.source, row.source_kind) if row else None


def jp_target_expression(*, prefix: str = "") -> Case:
    """The JP target as a query expression over ASN rows (``prefix`` for a related ASN, e.g.
    ``"asn__"``): the national minimum for PNS, the instansi's PPPK target or NULL for PPPK."""
    return Case(
        When(
            **{f"{prefix}employment_type": ASN.EmploymentType.PPPK},
            then=Subquery(
                PppkJpTarget.objects.filter(instansi_id=OuterRef(f"{prefix}instansi_id")).values("jp")[:1]
            ),
        ),
        default=Value(JP_ANNUAL_MINIMUM),
        output_field=IntegerField(),
    )


def jp_target_sql(*, alias: str) -> tuple[str, list]:
    """The same as :func:`jp_target_expression` in raw SQL over the ASN table aliased ``alias``:
    ``(sql, params)``, NULL for a PPPK whose instansi set no target."""
    table = PppkJpTarget._meta.db_table
    sql = (
        f"(CASE WHEN {alias}.employment_type = %s "
        f"THEN (SELECT t.jp FROM {table} t WHERE t.instansi_id = {alias}.instansi_id) ELSE %s END)"
    )
    return sql, [ASN.EmploymentType.PPPK, JP_ANNUAL_MINIMUM]
