"""Activities of a development plan's goals: add, remove, mark done."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import OutsideRecord
from learning.outside import outside_record_create
from learning.services import LearningError
from pamong.people.access import scope_for

from ..models import (
    Activity,
    DevelopmentPlan,
    Goal,
)
from .plans import _owned_editable_plan, plan_goals_settle


def activity_add(*, user, goal: Goal, kind: str, course=None, title: str = "", jp: int = 0) -> Activity:
    """The owner adds an activity: a live catalogue course (its JP) or a non-classical activity."""
    _owned_editable_plan(user=user, plan=goal.plan)
    if kind not in Activity.Kind.values:
        raise ValidationError(_("Jenis kegiatan tidak dikenal."))
    title = (title or "").strip()
    if kind == Activity.Kind.COURSE:
        if course is None or not course.live:
            raise ValidationError(_("Pilih pelatihan dari katalog."))
        title, jp = course.title, course.jp
    else:
        course = None
        if not title:
            raise ValidationError(_("Tuliskan nama kegiatan."))
        if not 1 <= int(jp or 0) <= 200:
            raise ValidationError(_("JP kegiatan harus 1–200."))
    return Activity.objects.create(goal=goal, kind=kind, course=course, title=title[:255], jp=int(jp))


def activity_remove(*, user, activity: Activity) -> None:
    _owned_editable_plan(user=user, plan=activity.goal.plan)
    activity.delete()


def activity_mark_done(*, user, activity: Activity, done_on: datetime.date | None = None) -> Activity:
    """The owner reports a non-classical activity of an approved plan as done (courses complete
    through the catalogue). Like any learning done outside Pamong it waits for HR's verification
    (:func:`learning.outside.outside_record_create`); its JP count in the ledger for the year of
    ``done_on`` once verified."""
    plan = activity.goal.plan
    if scope_for(user).asn_id != plan.asn_id:
        raise Http404
    if plan.status != DevelopmentPlan.Status.APPROVED:
        raise ValidationError(_("Kegiatan dapat dilaporkan setelah rencana disetujui atasan."))
    if activity.is_course:
        raise ValidationError(_("Pelatihan katalog selesai otomatis saat pelatihannya diselesaikan."))
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError(_("Tanggal selesai tidak boleh di masa depan."))
    with transaction.atomic():
        if Activity.objects.filter(pk=activity.pk, done_on__isnull=True).update(done_on=done_on):
            try:
                record = outside_record_create(
                    user=user,
                    provider=str(Activity.Kind(activity.kind).label),
                    title=activity.title,
                    started_on=done_on,
                    ended_on=done_on,
                    jp=activity.jp,
                    origin=OutsideRecord.Origin.ACTIVITY,
                )
            except LearningError as error:
                raise ValidationError(str(error)) from None
            Activity.objects.filter(pk=activity.pk).update(outside_record=record)
        plan_goals_settle(asn_id=plan.asn_id, plan_ids=[plan.pk])
    activity.refresh_from_db()
    return activity
