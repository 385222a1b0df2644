"""The HR pages' filters and the set of ASN they choose.

The set of ASN is always :func:`scoped_asn`: active ASN of the instansi the HR user manages
(``Scope.hr_instansi_ids``), narrowed by the filters (instansi, unit, jabatan kind). When no year
is picked, :func:`default_period` chooses the running period (or the latest with data).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from pamong.people.access import scope_for
from pamong.people.filters import OrganisationFilterForm, int_or_none, organisation_filter_from
from pamong.people.models import ASN, Jabatan
from performance.models import Evaluation, Period
from performance.selectors import periods_for


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


def filters_from(*, user, params) -> Filters:
    """Read and check the filters of a GET request; an instansi or unit outside the user's scope
    is a 404 (it does not exist for this user), see :func:`pamong.people.filters.organisation_filter_from`."""
    org = organisation_filter_from(params=params, instansi_ids=scope_for(user).hr_instansi_ids())
    kind = params.get("jenis") or ""
    if kind not in Jabatan.Kind.values:
        kind = ""
    year = int_or_none(params.get("tahun"))
    reason, period_name = YEAR_CHOSEN, ""
    if year is None or not 2000 <= year <= 2100:
        default = default_period(user=user)
        year, reason, period_name = default.year, default.reason, default.name
    return Filters(
        year=year,
        instansi_id=org.instansi_id,
        unit_id=org.unit_id,
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


def asn_ids_sql(asn_qs: QuerySet[ASN]) -> tuple[str, tuple]:
    """``asn_qs`` as an ``SELECT id`` sub-statement to embed in raw SQL (``a.id IN (…)``)."""
    sql, params = asn_qs.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


@dataclass
class FilterChoices:
    instansi: list[Option]
    units: list[Option]
    kinds: list[tuple[str, str]]
    years: list[int]


@dataclass(frozen=True)
class Option:
    """One option of the filter form: plain values (no model instance), read with ``values_list``."""

    pk: int
    name: str
    instansi_code: str = ""


def filter_choices(*, user, filters: Filters) -> FilterChoices:
    """Options of the filter form (three queries): the instansi and units of
    :class:`pamong.people.filters.OrganisationFilterForm`, jabatan kinds and the years with periods."""
    form = OrganisationFilterForm(
        instansi_ids=scope_for(user).hr_instansi_ids(),
        instansi_id=filters.instansi_id,
        unit_id=filters.unit_id,
    )
    years = sorted(
        set(periods_for(user=user).order_by().values_list("year", flat=True)) | {filters.year}, reverse=True
    )
    units = form.fields["unit"].queryset.values_list("pk", "name", "instansi__code")[:500]
    return FilterChoices(
        [Option(pk, name) for pk, name in form.fields["instansi"].queryset.values_list("pk", "name")],
        [Option(pk, name, code) for pk, name, code in units],
        list(Jabatan.Kind.choices),
        years,
    )
