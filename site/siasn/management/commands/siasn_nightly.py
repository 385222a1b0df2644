"""Once a night (cron): enqueue the SIASN job — pull every mapped instansi, record what the outbox
missed, send, reconcile."""

from django.core.management.base import BaseCommand

from pamong.siasn.tasks import siasn_nightly


class Command(BaseCommand):
    help = "Jadwalkan pekerjaan malam SIASN (tarik data induk, kirim antrean, rekonsiliasi)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Jalankan langsung di proses ini, tanpa worker."
        )

    def handle(self, *args, now: bool, **options):
        if now:
            self.stdout.write(str(siasn_nightly.call()))
        else:
            siasn_nightly.enqueue()
            self.stdout.write("Pekerjaan malam SIASN dijadwalkan; worker akan menjalankannya.")
