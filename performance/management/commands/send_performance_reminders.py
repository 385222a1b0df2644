"""Daily reminders of pending plans, check-ins, evaluations and 360° ratings: one notification per
person and day (pamong.notifications: the inbox, and email by the person's preference, sent by the
worker). Running it twice on one day notifies nobody twice."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pamong.notifications.services import notification_send_each
from performance.notifications import performance_due_notifications_send
from performance.selectors import reminder_messages


class Command(BaseCommand):
    help = "Kirim pengingat kinerja harian lewat notifikasi (kotak notifikasi dan email)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Check-in yang jatuh tempo dalam N hari.")
        parser.add_argument("--dry-run", action="store_true", help="Hanya hitung, jangan kirim.")

    def handle(self, *args, days: int, dry_run: bool, **options):
        today = timezone.localdate()
        messages = reminder_messages(today=today, days=days)
        created = due = 0
        if not dry_run:
            with transaction.atomic():
                due = performance_due_notifications_send(today=today)
                created = notification_send_each(
                    kind="performance_reminder",
                    params_by_recipient={
                        user_id: {"count": len(lines), "detail": "\n".join(lines)}
                        for user_id, lines in messages.items()
                    },
                    key=f"performance_reminder:{today.isoformat()}",
                    link=reverse("performance:dashboard"),
                )
        self.stdout.write(
            f"Pengingat: {len(messages)} penerima, {created} notifikasi baru, {due} pengingat tenggat"
            f"{' (uji coba)' if dry_run else ''}."
        )
