"""``manage.py import_asn FILE.csv [--dry-run]``: import ASN from a CSV file (see ``pamong.people.importer``)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from pamong.people.importer import COLUMNS, ImportPlan, asn_import_apply, asn_import_parse

#: Rows listed per action in the dry-run report unless ``-v 2`` asks for all of them.
DRY_RUN_LISTED = 20


class Command(BaseCommand):
    help = (
        "Impor ASN dari berkas CSV (UTF-8, pemisah koma atau titik koma) dengan kolom "
        + ",".join(COLUMNS)
        + ". Semua baris diperiksa dulu; satu kesalahan saja membatalkan seluruh impor."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Berkas CSV, atau - untuk membaca dari stdin.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Periksa dan tampilkan apa yang akan terjadi tanpa menyimpan apa pun.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Tanpa bilah kemajuan.")

    def handle(self, *args, file: str, dry_run: bool, no_progress: bool, verbosity: int, **options) -> None:
        text = self._read(file)
        progress = not no_progress and verbosity > 0 and sys.stderr.isatty()
        started = time.monotonic()
        # One transaction around reading and writing, so the plan matches what it is applied to.
        with transaction.atomic():
            plan = asn_import_parse(text=text, progress=progress)
            if plan.errors:
                for error in plan.errors:
                    self.stderr.write(str(error))
                raise CommandError(
                    _("%(n)d kesalahan di %(f)s; tidak ada data yang diimpor.")
                    % {"n": len(plan.errors), "f": file}
                )
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

    def _read(self, file: str) -> str:
        if file == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                data = Path(file).read_bytes()
            except OSError as exc:
                raise CommandError(
                    _("Berkas %(f)s tidak dapat dibaca: %(e)s") % {"f": file, "e": exc}
                ) from exc
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise CommandError(
                _("line %(l)d: berkas bukan UTF-8 (byte %(b)s); simpan ulang sebagai CSV UTF-8.")
                % {"l": line, "b": data[exc.start : exc.start + 1].hex()}
            ) from exc

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
