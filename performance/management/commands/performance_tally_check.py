from django.core.management.base import BaseCommand, CommandError

from performance.models import Period
from performance.tallies import tally_mismatches, tally_rebuild


class Command(BaseCommand):
    help = (
        "Periksa rekap periode kinerja (jumlah SKP dan predikat per unit) terhadap penghitungan ulang "
        "dari awal. Dengan --rebuild, semua rekap ditandai usang dan dihitung ulang saat dibuka."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", type=int, help="ID periode (bawaan: semua periode)")
        parser.add_argument("--rebuild", action="store_true", help="tandai semua rekap usang")

    def handle(self, *args, period=None, rebuild=False, **options):
        chosen = None
        if period is not None:
            chosen = Period.objects.filter(pk=period).first()
            if chosen is None:
                raise CommandError(f"Periode {period} tidak ditemukan.")
        if rebuild:
            n = tally_rebuild(period=chosen)
            self.stdout.write(f"{n} rekap ditandai usang; dihitung ulang saat halaman periode dibuka.")
            return
        wrong = tally_mismatches(period=chosen)
        if wrong:
            listed = ", ".join(f"periode {p} instansi {i}" for p, i in wrong)
            raise CommandError(f"{len(wrong)} rekap berbeda dari penghitungan ulang: {listed}.")
        self.stdout.write("Semua rekap periode sama dengan penghitungan ulang.")
