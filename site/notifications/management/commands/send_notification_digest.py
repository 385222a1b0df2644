"""Daily: enqueue the digest task (one email per person with what waits in their daily digest)."""

from django.core.management.base import BaseCommand

from pamong.notifications.tasks import send_notification_digests


class Command(BaseCommand):
    help = "Jadwalkan ringkasan harian notifikasi (dikirim oleh worker)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Kirim langsung di proses ini, tanpa worker.")

    def handle(self, *args, now: bool, **options):
        if now:
            totals = send_notification_digests.call()
            self.stdout.write(f"Ringkasan harian: {totals.get('digests', 0)} email.")
        else:
            send_notification_digests.enqueue()
            self.stdout.write("Ringkasan harian dijadwalkan; worker akan mengirimnya.")
