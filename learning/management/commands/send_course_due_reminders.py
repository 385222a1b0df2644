"""Daily: notify learners whose assigned course is due in 7 days or tomorrow, and the participants
of every session that starts tomorrow (pamong.notifications)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from learning.notifications import course_due_reminders_send, session_reminders_send


class Command(BaseCommand):
    help = "Kirim pengingat tenggat pelatihan (7 hari dan 1 hari sebelumnya) dan sesi besok lewat notifikasi."

    def handle(self, *args, **options):
        today = timezone.localdate()
        with transaction.atomic():
            count = course_due_reminders_send(today=today)
            sessions = session_reminders_send(today=today)
        self.stdout.write(f"Pengingat tenggat: {count} pelatihan dijadwalkan.")
        self.stdout.write(f"Pengingat sesi besok: {sessions} sesi dijadwalkan.")
