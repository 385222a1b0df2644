"""Level proposals and training completions (``learning.events.completed``)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.notifications.services import notification_send
from pamong.people.models import ASN

from ..models import (
    CompletionRule,
    CourseCompetency,
    CurrentLevel,
    LevelProposal,
    LevelSource,
    TrainingEvidence,
)
from .levels import level_set
from .plans import _atasan_user_id, _require_reviewer, plan_goals_settle


def proposal_decide(*, user, proposal: LevelProposal, confirm: bool) -> LevelProposal:
    """The atasan confirms (the level is set, never lowered) or rejects a proposed level."""
    _require_reviewer(user, proposal.asn)
    with transaction.atomic():
        proposal = LevelProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != LevelProposal.Status.PENDING:
            raise ValidationError(_("Usulan ini sudah diputuskan."))
        proposal.status = LevelProposal.Status.CONFIRMED if confirm else LevelProposal.Status.REJECTED
        proposal.decided_by, proposal.decided_at = user, timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        if confirm:
            level_set(
                asn=proposal.asn,
                competency=proposal.competency,
                level=proposal.level,
                source=LevelSource.ATASAN,
                note=_("Konfirmasi atasan atas bukti pelatihan “%(t)s”") % {"t": proposal.evidence.title},
                recorded_by=user,
                evidence=proposal.evidence,
                only_raise=True,
            )
    return proposal


# --------------------------------------------------------------------------------------------------
# Training completions (learning.events.completed)
# --------------------------------------------------------------------------------------------------


def training_completion_record(
    *, asn: ASN, course, module=None, completed_at: datetime.datetime, jp: int = 0
) -> TrainingEvidence | None:
    """Consume one completion of a course (``module=None``) or a module.

    A module without competency links is not recorded (its course is, when completed).
    Idempotent: the evidence row is unique per ASN and page, so a second call for the same
    completion returns ``None`` and changes nothing. On the first call, in one transaction:

    1. the evidence is recorded;
    2. each competency the page is linked to (:class:`CourseCompetency`) is applied by its rule:
       ``evidence`` — nothing more; ``raise`` — the level is raised to the declared level (never
       lowered); ``propose`` — a :class:`LevelProposal` waits for the atasan (unless already met);
    3. for a course, the ASN's approved plans are settled (:func:`plan_goals_settle`): its course
       activities are done on the completion date, goals whose activities are all done or whose
       target level is reached are done, and a plan whose goals are all done becomes completed.
    """
    page = module or course
    day = timezone.localdate(completed_at)
    links = list(CourseCompetency.objects.filter(page_id=page.pk).select_related("competency"))
    if module is not None and not links:
        return None  # a module counts as evidence only when it declares competencies
    with transaction.atomic():
        evidence, created = TrainingEvidence.objects.get_or_create(
            asn=asn,
            page_id=page.pk,
            defaults={
                "course_id": course.pk,
                "title": page.title[:255],
                "completed_at": completed_at,
                "jp": jp,
            },
        )
        if not created:
            return None
        current = dict(
            CurrentLevel.objects.filter(
                asn=asn, competency__in=[link.competency_id for link in links]
            ).values_list("competency_id", "level")
        )
        for link in links:
            if link.rule == CompletionRule.RAISE:
                level_set(
                    asn=asn,
                    competency=link.competency,
                    level=link.level,
                    source=LevelSource.TRAINING,
                    assessed_on=day,
                    note=_("Pelatihan “%(t)s” selesai") % {"t": evidence.title},
                    evidence=evidence,
                    only_raise=True,
                )
            elif link.rule == CompletionRule.PROPOSE and current.get(link.competency_id, 0) < link.level:
                proposal, proposed = LevelProposal.objects.get_or_create(
                    evidence=evidence, competency=link.competency, defaults={"asn": asn, "level": link.level}
                )
                if proposed:
                    _notify_level_proposal(proposal=proposal, asn=asn)
        if module is None:
            plan_goals_settle(asn_id=asn.pk, now=completed_at)
    return evidence


def _notify_level_proposal(*, proposal: LevelProposal, asn: ASN) -> None:
    """A level proposal waits for the ASN's direct atasan."""
    atasan_user_id = _atasan_user_id(asn)
    notification_send(
        kind="level_proposal",
        recipients=[atasan_user_id],
        key=f"level_proposal:{proposal.pk}",
        link=reverse("competencies:proposal_decide", args=[proposal.pk]),
        params={"competency": proposal.competency.name, "asn": asn.name},
        subject=proposal,
    )
