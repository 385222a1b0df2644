"""``manage.py check_aggregates [--repair]``: compare the stored HR figures with a recomputation."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pamong.hr.figures import figures_check, figures_rebuild


class Command(BaseCommand):
    help = _(
        "Membandingkan angka HR tersimpan (per unit kerja dan per instansi, penempatan 9-box) dengan "
        "perhitungan ulang dari data sumber; --repair menghitung ulang semuanya."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help=_("Perbaiki dengan menghitung ulang semua angka.")
        )
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help=_("Hitung ulang semua angka tanpa membandingkan dahulu (setelah impor data massal)."),
        )
        parser.add_argument("--limit", type=int, default=50, help=_("Jumlah selisih yang ditampilkan."))

    def handle(self, *args, repair: bool, rebuild: bool, limit: int, **options):
        if rebuild:
            figures_rebuild()
            self.stdout.write(self.style.SUCCESS(_("Angka HR dihitung ulang.")))
            return
        diffs = figures_check()
        for d in diffs[:limit]:
            where = (
                _("unit %(u)s") % {"u": d.unit_id}
                if d.unit_id
                else _("instansi %(i)s") % {"i": d.instansi_id}
            )
            self.stdout.write(
                _("%(where)s · %(what)s: tersimpan %(stored)s, dihitung ulang %(computed)s")
                % {"where": where, "what": d.what, "stored": d.stored, "computed": d.computed}
            )
        if len(diffs) > limit:
            self.stdout.write(_("… dan %(n)d selisih lainnya.") % {"n": len(diffs) - limit})
        if not diffs:
            self.stdout.write(self.style.SUCCESS(_("Semua angka HR sama dengan perhitungan ulang.")))
            return
        if repair:
            figures_rebuild()
            left = figures_check()
            if left:
                raise CommandError(_("%(n)d selisih tersisa setelah perbaikan.") % {"n": len(left)})
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(n)d selisih diperbaiki; angka HR dihitung ulang.") % {"n": len(diffs)}
                )
            )
            return
        raise CommandError(
            _("%(n)d selisih; jalankan check_aggregates --repair untuk menghitung ulang.") % {"n": len(diffs)}
        )
