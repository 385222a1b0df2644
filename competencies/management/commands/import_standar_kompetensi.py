"""``manage.py import_standar_kompetensi FILE.csv [--dry-run]``: import position standards
(see :mod:`competencies.importer`). All rows are checked first; one error imports nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from competencies.importer import COLUMNS, standard_import_apply, standard_import_parse
from pamong.csvfile import CsvImportCommand


class Command(CsvImportCommand):
    help_intro = "Impor standar kompetensi jabatan dari CSV dengan kolom"
    columns = COLUMNS

    def handle(self, *args, file: str, dry_run: bool, **options) -> None:
        text = self.read_text(file)
        with transaction.atomic():
            plan = standard_import_parse(text=text)
            self.stop_on_errors(plan.errors, file=file)
            if dry_run:
                self.stdout.write(
                    self.style.WARNING(_("Uji coba, tidak ada yang disimpan: %(c)s.") % {"c": plan.counts})
                )
                return
            standard_import_apply(plan=plan)
        self.stdout.write(self.style.SUCCESS(_("Impor selesai: %(c)s.") % {"c": plan.counts}))
