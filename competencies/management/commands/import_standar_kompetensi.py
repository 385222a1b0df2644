"""``manage.py import_standar_kompetensi FILE.csv [--dry-run]``: import position standards
(see :mod:`competencies.importer`). All rows are checked first; one error imports nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from competencies.importer import COLUMNS, standard_import_apply, standard_import_parse


class Command(BaseCommand):
    help = (
        "Impor standar kompetensi jabatan dari CSV dengan kolom "
        + ",".join(COLUMNS)
        + ". Semua baris diperiksa dulu; satu kesalahan saja membatalkan seluruh impor."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Berkas CSV, atau - untuk membaca dari stdin.")
        parser.add_argument("--dry-run", action="store_true", help="Periksa saja, tanpa menyimpan.")

    def handle(self, *args, file: str, dry_run: bool, **options) -> None:
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(_("Berkas %(f)s tidak dapat dibaca: %(e)s") % {"f": file, "e": exc}) from exc
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise CommandError(
                _("line %(l)d: berkas bukan UTF-8; simpan ulang sebagai CSV UTF-8.") % {"l": line}
            ) from exc
        with transaction.atomic():
            plan = standard_import_parse(text=text)
            if plan.errors:
                for error in plan.errors:
                    self.stderr.write(str(error))
                raise CommandError(
                    _("%(n)d kesalahan di %(f)s; tidak ada data yang diimpor.")
                    % {"n": len(plan.errors), "f": file}
                )
            if dry_run:
                self.stdout.write(
                    self.style.WARNING(_("Uji coba, tidak ada yang disimpan: %(c)s.") % {"c": plan.counts})
                )
                return
            standard_import_apply(plan=plan)
        self.stdout.write(self.style.SUCCESS(_("Impor selesai: %(c)s.") % {"c": plan.counts}))
