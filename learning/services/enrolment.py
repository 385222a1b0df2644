"""Enrolment: a learner enrols themself; HR assigns a course to an instansi, unit or jabatan."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.people.access import scope_for
from pamong.people.models import ASN, Jabatan, UnitKerja

from .. import xapi
from ..models import (
    CoursePage,
    Enrolment,
    Statement,
)
from ..notifications import notify_course_assigned
from .errors import LearningError
from .statements import statement_record


def _asn_of(user) -> ASN:
    asn_id = scope_for(user).asn_id
    if asn_id is None:
        raise LearningError(_("Hanya ASN yang dapat mengikuti pelatihan."))
    return ASN.objects.get(pk=asn_id)


def enrolment_self_create(*, user, course: CoursePage, now: datetime.datetime | None = None) -> Enrolment:
    """Enrol ``user`` (an ASN) on an open course whose prerequisites they have completed."""
    asn = _asn_of(user)
    existing = Enrolment.objects.filter(asn=asn, course=course).first()
    if existing is not None:
        return existing
    if not course.live:
        raise LearningError(_("Pelatihan ini belum diterbitkan."))
    if not course.is_open:
        raise LearningError(
            _("Pelatihan “%(course)s” hanya dapat diikuti melalui penugasan dari pengelola kepegawaian.")
            % {"course": course.title}
        )
    prerequisites = list(course.prerequisites.order_by("title"))
    if prerequisites:
        done = set(
            Enrolment.objects.filter(
                asn=asn, course__in=prerequisites, completed_at__isnull=False
            ).values_list("course_id", flat=True)
        )
        missing = [p.title for p in prerequisites if p.pk not in done]
        if missing:
            raise LearningError(
                _("Selesaikan dulu pelatihan prasyarat: %(courses)s.")
                % {"courses": ", ".join(f"“{title}”" for title in missing)}
            )
    now = now or timezone.now()
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            asn=asn, course=course, defaults={"enrolled_at": now, "source": Enrolment.Source.SELF}
        )
        if created:
            statement_record(
                enrolment=enrolment,
                verb=xapi.VERB_REGISTERED,
                object_type="course",
                object_ref=course.pk,
                object_name=course.title,
                timestamp=now,
            )
    return enrolment


def enrolment_assign_bulk(
    *,
    user,
    course: CoursePage,
    due_date: datetime.date,
    instansi_id: int | None = None,
    unit_id: int | None = None,
    jabatan_id: int | None = None,
    now: datetime.datetime | None = None,
) -> int:
    """Assign ``course`` to every active ASN of an instansi, a unit or a jabatan, due ``due_date``.

    HR only, within their scope. Two set-based statements (``INSERT … SELECT``): the enrolments and
    their "registered" learning records; ASN already enrolled are left as they are. Returns the
    number of new enrolments.
    """
    targets = [t for t in (instansi_id, unit_id, jabatan_id) if t]
    if len(targets) != 1:
        raise LearningError(_("Pilih tepat satu sasaran: instansi, unit kerja atau jabatan."))
    scope = scope_for(user)
    if not scope.is_hr:
        raise PermissionDenied
    now = now or timezone.now()
    if due_date < timezone.localdate(now):
        raise LearningError(_("Batas waktu tidak boleh sebelum hari ini."))
    if not course.live:
        raise LearningError(_("Pelatihan ini belum diterbitkan."))
    if instansi_id:
        target_instansi, column = instansi_id, "instansi_id"
    elif unit_id:
        target_instansi = UnitKerja.objects.filter(pk=unit_id).values_list("instansi_id", flat=True).first()
        column = "unit_id"
    else:
        target_instansi = Jabatan.objects.filter(pk=jabatan_id).values_list("instansi_id", flat=True).first()
        column = "jabatan_id"
    allowed = scope.hr_instansi_ids()
    if target_instansi is None or (allowed is not None and target_instansi not in allowed):
        raise LearningError(_("Sasaran penugasan tidak ditemukan dalam lingkup Anda."))
    target = targets[0]

    ops = connection.ops
    enrolment_table = Enrolment._meta.db_table
    statement_table = Statement._meta.db_table
    asn_table = ASN._meta.db_table
    ts = ops.adapt_datetimefield_value(now)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
                INSERT INTO {enrolment_table}
                    (asn_id, course_id, source, assigned_by_id, due_date, enrolled_at, progress, jp_credited)
                SELECT a.id, %s, %s, %s, %s, %s, 0, 0
                FROM {asn_table} a
                WHERE a.is_active = %s AND a.{column} = %s
                  AND NOT EXISTS (
                    SELECT 1 FROM {enrolment_table} e WHERE e.asn_id = a.id AND e.course_id = %s
                  )
                """,  # table and column names come from model metadata, values are parameters
            [
                course.pk,
                Enrolment.Source.ASSIGNED,
                user.pk,
                ops.adapt_datefield_value(due_date),
                ts,
                True,
                target,
                course.pk,
            ],
        )
        created = cursor.rowcount
        cursor.execute(
            f"""
                INSERT INTO {statement_table}
                    (asn_id, enrolment_id, verb, object_type, object_ref, object_name, result, timestamp,
                     stored)
                SELECT e.asn_id, e.id, %s, 'course', e.course_id, %s, NULL, e.enrolled_at, %s
                FROM {enrolment_table} e
                WHERE e.course_id = %s AND e.enrolled_at = %s AND e.source = %s AND e.assigned_by_id = %s
                """,
            [
                xapi.VERB_REGISTERED,
                course.title,
                ops.adapt_datetimefield_value(timezone.now()),  # stored: the real time, not ``now``
                course.pk,
                ts,
                Enrolment.Source.ASSIGNED,
                user.pk,
            ],
        )
        if created:
            # The learners hear of it from the worker, which finds them by this assignment (on commit).
            notify_course_assigned(course=course, enrolled_at=now, assigned_by_id=user.pk, due_date=due_date)
    return created
