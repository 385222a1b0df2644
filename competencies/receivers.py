"""Receivers of other apps' events. Only translation into a service call happens here."""

from __future__ import annotations

import datetime

from pamong.people.models import ASN

from .services import fit_refresh, training_completion_record


def on_completed(sender, *, kind, user, course, module, completed_at: datetime.datetime, jp: int, **kwargs):
    """``learning.events.completed`` → :func:`competencies.services.training_completion_record`."""
    asn = ASN.objects.filter(user_id=user.pk).first()
    if asn is None:
        return
    training_completion_record(asn=asn, course=course, module=module, completed_at=completed_at, jp=jp)


def on_standard_saved(sender, *, instance, **kwargs):
    """A position standard added or edited one by one (Wagtail admin): refresh the stored fit of
    the ASN of that position (and of the former one, if the standard moved)."""
    jobs = {instance.jabatan_id}
    previous = getattr(instance, "_fit_previous_jabatan_id", None)
    if previous:
        jobs.add(previous)
    fit_refresh(jabatan_ids=jobs)


def on_standard_pre_save(sender, *, instance, **kwargs):
    if instance.pk:
        instance._fit_previous_jabatan_id = (
            sender.objects.filter(pk=instance.pk).values_list("jabatan_id", flat=True).first()
        )


def on_standard_deleted(sender, *, instance, **kwargs):
    fit_refresh(jabatan_ids=[instance.jabatan_id])


def on_asn_positions_changed(sender, *, asn_ids, **kwargs):
    """``pamong.people.signals.asn_positions_changed`` (import, admin) → refresh their stored fit."""
    fit_refresh(asn_ids=asn_ids)
