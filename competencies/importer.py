"""Import position standards (*standar kompetensi jabatan*) from CSV: validate every row, then write
everything in one transaction — all or nothing, like ``import_asn``.

The file has the header ``instansi,jabatan,kompetensi,level`` (any order, case-insensitive), is
UTF-8 with or without BOM, delimited by commas or semicolons. One row sets the required level of one
competency for one position:

* ``instansi`` — an instansi code; ``jabatan`` — a jabatan code in that instansi;
* ``kompetensi`` — a competency code of the dictionary (e.g. ``M.4``, ``SK.1``); a technical
  competency must belong to the same instansi;
* ``level`` — 1 to 5.

Errors are reported as ``line N, column C: reason`` (the header is line 1). Rows already in the
database with the same level are left alone; standards missing from the file are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.csvfile import (
    CsvSyntaxError,
    RowError,
    control_character_cell,
    csv_table,
)
from pamong.people.models import Instansi, Jabatan

from .models import Competency, PositionStandard

COLUMNS = ("instansi", "jabatan", "kompetensi", "level")


@dataclass
class StandardPlan:
    errors: list[RowError] = field(default_factory=list)
    to_create: list[PositionStandard] = field(default_factory=list)
    to_update: list[PositionStandard] = field(default_factory=list)
    unchanged: int = 0

    @property
    def counts(self) -> str:
        return _("%(c)d dibuat, %(u)d diubah, %(n)d tetap") % {
            "c": len(self.to_create),
            "u": len(self.to_update),
            "n": self.unchanged,
        }


def standard_import_parse(*, text: str, instansi_ids: set[int] | None = None) -> StandardPlan:
    """Validate ``text`` and plan the writes; nothing is written. ``instansi_ids`` limits the rows to
    the importing user's scope (``None``: every instansi)."""
    plan = StandardPlan()
    table = csv_table(text, required=COLUMNS)
    if table.error is not None:
        plan.errors.append(table.error)
        return plan
    names, index = table.names, table.index

    instansi = {i.code.upper(): i for i in Instansi.objects.all()}
    jabatan = {(j.instansi_id, j.code.upper()): j for j in Jabatan.objects.only("pk", "instansi_id", "code")}
    competencies = {c.code.upper(): c for c in Competency.objects.only("pk", "code", "kind", "instansi_id")}
    existing = {
        (s.jabatan_id, s.competency_id): s
        for s in PositionStandard.objects.only("pk", "jabatan_id", "competency_id", "required_level")
    }
    seen: dict[tuple[int, int], int] = {}
    wanted: list[tuple[int, int, int]] = []

    try:
        for line, cells in table.records():
            _check_row(
                line, cells, names, index, instansi, jabatan, competencies, instansi_ids, seen, wanted, plan
            )
    except CsvSyntaxError as exc:
        plan.errors.append(table.syntax_error(exc))

    if plan.errors:
        return plan
    for job_id, comp_id, level in wanted:
        current = existing.get((job_id, comp_id))
        if current is None:
            plan.to_create.append(
                PositionStandard(jabatan_id=job_id, competency_id=comp_id, required_level=level)
            )
        elif current.required_level != level:
            current.required_level = level
            plan.to_update.append(current)
        else:
            plan.unchanged += 1
    return plan


def _check_row(  # the parse's lookups are passed down, not rebuilt per row
    line: int,
    cells: list[str],
    names: list[str],
    index: dict[str, int],
    instansi: dict,
    jabatan: dict,
    competencies: dict,
    instansi_ids: set[int] | None,
    seen: dict[tuple[int, int], int],
    wanted: list[tuple[int, int, int]],
    plan: StandardPlan,
) -> None:
    """Check one record of the standards file; add its errors to ``plan`` or its row to ``wanted``."""
    if len(cells) != len(names):
        plan.errors.append(
            RowError(
                line, "-", _("Jumlah kolom %(n)d, seharusnya %(m)d.") % {"n": len(cells), "m": len(names)}
            )
        )
        return
    control = control_character_cell(cells)
    if control is not None:
        position, message = control
        plan.errors.append(RowError(line, names[position] or str(position + 1), message))
        return
    value = {c: cells[index[c]].strip() for c in COLUMNS}
    ins = instansi.get(value["instansi"].upper())
    if ins is None or (instansi_ids is not None and ins.pk not in instansi_ids):
        plan.errors.append(
            RowError(
                line,
                "instansi",
                _("Instansi “%(v)s” tidak dikenal atau di luar lingkup Anda.") % {"v": value["instansi"]},
            )
        )
        return
    row_ok = True
    job = jabatan.get((ins.pk, value["jabatan"].upper()))
    if job is None:
        plan.errors.append(
            RowError(
                line,
                "jabatan",
                _("Jabatan “%(v)s” tidak ada di instansi %(i)s.") % {"v": value["jabatan"], "i": ins.code},
            )
        )
        row_ok = False
    comp = competencies.get(value["kompetensi"].upper())
    if comp is None:
        plan.errors.append(
            RowError(
                line,
                "kompetensi",
                _("Kompetensi “%(v)s” tidak ada di kamus.") % {"v": value["kompetensi"]},
            )
        )
        row_ok = False
    elif comp.kind == Competency.Kind.TEKNIS and comp.instansi_id != ins.pk:
        plan.errors.append(
            RowError(
                line, "kompetensi", _("Kompetensi teknis “%(v)s” milik instansi lain.") % {"v": comp.code}
            )
        )
        row_ok = False
    try:
        level = int(value["level"])
        if not 1 <= level <= 5:
            raise ValueError
    except ValueError:
        plan.errors.append(
            RowError(line, "level", _("Level harus bilangan 1–5, bukan “%(v)s”.") % {"v": value["level"]})
        )
        row_ok = False
    if not row_ok:
        return
    key = (job.pk, comp.pk)
    if key in seen:
        plan.errors.append(
            RowError(
                line,
                "kompetensi",
                _("Jabatan dan kompetensi ini sudah ada di baris %(l)d.") % {"l": seen[key]},
            )
        )
        return
    seen[key] = line
    wanted.append((job.pk, comp.pk, level))


def standard_import_apply(*, plan: StandardPlan) -> StandardPlan:
    """Write a valid plan in one transaction (bulk insert and bulk update), then recompute the
    stored fit of every ASN holding a position whose standard changed (one statement)."""
    from .services import fit_refresh

    if plan.errors:
        raise ValueError("A plan with errors cannot be applied.")
    changed = {s.jabatan_id for s in plan.to_create} | {s.jabatan_id for s in plan.to_update}
    with transaction.atomic():
        PositionStandard.objects.bulk_create(plan.to_create, batch_size=1000)
        PositionStandard.objects.bulk_update(plan.to_update, ["required_level"], batch_size=1000)
        if changed:
            fit_refresh(jabatan_ids=changed)
    return plan
