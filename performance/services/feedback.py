"""360° perilaku kerja (rater assignment and ratings) and feedback from the public (the unit's
form, its rate limit and HR's moderation)."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.notifications.services import notification_send
from pamong.people.models import ASN
from pamong.people.selectors import hr_user_ids_for_instansi
from pamong.ratelimit import attempt_limit_exceeded

from ..models import (
    ANONYMOUS_GROUPS,
    BehaviourRating,
    BerakhlakValue,
    Plan,
    PublicFeedback,
    PublicFeedbackChannel,
    RaterAssignment,
    RaterGroup,
)
from ..selectors import RATING_WINDOW_STATUSES
from ._transition import _results_locked, transition
from .audit import audit_record

#: Public form: at most ``PUBLIC_FEEDBACK_RATE_LIMIT`` answers per client and form per window.
PUBLIC_FEEDBACK_RATE_LIMIT = 5


PUBLIC_FEEDBACK_RATE_WINDOW_SECONDS = 600


def rater_assign_defaults(*, plan: Plan, actor) -> None:
    """Assign the atasan, the ratee (self) and the ratee's direct reports."""
    rows = [RaterAssignment(plan=plan, rater_id=plan.asn_id, group=RaterGroup.SELF, assigned_by=actor)]
    if plan.atasan_id:
        rows.append(
            RaterAssignment(plan=plan, rater_id=plan.atasan_id, group=RaterGroup.ATASAN, assigned_by=actor)
        )
    rows += [
        RaterAssignment(plan=plan, rater_id=pk, group=RaterGroup.SUBORDINATE, assigned_by=actor)
        for pk in ASN.objects.filter(atasan_id=plan.asn_id, is_active=True).values_list("pk", flat=True)
    ]
    with transaction.atomic():
        RaterAssignment.objects.bulk_create(rows, ignore_conflicts=True)
        _notify_raters(plan=plan, rater_ids=[row.rater_id for row in rows])


def _notify_raters(*, plan: Plan, rater_ids: list[int]) -> None:
    """Each rater assigned to ``plan`` is asked once (the key is the plan; unique per rater)."""
    notification_send(
        kind="rating_requested",
        recipients=ASN.objects.filter(pk__in=rater_ids).values_list("user_id", flat=True),
        key=f"rating_requested:{plan.pk}",
        link=reverse("performance:rating_tasks"),
        params={"asn": plan.asn.name},
        subject=plan,
    )


def rater_assign_peers(*, plan: Plan, peers: list[ASN], actor) -> int:
    """The atasan or HR chooses peers: active ASN of the same instansi, not the ratee or the atasan."""
    _results_locked(plan)
    bad = [p for p in peers if p.instansi_id != plan.asn.instansi_id or p.pk in (plan.asn_id, plan.atasan_id)]
    if bad or any(not p.is_active for p in peers):
        raise ValidationError(
            _("Rekan kerja harus ASN aktif di instansi yang sama, bukan yang dinilai atau atasannya.")
        )
    existing = set(RaterAssignment.objects.filter(plan=plan).values_list("rater_id", flat=True))
    new = [p for p in peers if p.pk not in existing]
    with transaction.atomic():
        RaterAssignment.objects.bulk_create(
            [RaterAssignment(plan=plan, rater=p, group=RaterGroup.PEER, assigned_by=actor) for p in new]
        )
        _notify_raters(plan=plan, rater_ids=[p.pk for p in new])
        audit_record(
            actor=actor,
            action="rater.assign_peers",
            obj=plan,
            asn=plan.asn,
            before=None,
            after={"peers_added": len(new)},  # who was chosen is not logged where the ratee's HR reads it
        )
    return len(new)


def rating_submit(*, assignment: RaterAssignment, scores: dict[int, int], actor) -> RaterAssignment:
    """Submit 1–5 scores on every BerAKHLAK value (once; a submitted rating is not changed)."""
    if assignment.submitted_at is not None:
        raise ValidationError(_("Penilaian ini sudah dikirim."))
    _results_locked(assignment.plan)
    if assignment.plan.period.status not in RATING_WINDOW_STATUSES:
        raise ValidationError(
            _("Jendela penilaian 360° sudah ditutup: periode sudah memasuki tahap evaluasi.")
        )
    value_ids = set(BerakhlakValue.objects.values_list("pk", flat=True))
    if set(scores) != value_ids:
        raise ValidationError(_("Beri skor untuk ketujuh nilai BerAKHLAK."))
    if any(not isinstance(s, int) or not 1 <= s <= 5 for s in scores.values()):
        raise ValidationError(_("Skor harus 1 sampai 5."))
    with transaction.atomic():
        submitted_at = timezone.now()
        transition(
            model=RaterAssignment,
            pk=assignment.pk,
            expected={"submitted_at__isnull": True},
            changes={"submitted_at": submitted_at},
            message=_("Penilaian ini sudah dikirim."),
        )
        assignment.submitted_at = submitted_at
        BehaviourRating.objects.bulk_create(
            [BehaviourRating(assignment=assignment, value_id=v, score=s) for v, s in scores.items()]
        )
        if assignment.group in ANONYMOUS_GROUPS:
            # HR reads the log: an anonymous answer is recorded for the instansi only, without the
            # ratee or the group, so the log never counts a group's answers
            audit_record(
                actor=None,
                action="rating.submit",
                obj=assignment,
                asn=None,
                before=None,
                after={"anonymous": True},
                instansi_id=assignment.plan.asn.instansi_id,
            )
        else:
            audit_record(
                actor=None,  # the atasan's or the ratee's own rating: the group, never the scores
                action="rating.submit",
                obj=assignment.plan,
                asn=assignment.plan.asn,
                before=None,
                after={"group": assignment.group},
            )
    return assignment


def public_feedback_rate_limited(*, channel: PublicFeedbackChannel, client_key: str) -> bool:
    """Count one attempt for ``client_key`` on this form; True when over the limit (cache-based)."""
    limit = getattr(django_settings, "PERFORMANCE_PUBLIC_FEEDBACK_RATE_LIMIT", PUBLIC_FEEDBACK_RATE_LIMIT)
    window = getattr(
        django_settings, "PERFORMANCE_PUBLIC_FEEDBACK_RATE_WINDOW", PUBLIC_FEEDBACK_RATE_WINDOW_SECONDS
    )
    return attempt_limit_exceeded(key=f"perf:pubfb:{channel.pk}:{client_key}", limit=limit, window=window)


def public_feedback_submit(
    *, channel: PublicFeedbackChannel, rating: int, comment: str = "", asn_id: int | None = None
) -> PublicFeedback:
    if not channel.is_active:
        raise ValidationError(_("Formulir ini tidak aktif."))
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("Pilih nilai 1 sampai 5.")})
    if (
        asn_id is not None
        and not ASN.objects.filter(pk=asn_id, unit_id=channel.unit_id, is_active=True).exists()
    ):
        raise ValidationError({"asn": _("Petugas tidak ditemukan di unit ini.")})
    with transaction.atomic():
        feedback = PublicFeedback.objects.create(
            channel=channel, rating=rating, comment=comment.strip()[:2000], asn_id=asn_id
        )
        unit = channel.unit
        notification_send(
            kind="feedback_moderation",
            recipients=hr_user_ids_for_instansi(instansi_id=unit.instansi_id),
            key=f"feedback_moderation:{feedback.pk}",
            link=reverse("performance:moderation"),
            params={"unit": unit.name},
            subject=feedback,
        )
    return feedback


def public_feedback_moderate(*, feedback: PublicFeedback, approve: bool, actor) -> PublicFeedback:
    """HR approves or rejects one pending answer (once: a second moderator is told it is done)."""
    if feedback.status != PublicFeedback.Status.PENDING:
        raise ValidationError(_("Umpan balik ini sudah dimoderasi."))
    status = PublicFeedback.Status.APPROVED if approve else PublicFeedback.Status.REJECTED
    with transaction.atomic():
        moderated_at = timezone.now()
        transition(
            model=PublicFeedback,
            pk=feedback.pk,
            expected={"status": PublicFeedback.Status.PENDING},
            changes={"status": status, "moderated_by": actor, "moderated_at": moderated_at},
            message=_("Umpan balik ini baru saja dimoderasi oleh pengguna lain."),
        )
        feedback.status, feedback.moderated_by, feedback.moderated_at = status, actor, moderated_at
        audit_record(
            actor=actor,
            action="public_feedback.moderate",
            obj=feedback,
            asn=None,
            before={"status": PublicFeedback.Status.PENDING},
            after={"status": status},
            instansi_id=feedback.channel.unit.instansi_id,
        )
    return feedback


def public_channel_for_unit(*, unit) -> PublicFeedbackChannel:
    if not unit.serves_public:
        raise ValidationError(_("Unit ini tidak melayani publik."))
    channel, _created = PublicFeedbackChannel.objects.get_or_create(unit=unit)
    return channel
