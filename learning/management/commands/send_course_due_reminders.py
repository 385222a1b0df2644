"""Daily: notify learners whose assigned course is due in 7 days or tomorrow (pamong.notifications)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from learning.notifications import course_due_reminders_send


class Command(BaseCommand):
    help = "Kirim pengingat tenggat pelatihan (7 hari dan 1 hari sebelumnya) lewat notifikasi."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = course_due_reminders_send(today=timezone.localdate())
        self.stdout.write(f"Pengingat tenggat: {count} pelatihan dijadwalkan.")
