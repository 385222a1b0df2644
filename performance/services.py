"""Writes of the performance app. Keyword-only, validated first, written in one transaction.

Business errors raise :class:`django.core.exceptions.ValidationError` with an Indonesian message;
views show it and nothing is half-saved. Every change to plans, ratings and results writes an
:class:`~performance.models.AuditEntry`.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from competencies.services import development_goal_add_mandatory
from learning.certificates import CertificateDocument, absolute_url, certificate_document_pdf
from pamong import formats
from pamong.bulk import insert_select
from pamong.notifications.services import notification_send
from pamong.people.access import can_manage_instansi
from pamong.people.models import ASN
from pamong.people.selectors import hr_user_ids_for_instansi
from pamong.ratelimit import attempt_limit_exceeded
from pamong.uploads import IMAGES, OFFICE, PDF, upload_check

from .models import (
    ANONYMOUS_GROUPS,
    AUDIT_ACTIONS,
    AuditEntry,
    BehaviourRating,
    BerakhlakValue,
    CheckIn,
    Evaluation,
    Evidence,
    FeedbackComment,
    FollowUpProposal,
    FollowUpRule,
    Indicator,
    Period,
    Plan,
    PlanIndicator,
    PlannedResult,
    PublicFeedback,
    PublicFeedbackChannel,
    RaterAssignment,
    RaterGroup,
    Rating,
    Realisation,
)
from .scoring import indicator_achievement_pct, predikat_for
from .selectors import RATING_WINDOW_STATUSES, evaluation_finalise_blockers
from .tallies import tally_after_audit

# --- limits (settings may override) ----------------------------------------------------------

#: Evidence: at most this many bytes, of these types (checked by extension *and* magic bytes).
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_TYPES = {**PDF, **IMAGES, **OFFICE}
#: Public form: at most ``PUBLIC_FEEDBACK_RATE_LIMIT`` answers per client and form per window.
PUBLIC_FEEDBACK_RATE_LIMIT = 5
PUBLIC_FEEDBACK_RATE_WINDOW_SECONDS = 600


def _setting(name: str, default):
    return getattr(django_settings, name, default)


# --- audit ------------------------------------------------------------------------------------


def _snapshot(obj: Model | None, fields: list[str]) -> dict | None:
    if obj is None:
        return None
    out = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
    return out


def audit_record(
    *,
    actor,
    action: str,
    obj: Model,
    asn: ASN | None,
    before: dict | None,
    after: dict | None,
    instansi_id: int | None = None,
) -> AuditEntry:
    """Append one audit entry (who, when, what, before and after); ``action`` is one of
    :data:`performance.models.AUDIT_ACTIONS`, so the audit log never shows a raw code. A change that
    alters the period counts marks the instansi's period tallies stale (see :mod:`performance.tallies`)."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"audit action {action!r} has no label in AUDIT_ACTIONS")
    entry = AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        asn=asn,
        instansi_id=asn.instansi_id if asn else instansi_id,
        before=before,
        after=after,
    )
    tally_after_audit(action=action, instansi_id=entry.instansi_id)
    return entry


# --- transitions ------------------------------------------------------------------------------

#: What the loser of a race (or a stale page) is told: the row is no longer in the state it saw.
STALE_MESSAGE = _("Data ini baru saja diubah oleh pengguna lain. Muat ulang halaman dan periksa statusnya.")


def transition(
    *, model: type[Model], pk: int, expected: dict, changes: dict, message: str, obj: Model | None = None
) -> None:
    """Move one row from ``expected`` to ``changes`` in one conditional UPDATE.

    ``UPDATE … SET changes WHERE pk = pk AND expected`` lets exactly one of two concurrent callers
    through: on PostgreSQL the second UPDATE waits for the first to commit and then finds no row in
    the expected state. A row count of 0 raises :class:`ValidationError` with ``message``, so the
    loser gets a clear answer and the caller's transaction (audit entry included) is rolled back.
    With ``obj``, the winner's in-memory instance gets ``changes`` too.
    """
    if not model.objects.filter(pk=pk, **expected).update(**changes):
        raise ValidationError(message)
    if obj is not None:  # the caller's copy follows the row
        for name, value in changes.items():
            setattr(obj, name, value)


# --- periods ----------------------------------------------------------------------------------

PERIOD_FLOW = {
    Period.Status.PLANNING: Period.Status.RUNNING,
    Period.Status.RUNNING: Period.Status.EVALUATION,
    Period.Status.EVALUATION: Period.Status.CLOSED,
}


def period_create(
    *, name: str, year: int, starts_on: date, ends_on: date, instansi_id: int | None = None, checkins: int = 4
) -> Period:
    """A period with ``checkins`` evenly spaced check-ins (quarterly by default)."""
    if ends_on <= starts_on:
        raise ValidationError(_("Tanggal selesai harus setelah tanggal mulai."))
    if not 1 <= checkins <= 12:
        raise ValidationError(_("Jumlah pemantauan (check-in) harus antara 1 dan 12."))
    with transaction.atomic():
        period = Period.objects.create(
            name=name,
            year=year,
            starts_on=starts_on,
            ends_on=ends_on,
            instansi_id=instansi_id,
            checkins_per_year=checkins,
        )
        checkin_create_for(period=period)
    return period


def checkin_create_for(*, period: Period) -> None:
    span = (period.ends_on - period.starts_on).days
    n = period.checkins_per_year
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                period=period,
                number=i,
                label=_("Triwulan %(n)s") % {"n": i} if n == 4 else _("Pemantauan %(n)s") % {"n": i},
                due_on=period.starts_on + timedelta(days=round(span * i / n)),
            )
            for i in range(1, n + 1)
        ],
        ignore_conflicts=True,
    )


def period_advance(*, period: Period, actor) -> Period:
    """Move a period one step: planning → running → evaluation → closed (closing proposes follow-up)."""
    nxt = PERIOD_FLOW.get(period.status)
    if nxt is None:
        raise ValidationError(_("Periode ini sudah ditutup."))
    if nxt == Period.Status.CLOSED:
        return period_close(period=period, actor=actor)
    with transaction.atomic():
        before = _snapshot(period, ["status"])
        transition(
            model=Period,
            pk=period.pk,
            expected={"status": period.status},
            changes={"status": nxt},
            message=_("Status periode baru saja diubah oleh pengguna lain; muat ulang halaman."),
        )
        period.status = nxt
        audit_record(
            actor=actor, action="period.status", obj=period, asn=None, before=before, after={"status": nxt}
        )
    return period


def period_close(*, period: Period, actor) -> Period:
    """HR closes the period: finalised results stay, follow-up proposals are created."""
    if period.status == Period.Status.CLOSED:
        raise ValidationError(_("Periode ini sudah ditutup."))
    with transaction.atomic():
        before = _snapshot(period, ["status"])
        closed_at, closed_by = timezone.now(), actor if getattr(actor, "pk", None) else None
        transition(
            model=Period,
            pk=period.pk,
            expected={"status": period.status},
            changes={"status": Period.Status.CLOSED, "closed_at": closed_at, "closed_by": closed_by},
            message=_("Periode ini baru saja ditutup atau diubah oleh pengguna lain; muat ulang halaman."),
        )
        period.status, period.closed_at, period.closed_by = Period.Status.CLOSED, closed_at, closed_by
        created = followup_propose_for_period(period=period)
        audit_record(
            actor=actor,
            action="period.close",
            obj=period,
            asn=None,
            before=before,
            after={"status": period.status, "proposals_created": created},
        )
    return period


# --- SKP --------------------------------------------------------------------------------------

PLAN_FIELDS = ["status", "atasan_id"]


def plan_create(*, asn: ASN, period: Period, actor) -> Plan:
    if period.status == Period.Status.CLOSED:
        raise ValidationError(_("Periode sudah ditutup."))
    if Plan.objects.filter(asn=asn, period=period).exists():
        raise ValidationError(_("SKP untuk periode ini sudah ada."))
    with transaction.atomic():
        plan = Plan.objects.create(asn=asn, period=period, atasan_id=asn.atasan_id)
        audit_record(
            actor=actor,
            action="plan.create",
            obj=plan,
            asn=asn,
            before=None,
            after=_snapshot(plan, PLAN_FIELDS),
        )
    return plan


def _plan_must_be_draft(plan: Plan) -> None:
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("SKP sudah disepakati dan tidak dapat diubah."))
    if plan.period.status == Period.Status.CLOSED:
        raise ValidationError(_("Periode sudah ditutup."))


def plan_add_indicator(
    *,
    plan: Plan,
    kind: str,
    description: str,
    indicator: Indicator,
    target: Decimal,
    weight: Decimal = Decimal(1),
    actor,
) -> PlanIndicator:
    """Add a planned result (utama/tambahan) with one indicator, target and weight to a draft SKP."""
    _plan_must_be_draft(plan)
    errors = {}
    if kind not in PlannedResult.Kind.values:
        errors["kind"] = _("Jenis hasil kerja tidak dikenal.")
    if not description.strip():
        errors["description"] = _("Isi rencana hasil kerja.")
    if indicator.instansi_id not in (None, plan.asn.instansi_id) or not indicator.is_active:
        errors["indicator"] = _("Indikator tidak tersedia untuk instansi ini.")
    if target is None or target <= 0:
        errors["target"] = _("Target harus lebih besar dari nol.")
    if weight is None or weight <= 0:
        errors["weight"] = _("Bobot harus lebih besar dari nol.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        result = PlannedResult.objects.create(
            plan=plan, kind=kind, description=description.strip(), order=plan.results.count() + 1
        )
        pi = PlanIndicator.objects.create(
            plan=plan, result=result, indicator=indicator, target=target, weight=weight
        )
        audit_record(
            actor=actor,
            action="plan.add_indicator",
            obj=pi,
            asn=plan.asn,
            before=None,
            after={
                "plan": plan.pk,
                "kind": kind,
                "description": result.description,
                "indicator": indicator.name,
                "target": str(target),
                "weight": str(weight),
            },
        )
    return pi


def plan_agree(*, plan: Plan, actor) -> Plan:
    """The atasan agrees the SKP; the atasan, self and direct-report 360° raters are assigned."""
    _plan_must_be_draft(plan)
    if not plan.plan_indicators.exists():
        raise ValidationError(_("SKP belum memiliki indikator."))
    with transaction.atomic():
        before = _snapshot(plan, PLAN_FIELDS)
        agreed_at = timezone.now()
        transition(
            model=Plan,
            pk=plan.pk,
            expected={"status": Plan.Status.DRAFT},
            changes={"status": Plan.Status.AGREED, "agreed_at": agreed_at, "agreed_by": actor},
            message=_("SKP ini baru saja disepakati oleh pengguna lain."),
        )
        plan.status, plan.agreed_at, plan.agreed_by = Plan.Status.AGREED, agreed_at, actor
        rater_assign_defaults(plan=plan, actor=actor)
        audit_record(
            actor=actor,
            action="plan.agree",
            obj=plan,
            asn=plan.asn,
            before=before,
            after=_snapshot(plan, PLAN_FIELDS),
        )
    return plan


def _results_locked(plan: Plan) -> None:
    if plan.period.status == Period.Status.CLOSED:
        raise ValidationError(_("Periode sudah ditutup."))
    if Evaluation.objects.filter(plan=plan, status=Evaluation.Status.FINAL).exists():
        raise ValidationError(_("Hasil penilaian sudah final dan tidak dapat diubah."))


def evidence_validate(*, upload) -> str:
    """Return the content type of an acceptable upload, else raise: size, extension and magic bytes."""
    return upload_check(
        upload=upload,
        types=EVIDENCE_TYPES,
        max_bytes=_setting("PERFORMANCE_EVIDENCE_MAX_BYTES", EVIDENCE_MAX_BYTES),
    )


def realisation_record(
    *, plan_indicator: PlanIndicator, checkin: CheckIn, value: Decimal, notes: str = "", files=(), actor
) -> Realisation:
    """Record (or correct) the value of one indicator at one check-in, with evidence files."""
    plan = plan_indicator.plan
    _results_locked(plan)
    if plan.status != Plan.Status.AGREED:
        raise ValidationError(_("Realisasi dicatat setelah SKP disepakati."))
    if checkin.period_id != plan.period_id:
        raise ValidationError(_("Pemantauan (check-in) ini bukan bagian dari periode SKP ini."))
    if value is None or value < 0:
        raise ValidationError({"value": _("Realisasi tidak boleh negatif.")})
    types = [evidence_validate(upload=f) for f in files]
    with transaction.atomic():
        existing = Realisation.objects.filter(plan_indicator=plan_indicator, checkin=checkin).first()
        before = _snapshot(existing, ["value", "notes"])
        real, _created = Realisation.objects.update_or_create(
            plan_indicator=plan_indicator,
            checkin=checkin,
            defaults={"value": value, "notes": notes, "recorded_by": actor},
        )
        for f, ct in zip(files, types, strict=True):
            Evidence.objects.create(
                realisation=real,
                file=f,
                original_name=f.name[-200:],
                content_type=ct,
                size=f.size,
                uploaded_by=actor,
            )
        audit_record(
            actor=actor,
            action="realisation.record",
            obj=real,
            asn=plan.asn,
            before=before,
            after={**_snapshot(real, ["value", "notes"]), "checkin": checkin.number, "files": len(types)},
        )
    return real


def comment_add(*, plan: Plan, text: str, actor) -> FeedbackComment:
    if not text.strip():
        raise ValidationError({"text": _("Tulis umpan balik.")})
    return FeedbackComment.objects.create(plan=plan, text=text.strip(), author=actor)


# --- 360° -------------------------------------------------------------------------------------


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


# --- the public -------------------------------------------------------------------------------


def public_feedback_rate_limited(*, channel: PublicFeedbackChannel, client_key: str) -> bool:
    """Count one attempt for ``client_key`` on this form; True when over the limit (cache-based)."""
    limit = _setting("PERFORMANCE_PUBLIC_FEEDBACK_RATE_LIMIT", PUBLIC_FEEDBACK_RATE_LIMIT)
    window = _setting("PERFORMANCE_PUBLIC_FEEDBACK_RATE_WINDOW", PUBLIC_FEEDBACK_RATE_WINDOW_SECONDS)
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


# --- rating -----------------------------------------------------------------------------------

EVALUATION_FIELDS = [
    "status",
    "hasil_kerja",
    "perilaku_kerja",
    "predikat",
    "hasil_kerja_reason",
    "perilaku_kerja_reason",
    "achievement_pct",
    "perilaku_score",
]


def _evaluation_write(*, plan: Plan, existing: Evaluation | None, values: dict) -> Evaluation:
    """Create the draft result, or change it only while it is still a draft (conditional UPDATE):
    a result finalised meanwhile by someone else is never overwritten."""
    if existing is None:
        try:
            with transaction.atomic():
                return Evaluation.objects.create(plan=plan, **values)
        except IntegrityError:  # another request created it a moment ago
            raise ValidationError(STALE_MESSAGE) from None
    transition(
        model=Evaluation,
        pk=existing.pk,
        expected={"status": Evaluation.Status.DRAFT},
        changes=values,
        message=_("Hasil penilaian baru saja difinalkan dan tidak dapat diubah; ajukan keberatan."),
    )
    return Evaluation.objects.get(pk=existing.pk)


def evaluation_save(
    *,
    plan: Plan,
    hasil_kerja: str,
    perilaku_kerja: str,
    hasil_kerja_reason: str = "",
    perilaku_kerja_reason: str = "",
    actor,
) -> Evaluation:
    """The atasan confirms the proposal or overrides it with a reason; the predikat comes from the matrix."""
    from .selectors import evaluation_proposal, proposal_explanation

    if not plan.period.is_open_for_evaluation:
        raise ValidationError(_("Penilaian hanya dapat dilakukan pada periode berjalan atau evaluasi."))
    if plan.status != Plan.Status.AGREED:
        raise ValidationError(_("SKP belum disepakati."))
    existing = Evaluation.objects.filter(plan=plan).first()
    if existing and existing.is_final:
        raise ValidationError(_("Hasil penilaian sudah final dan tidak dapat diubah; ajukan keberatan."))
    proposal = evaluation_proposal(plan=plan)
    errors = {}
    if hasil_kerja not in Rating.values:
        errors["hasil_kerja"] = _("Pilih rating hasil kerja.")
    elif proposal.hasil_kerja and hasil_kerja != proposal.hasil_kerja and not hasil_kerja_reason.strip():
        errors["hasil_kerja_reason"] = _("Tuliskan alasan karena rating berbeda dari usulan sistem.")
    if perilaku_kerja not in Rating.values:
        errors["perilaku_kerja"] = _("Pilih rating perilaku kerja.")
    elif (
        proposal.perilaku_kerja
        and perilaku_kerja != proposal.perilaku_kerja
        and not perilaku_kerja_reason.strip()
    ):
        errors["perilaku_kerja_reason"] = _("Tuliskan alasan karena rating berbeda dari usulan sistem.")
    if errors:
        raise ValidationError(errors)
    explanation = proposal_explanation(proposal)
    predikat = predikat_for(hasil_kerja=hasil_kerja, perilaku_kerja=perilaku_kerja)
    explanation["cell"] = {"hasil_kerja": hasil_kerja, "perilaku_kerja": perilaku_kerja, "predikat": predikat}
    with transaction.atomic():
        before = _snapshot(existing, EVALUATION_FIELDS)
        ev = _evaluation_write(
            plan=plan,
            existing=existing,
            values={
                "achievement_pct": proposal.achievement_pct,
                "perilaku_score": proposal.perilaku_score,
                "proposed_hasil_kerja": proposal.hasil_kerja or "",
                "proposed_perilaku_kerja": proposal.perilaku_kerja or "",
                "hasil_kerja": hasil_kerja,
                "perilaku_kerja": perilaku_kerja,
                "hasil_kerja_reason": hasil_kerja_reason.strip()
                if hasil_kerja != proposal.hasil_kerja
                else "",
                "perilaku_kerja_reason": perilaku_kerja_reason.strip()
                if perilaku_kerja != proposal.perilaku_kerja
                else "",
                "predikat": predikat,
                "explanation": explanation,
                "evaluated_by": actor,
                "evaluated_at": timezone.now(),
            },
        )
        audit_record(
            actor=actor,
            action="evaluation.save",
            obj=ev,
            asn=plan.asn,
            before=before,
            after=_snapshot(ev, EVALUATION_FIELDS),
        )
    return ev


def evaluation_finalise(
    *, evaluation: Evaluation, actor, override_reason: str = "", today: date | None = None
) -> Evaluation:
    """The atasan finalises: from now on the result is read-only (corrections through objections).

    Refused before the period ends or while realisations are missing
    (:func:`evaluation_finalise_blockers`), unless HR of the ASN's instansi overrides with a reason,
    which is kept on the result and in the audit log. Exactly one of two concurrent finalisations
    goes through (conditional UPDATE); the other is told the result is already final.
    """
    if evaluation.is_final:
        raise ValidationError(_("Hasil penilaian sudah final."))
    blockers = evaluation_finalise_blockers(evaluation=evaluation, today=today)
    override_reason = override_reason.strip()
    if blockers:
        if not override_reason:
            raise ValidationError(
                [_("Hasil belum dapat difinalkan."), *blockers]
                + [_("Pengelola kepegawaian dapat mengesampingkan ini dengan alasan yang dicatat.")]
            )
        if not can_manage_instansi(actor, evaluation.plan.asn.instansi_id):
            raise ValidationError(
                _("Hanya pengelola kepegawaian instansi yang dapat memfinalkan dengan pengecualian.")
            )
    with transaction.atomic():
        before = _snapshot(evaluation, EVALUATION_FIELDS)
        changes = {
            "status": Evaluation.Status.FINAL,
            "finalised_by": actor,
            "finalised_at": timezone.now(),
            "finalise_override_reason": override_reason if blockers else "",
        }
        transition(
            model=Evaluation,
            pk=evaluation.pk,
            expected={"status": Evaluation.Status.DRAFT},
            changes=changes,
            message=_("Hasil penilaian ini baru saja difinalkan oleh pengguna lain."),
            obj=evaluation,
        )
        after = _snapshot(evaluation, EVALUATION_FIELDS)
        if blockers:
            after.update(override_reason=override_reason, overridden=[str(b) for b in blockers])
        audit_record(
            actor=actor,
            action="evaluation.finalise",
            obj=evaluation,
            asn=evaluation.plan.asn,
            before=before,
            after=after,
        )
        notification_send(
            kind="result_finalised",
            recipients=[evaluation.plan.asn.user_id],
            key=f"result_finalised:{evaluation.pk}",
            link=reverse("performance:result", args=[evaluation.plan_id]),
            params={"period": evaluation.plan.period.name},
            subject=evaluation,
        )
    return evaluation


# --- objections -------------------------------------------------------------------------------


def objection_file(*, evaluation: Evaluation, reason: str, actor):
    """The evaluated ASN objects to a final result; the atasan's own atasan decides."""
    from .models import Objection

    plan = evaluation.plan
    if not evaluation.is_final:
        raise ValidationError(_("Keberatan hanya untuk hasil yang sudah final."))
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan keberatan.")})
    decider_id = plan.atasan.atasan_id if plan.atasan_id else None
    if decider_id is None:
        raise ValidationError(_("Atasan pejabat penilai tidak ditemukan; hubungi pengelola kepegawaian."))
    with transaction.atomic():
        # the result's row lock orders two concurrent filings: the second sees the first's objection
        Evaluation.objects.select_for_update().filter(pk=evaluation.pk).values_list("pk").first()
        if evaluation.objections.filter(status=Objection.Status.PENDING).exists():
            raise ValidationError(_("Masih ada keberatan yang menunggu keputusan."))
        obj = Objection.objects.create(
            evaluation=evaluation, filed_by=actor, reason=reason.strip(), decider_id=decider_id
        )
        audit_record(
            actor=actor,
            action="objection.file",
            obj=obj,
            asn=plan.asn,
            before=None,
            after={"reason": obj.reason},
        )
        decider_user_id = ASN.objects.filter(pk=decider_id).values_list("user_id", flat=True).first()
        notification_send(
            kind="objection_filed",
            recipients=[decider_user_id, *hr_user_ids_for_instansi(instansi_id=plan.asn.instansi_id)],
            key=f"objection_filed:{obj.pk}",
            link=reverse("performance:objection_detail", args=[obj.pk]),
            params={"asn": plan.asn.name, "period": plan.period.name},
            subject=obj,
        )
    return obj


def objection_decide(
    *, objection, accept: bool, reason: str, new_hasil_kerja: str = "", new_perilaku_kerja: str = "", actor
):
    """Accept (with new ratings → new predikat from the matrix) or reject, always with a reason."""
    from .models import Objection

    if objection.status != Objection.Status.PENDING:
        raise ValidationError(_("Keberatan ini sudah diputuskan."))
    if not reason.strip():
        raise ValidationError({"decision_reason": _("Tuliskan alasan keputusan.")})
    ev = objection.evaluation
    if accept:
        new_hasil_kerja = new_hasil_kerja or ev.hasil_kerja
        new_perilaku_kerja = new_perilaku_kerja or ev.perilaku_kerja
        if new_hasil_kerja not in Rating.values or new_perilaku_kerja not in Rating.values:
            raise ValidationError(_("Rating baru tidak dikenal."))
    with transaction.atomic():
        decision = {
            "status": Objection.Status.ACCEPTED if accept else Objection.Status.REJECTED,
            "decision_reason": reason.strip(),
            "decided_by": actor,
            "decided_at": timezone.now(),
        }
        if accept:
            decision.update(new_hasil_kerja=new_hasil_kerja, new_perilaku_kerja=new_perilaku_kerja)
        transition(
            model=Objection,
            pk=objection.pk,
            expected={"status": Objection.Status.PENDING},
            changes=decision,
            message=_("Keberatan ini baru saja diputuskan oleh pengguna lain."),
            obj=objection,
        )
        if accept:
            before = _snapshot(ev, EVALUATION_FIELDS)
            ev.hasil_kerja, ev.perilaku_kerja = new_hasil_kerja, new_perilaku_kerja
            ev.predikat = predikat_for(hasil_kerja=new_hasil_kerja, perilaku_kerja=new_perilaku_kerja)
            ev.explanation = {
                **ev.explanation,
                "cell": {
                    "hasil_kerja": new_hasil_kerja,
                    "perilaku_kerja": new_perilaku_kerja,
                    "predikat": ev.predikat,
                },
                "objection": objection.pk,
            }
            ev.save(update_fields=["hasil_kerja", "perilaku_kerja", "predikat", "explanation"])
            audit_record(
                actor=actor,
                action="evaluation.objection_accepted",
                obj=ev,
                asn=ev.plan.asn,
                before=before,
                after=_snapshot(ev, EVALUATION_FIELDS),
            )
        audit_record(
            actor=actor,
            action="objection.decide",
            obj=objection,
            asn=ev.plan.asn,
            before={"status": Objection.Status.PENDING},
            after={"status": objection.status, "reason": objection.decision_reason},
        )
        notification_send(
            kind="objection_decided",
            recipients=[ev.plan.asn.user_id],
            key=f"objection_decided:{objection.pk}",
            link=reverse("performance:objection_detail", args=[objection.pk]),
            params={"period": ev.plan.period.name},
            subject=objection,
        )
    return objection


# --- follow-up --------------------------------------------------------------------------------


def followup_propose_for_period(*, period: Period) -> int:
    """Create reward/sanction proposals from the active rules for every final result. Set-based:
    one ``INSERT … SELECT`` per predikat rule, and one read of the latest realisations per
    indicator rule, whatever the number of ASN; running it twice adds nothing."""
    rules = list(FollowUpRule.objects.filter(is_active=True).select_related("trigger_indicator"))
    before = FollowUpProposal.objects.filter(period=period).count()
    for rule in rules:
        if rule.trigger_predikat:
            _followup_propose_predikat(period=period, rule=rule)
    rows: list[FollowUpProposal] = []
    for rule in (r for r in rules if r.trigger_indicator_id):
        pis = PlanIndicator.objects.filter(
            plan__period=period,
            indicator_id=rule.trigger_indicator_id,
            plan__evaluation__status=Evaluation.Status.FINAL,
        )
        if rule.instansi_id:
            pis = pis.filter(plan__asn__instansi_id=rule.instansi_id)
        latest: dict[int, tuple] = {}
        for pi_id, asn_id, ev_id, target, number, value in (
            pis.filter(realisations__isnull=False)
            .values_list(
                "pk",
                "plan__asn_id",
                "plan__evaluation__id",
                "target",
                "realisations__checkin__number",
                "realisations__value",
            )
            .iterator(chunk_size=5000)
        ):
            if pi_id not in latest or latest[pi_id][3] < number:
                latest[pi_id] = (asn_id, ev_id, target, number, value)
        for asn_id, ev_id, target, _n, value in latest.values():
            pct = indicator_achievement_pct(
                target=target, value=value, direction=rule.trigger_indicator.direction
            )
            hit = pct is not None and (
                pct >= rule.trigger_achievement_pct
                if rule.trigger_comparison == FollowUpRule.Comparison.GTE
                else pct < rule.trigger_achievement_pct
            )
            if hit:
                rows.append(
                    FollowUpProposal(
                        period=period,
                        asn_id=asn_id,
                        rule=rule,
                        evaluation_id=ev_id,
                        basis=_("%(ind)s: capaian %(pct)s")
                        % {"ind": rule.trigger_indicator.name, "pct": formats.percent(pct)},
                    )
                )
    FollowUpProposal.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return FollowUpProposal.objects.filter(period=period).count() - before


def _followup_propose_predikat(*, period: Period, rule: FollowUpRule) -> int:
    """One proposal per final result of ``period`` with the rule's predikat (in the rule's instansi,
    when it has one): a single ``INSERT … SELECT``; existing proposals are kept."""
    ev, plan, asn = Evaluation._meta.db_table, Plan._meta.db_table, ASN._meta.db_table
    source = (
        f"FROM {ev} ev JOIN {plan} pl ON pl.id = ev.plan_id JOIN {asn} a ON a.id = pl.asn_id "
        "WHERE pl.period_id = %s AND ev.status = %s AND ev.predikat = %s"
    )
    params: list = [period.pk, Evaluation.Status.FINAL, rule.trigger_predikat]
    if rule.instansi_id:
        source += " AND a.instansi_id = %s"
        params.append(rule.instansi_id)
    return insert_select(
        FollowUpProposal,
        columns={"period": "pl.period_id", "asn": "pl.asn_id", "evaluation": "ev.id"},
        constants={
            "rule": rule.pk,
            "basis": _("Predikat %(p)s") % {"p": rule.get_trigger_predikat_display()},
        },
        source=source,
        params=params,
    )


def proposal_decide(*, proposal: FollowUpProposal, approve: bool, note: str = "", actor) -> FollowUpProposal:
    """HR approves or rejects one proposal. An approved certificate gets a verification code; an
    approved development consequence goes to :func:`sanction_apply_development_consequence`."""
    if proposal.status != FollowUpProposal.Status.PROPOSED:
        raise ValidationError(_("Usulan ini sudah diputuskan."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    with transaction.atomic():
        decision = {
            "status": FollowUpProposal.Status.APPROVED if approve else FollowUpProposal.Status.REJECTED,
            "note": note.strip(),
            "decided_by": actor,
            "decided_at": timezone.now(),
        }
        if approve and proposal.rule.consequence == FollowUpRule.Consequence.CERTIFICATE:
            decision["certificate_code"] = certificate_new_code()
        transition(
            model=FollowUpProposal,
            pk=proposal.pk,
            expected={"status": FollowUpProposal.Status.PROPOSED},
            changes=decision,
            message=_("Usulan ini baru saja diputuskan oleh pengguna lain."),
            obj=proposal,
        )
        if approve and proposal.rule.consequence == FollowUpRule.Consequence.DEVELOPMENT_GOAL:
            sanction_apply_development_consequence(proposal=proposal, actor=actor)
        audit_record(
            actor=actor,
            action="followup.decide",
            obj=proposal,
            asn=proposal.asn,
            before={"status": FollowUpProposal.Status.PROPOSED},
            after={"status": proposal.status, "rule": proposal.rule.name, "note": proposal.note},
        )
        if approve:
            notification_send(
                kind="reward_sanction",
                recipients=[proposal.asn.user_id],
                key=f"reward_sanction:{proposal.pk}",
                link=reverse("performance:dashboard"),
                params={"action": proposal.rule.name},
                subject=proposal,
            )
    return proposal


def sanction_apply_development_consequence(*, proposal: FollowUpProposal, actor) -> str:
    """Record an approved sanction with a development consequence and hand it to competencies.

    Through competencies' public service ``development_goal_add_mandatory`` (idempotent per
    ``source``) a mandatory goal is added to the ASN's development plan for the year after the
    period, and the proposal is marked ``applied``.
    """
    if proposal.status != FollowUpProposal.Status.APPROVED:
        raise ValidationError(_("Hanya sanksi yang disetujui yang ditindaklanjuti."))
    if proposal.rule.consequence != FollowUpRule.Consequence.DEVELOPMENT_GOAL:
        raise ValidationError(_("Aturan ini tidak memiliki konsekuensi pengembangan."))
    development_goal_add_mandatory(
        asn=proposal.asn,
        year=proposal.period.year + 1,
        reason=_("Sanksi kinerja %(period)s: %(rule)s")
        % {"period": proposal.period.name, "rule": proposal.rule.name},
        source=f"performance.followup:{proposal.pk}",
    )
    status = FollowUpProposal.DevelopmentStatus.APPLIED
    FollowUpProposal.objects.filter(pk=proposal.pk).update(development_status=status)
    proposal.development_status = status
    return status


def certificate_new_code() -> str:
    """A verification code like ``PMG-7KQ2-M9XD`` (no 0/O/1/I)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"PMG-{raw[:4]}-{raw[4:]}"


def certificate_verify_url(code: str) -> str:
    """Absolute URL of a piagam's public verification page (from ``PAMONG_BASE_URL``)."""
    return absolute_url(reverse("performance:verify_code", args=[code]))


def certificate_document(*, proposal: FollowUpProposal) -> CertificateDocument:
    """What the piagam penghargaan of an approved reward says.

    The reason is written once: the predikat of the evaluation when the rule was triggered by one,
    otherwise the recorded basis (an indicator's achievement).
    """
    if proposal.status != FollowUpProposal.Status.APPROVED or not proposal.certificate_code:
        raise ValidationError(_("Piagam hanya untuk penghargaan yang disetujui."))
    asn = proposal.asn
    if proposal.evaluation_id and proposal.evaluation.predikat:
        detail = _("dengan predikat %(predikat)s") % {"predikat": proposal.evaluation.get_predikat_display()}
    else:
        detail = proposal.basis
    title = _("Piagam Penghargaan %(period)s — %(name)s") % {"period": proposal.period.name, "name": asn.name}
    return CertificateDocument(
        heading=_("Piagam Penghargaan"),
        issuer=asn.instansi.name,
        holder_name=asn.name,
        holder_nip=asn.nip,
        reason=_("atas capaian kinerja"),
        subject=proposal.period.name,
        detail=detail,
        date=proposal.decided_at or timezone.now(),
        code=proposal.certificate_code,
        verify_url=certificate_verify_url(proposal.certificate_code),
        pdf_title=title,
        pdf_subject=_("Piagam penghargaan kinerja %(period)s, kode %(code)s")
        % {"period": proposal.period.name, "code": proposal.certificate_code},
        verify_label=_("Verifikasi keaslian piagam ini di:"),
    )


def certificate_pdf(*, proposal: FollowUpProposal) -> bytes:
    """The piagam penghargaan as a one-page A4 landscape PDF/A-2b (learning's certificate module)."""
    return certificate_document_pdf(certificate_document(proposal=proposal))


def _decimal_or_error(value, field: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise ValidationError({field: _("Masukkan angka.")}) from None


def org_predikat_set(*, period: Period, instansi_id: int, predikat: str, actor):
    """HR records the instansi's own predikat, which selects its distribution pattern."""
    from .models import OrganisationPredikat, OrgPredikat

    if predikat not in OrgPredikat.values:
        raise ValidationError(_("Predikat organisasi tidak dikenal."))
    with transaction.atomic():
        before = OrganisationPredikat.objects.filter(period=period, instansi_id=instansi_id).first()
        row, _created = OrganisationPredikat.objects.update_or_create(
            period=period, instansi_id=instansi_id, defaults={"predikat": predikat}
        )
        audit_record(
            actor=actor,
            action="org_predikat.set",
            obj=row,
            asn=None,
            before={"predikat": before.predikat} if before else None,
            after={"predikat": predikat, "instansi": instansi_id},
            instansi_id=instansi_id,
        )
    return row
