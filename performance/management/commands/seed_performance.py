from django.core.management.base import BaseCommand

from performance.demo import seed_performance


class Command(BaseCommand):
    help = "Data demo kinerja: periode tahun lalu (ditutup) dan tahun ini (berjalan). Idempoten."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, seed: int, **options):
        counts = seed_performance(seed=seed)
        self.stdout.write("Kinerja: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".")
