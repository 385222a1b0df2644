"""E-mail reminders for pending plans, check-ins, evaluations and 360° ratings (one mail per person)."""

from django.conf import settings
from django.core.mail import get_connection, send_mass_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from performance.selectors import reminder_messages


class Command(BaseCommand):
    help = "Kirim pengingat kinerja melalui e-mail (backend konsol saat pengembangan)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Check-in yang jatuh tempo dalam N hari.")
        parser.add_argument("--dry-run", action="store_true", help="Hanya hitung, jangan kirim.")

    def handle(self, *args, days: int, dry_run: bool, **options):
        messages = reminder_messages(today=timezone.localdate(), days=days)
        if not dry_run:
            mails = (
                (
                    "[Pamong] Pengingat kinerja",
                    "Yth. Bapak/Ibu,\n\n"
                    + "\n".join(f"- {line}" for line in lines)
                    + "\n\nBuka /kinerja/ di Pamong.\n",
                    settings.DEFAULT_FROM_EMAIL,
                    [email],
                )
                for email, lines in messages.items()
            )
            send_mass_mail(mails, fail_silently=False, connection=get_connection())
        self.stdout.write(f"Pengingat: {len(messages)} penerima{' (uji coba)' if dry_run else ''}.")
