"""``manage.py import_asn FILE.csv [--dry-run]``: import ASN from a CSV file (see ``pamong.people.importer``)."""

from __future__ import annotations

import sys
import time

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.csvfile import CsvImportCommand
from pamong.people.importer import COLUMNS, ImportPlan, asn_import_apply, asn_import_parse

#: Rows listed per action in the dry-run report unless ``-v 2`` asks for all of them.
DRY_RUN_LISTED = 20


class Command(CsvImportCommand):
    help_intro = "Impor ASN dari berkas CSV (UTF-8, pemisah koma atau titik koma) dengan kolom"
    columns = COLUMNS
    dry_run_help = "Periksa dan tampilkan apa yang akan terjadi tanpa menyimpan apa pun."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--no-progress", action="store_true", help="Tanpa bilah kemajuan.")

    def handle(self, *args, file: str, dry_run: bool, no_progress: bool, verbosity: int, **options) -> None:
        text = self.read_text(file)
        progress = not no_progress and verbosity > 0 and sys.stderr.isatty()
        started = time.monotonic()
        # One transaction around reading and writing, so the plan matches what it is applied to.
        with transaction.atomic():
            plan = asn_import_parse(text=text, progress=progress)
            self.stop_on_errors(plan.errors, file=file)
            if dry_run:
                self._report_dry_run(plan, verbosity)
                return
            counts = asn_import_apply(plan=plan, progress=progress)
        if verbosity > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Impor selesai dalam %(s).1f detik: %(c)s.")
                    % {"s": time.monotonic() - started, "c": counts}
                )
            )

    def _report_dry_run(self, plan: ImportPlan, verbosity: int) -> None:
        if verbosity > 0:
            limit = None if verbosity > 1 else DRY_RUN_LISTED
            for row in plan.to_create[:limit]:
                self.stdout.write(
                    _("baris %(l)d: buat %(n)s (%(m)s)") % {"l": row.line, "n": row.nip, "m": row.name}
                )
            if limit and len(plan.to_create) > limit:
                self.stdout.write(_("… dan %(n)d lainnya dibuat.") % {"n": len(plan.to_create) - limit})
            for planned in plan.to_update[:limit]:
                self.stdout.write(
                    _("baris %(l)d: perbarui %(n)s (%(f)s)")
                    % {"l": planned.row.line, "n": planned.row.nip, "f": ", ".join(planned.changed)}
                )
            if limit and len(plan.to_update) > limit:
                self.stdout.write(_("… dan %(n)d lainnya diperbarui.") % {"n": len(plan.to_update) - limit})
        self.stdout.write(
            self.style.WARNING(
                _("Uji coba (--dry-run), tidak ada yang disimpan: %(c)s.") % {"c": plan.counts}
            )
        )
