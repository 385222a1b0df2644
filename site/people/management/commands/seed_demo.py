"""Load Pamong's demo data: the organisation, its ASN, the demo logins, then each app's content."""

from __future__ import annotations

import sys
import time

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pamong import formats
from pamong.people import demo_data
from pamong.people.demo import MIN_ASN, demo_build, demo_logins
from pamong.people.models import ASN

#: Each app's own demo step, run in this order when the command exists.
DEMO_STEPS = ["seed_socialization", "seed_learning", "seed_competencies", "seed_performance"]


class Command(BaseCommand):
    help = "Isi data demo Pamong (idempoten). Menolak berjalan bila DEBUG mati, kecuali dengan --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--asn", type=int, default=200, help="Jumlah ASN demo (bawaan 200; 90000 = skala Jambi)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Benih acak, agar data dapat diulang.")
        parser.add_argument(
            "--force", action="store_true", help="Jalankan walau DEBUG mati (mis. untuk benchmark)."
        )
        parser.add_argument("--if-empty", action="store_true", help="Lewati bila sudah ada data ASN.")
        parser.add_argument("--no-progress", action="store_true", help="Tanpa bilah kemajuan.")

    def handle(self, *args, asn: int, seed: int, force: bool, if_empty: bool, no_progress: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG mati: seed_demo hanya untuk pengembangan. Gunakan --force bila memang disengaja."
            )
        if asn < MIN_ASN:
            raise CommandError(f"--asn minimal {MIN_ASN}.")
        if if_empty and ASN.objects.exists():
            self.stdout.write("Data sudah ada; seed_demo dilewati.")
            return
        started = time.monotonic()
        show = not no_progress and options["verbosity"] > 0 and sys.stderr.isatty()
        with tqdm(total=asn, desc="ASN", unit="asn", disable=not show, file=sys.stderr) as bar:
            counts = demo_build(asn=asn, seed=seed, progress=bar.update)
        self.stdout.write(f"Organisasi: {counts} ({formats.seconds(time.monotonic() - started)}).")
        available = get_commands()
        for step in DEMO_STEPS:
            if step in available:
                step_started = time.monotonic()
                call_command(
                    step, seed=seed, verbosity=options["verbosity"], stdout=self.stdout, stderr=self.stderr
                )
                self.stdout.write(f"{step}: {formats.seconds(time.monotonic() - step_started)}.")
        self.stdout.write(
            self.style.SUCCESS(f"Data demo siap dalam {formats.seconds(time.monotonic() - started)}.")
        )
        self.stdout.write(f"Login demo (kata sandi untuk semua: {demo_data.DEMO_PASSWORD}):")
        for username, description in demo_logins():
            self.stdout.write(f"  {username:<16} {description}")
