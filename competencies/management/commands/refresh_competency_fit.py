"""Recompute the stored competency fit (JPM) of every ASN, or of some: one set-based statement."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from competencies.models import CompetencyFit
from competencies.services import fit_refresh
from pamong import formats


class Command(BaseCommand):
    help = (
        "Hitung ulang JPM tersimpan (kesesuaian kompetensi) semua ASN, atau ASN/jabatan tertentu. "
        "Jalankan setelah impor pegawai atau perubahan jabatan secara massal."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--asn", type=int, nargs="*", help="ID ASN (bawaan: semua ASN).")
        parser.add_argument("--jabatan", type=int, nargs="*", help="ID jabatan: semua ASN pada jabatan ini.")

    def handle(self, *args, asn: list[int] | None, jabatan: list[int] | None, **options) -> None:
        started = time.monotonic()
        fit_refresh(asn_ids=asn, jabatan_ids=jabatan)
        rows = CompetencyFit.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"JPM tersimpan diperbarui dalam {formats.seconds(time.monotonic() - started)} ({formats.integer(rows)} baris)."
            )
        )
