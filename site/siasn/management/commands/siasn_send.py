"""Every few minutes (cron): enqueue the sending of the due SIASN outbox rows (retries included)."""

from django.core.management.base import BaseCommand

from pamong.siasn.outbox import outbox_send_due
from pamong.siasn.tasks import siasn_outbox_send


class Command(BaseCommand):
    help = "Jadwalkan pengiriman antrean SIASN yang sudah waktunya (dikirim oleh worker)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Kirim langsung di proses ini, tanpa worker.")

    def handle(self, *args, now: bool, **options):
        if now:
            self.stdout.write(str(outbox_send_due().as_dict()))
        else:
            siasn_outbox_send.enqueue()
            self.stdout.write("Pengiriman antrean SIASN dijadwalkan; worker akan mengirimnya.")
