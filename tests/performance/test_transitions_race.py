"""Issue 13, defect 5: every state transition lets exactly one of two simultaneous callers through.

Each case loads the object twice before either caller writes (two HR users with the same page
open), then both act. On PostgreSQL they are two threads with two connections released together;
on SQLite they run one after the other with their stale objects (see :mod:`tests.race`). Exactly
one succeeds, the other gets an Indonesian :class:`ValidationError` (a message, never a 500), and
exactly one audit entry is written.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError

from performance import services
from performance.models import (
    AuditEntry,
    BehaviourRating,
    BerakhlakValue,
    CheckIn,
    Evaluation,
    FollowUpProposal,
    FollowUpRule,
    Objection,
    Period,
    PeriodicAssessment,
    Plan,
    PublicFeedback,
    RaterAssignment,
    RaterGroup,
)
from performance.services.evaluation import _evaluation_write
from tests.factories.performance import (
    PeriodFactory,
    PlanFactory,
    add_indicator,
    channel_for,
    final_evaluation,
    public_feedback,
)
from tests.race import race, restore_reference_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOSER_WORDS = ("baru saja", "sudah", "Masih ada")


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    restore_reference_data()


def _one_winner(outcomes) -> object:
    winners = [o for o in outcomes if o.ok]
    losers = [o for o in outcomes if not o.ok]
    assert len(winners) == 1 and len(losers) == 1, [o.error for o in outcomes]
    error = losers[0].error
    assert isinstance(error, ValidationError), repr(error)
    assert any(word in " ".join(error.messages) for word in LOSER_WORDS), error.messages
    return winners[0].value


def _draft_evaluation(world, *, year=2025, status=Period.Status.EVALUATION) -> Evaluation:
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=year, status=status))
    add_indicator(plan, target="100", value="100")
    return services.evaluation_save(
        plan=plan,
        hasil_kerja="sesuai",
        perilaku_kerja="sesuai",
        hasil_kerja_reason="r",
        perilaku_kerja_reason="r",
        actor=world.atasan_a.user,
    )


def test_period_advance(world):
    period = PeriodFactory(year=2026, status=Period.Status.RUNNING)
    _one_winner(
        race(
            lambda: Period.objects.get(pk=period.pk),
            lambda p: services.period_advance(period=p, actor=world.bkpsdm.user),
        )
    )
    period.refresh_from_db()
    assert period.status == Period.Status.EVALUATION
    assert AuditEntry.objects.filter(action="period.status").count() == 1


def test_period_close(world):
    period = PeriodFactory(year=2025, status=Period.Status.EVALUATION)
    plan = PlanFactory(asn=world.staff_a, period=period)
    final_evaluation(plan, predikat="sangat_baik", hasil="di_atas", perilaku="di_atas")
    _one_winner(
        race(
            lambda: Period.objects.get(pk=period.pk),
            lambda p: services.period_advance(period=p, actor=world.bkpsdm.user),
        )
    )
    period.refresh_from_db()
    assert period.status == Period.Status.CLOSED and period.closed_at is not None
    entries = AuditEntry.objects.filter(action="period.close")
    assert entries.count() == 1
    assert FollowUpProposal.objects.filter(period=period).count() == entries.get().after["proposals_created"]


def test_plan_agree(world):
    plan = PlanFactory(
        asn=world.staff_a, period=PeriodFactory(year=2026, status="planning"), status=Plan.Status.DRAFT
    )
    add_indicator(plan, target="10")
    _one_winner(
        race(
            lambda: Plan.objects.select_related("period", "asn").get(pk=plan.pk),
            lambda p: services.plan_agree(plan=p, actor=world.atasan_a.user),
        )
    )
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.AGREED
    assert AuditEntry.objects.filter(action="plan.agree").count() == 1


def test_rating_submit(world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026, status=Period.Status.RUNNING))
    add_indicator(plan)
    task = RaterAssignment.objects.create(plan=plan, rater=world.staff_a2, group=RaterGroup.PEER)
    scores = {v.pk: 4 for v in BerakhlakValue.objects.all()}
    _one_winner(
        race(
            lambda: RaterAssignment.objects.select_related("plan__period", "plan__asn").get(pk=task.pk),
            lambda a: services.rating_submit(assignment=a, scores=scores, actor=world.staff_a2.user),
        )
    )
    assert BehaviourRating.objects.filter(assignment=task).count() == len(scores)
    assert AuditEntry.objects.filter(action="rating.submit").count() == 1


def test_evaluation_finalise(world):
    ev = _draft_evaluation(world)
    _one_winner(
        race(
            lambda: Evaluation.objects.select_related("plan__period", "plan__asn").get(pk=ev.pk),
            lambda e: services.evaluation_finalise(evaluation=e, actor=world.atasan_a.user),
        )
    )
    assert Evaluation.objects.get(pk=ev.pk).is_final
    assert AuditEntry.objects.filter(action="evaluation.finalise").count() == 1


def test_evaluation_save_does_not_undo_a_finalisation(world):
    """The atasan saves an edit from a page opened before HR finalised: the final result stays."""
    ev = _draft_evaluation(world)
    plan = Plan.objects.select_related("period", "asn").get(pk=ev.plan_id)
    stale = Evaluation.objects.get(pk=ev.pk)  # the atasan's page: still a draft
    services.evaluation_finalise(evaluation=Evaluation.objects.get(pk=ev.pk), actor=world.hr_a.user)
    with pytest.raises(ValidationError, match="baru saja difinalkan"):
        _evaluation_write(plan=plan, existing=stale, values={"predikat": "kurang"})
    assert Evaluation.objects.get(pk=ev.pk).predikat == ev.predikat


def test_objection_file(world):
    ev = _draft_evaluation(world)
    services.evaluation_finalise(evaluation=ev, actor=world.atasan_a.user)
    _one_winner(
        race(
            lambda: Evaluation.objects.select_related("plan__atasan", "plan__asn").get(pk=ev.pk),
            lambda e: services.objection_file(evaluation=e, reason="Q4", actor=world.staff_a.user),
        )
    )
    assert Objection.objects.filter(evaluation=ev, status=Objection.Status.PENDING).count() == 1
    assert AuditEntry.objects.filter(action="objection.file").count() == 1


def test_objection_decide(world):
    ev = _draft_evaluation(world)
    services.evaluation_finalise(evaluation=ev, actor=world.atasan_a.user)
    objection = services.objection_file(evaluation=ev, reason="Q4", actor=world.staff_a.user)
    decisions = iter([True, False])
    lock = threading.Lock()

    def decide(o):
        with lock:
            accept = next(decisions)
        return services.objection_decide(
            objection=o, accept=accept, reason="alasan", new_hasil_kerja="di_atas", actor=world.kepala_a.user
        )

    winner = _one_winner(
        race(lambda: Objection.objects.select_related("evaluation__plan__asn").get(pk=objection.pk), decide)
    )
    objection.refresh_from_db()
    assert objection.status == winner.status != Objection.Status.PENDING
    assert AuditEntry.objects.filter(action="objection.decide").count() == 1
    accepted = AuditEntry.objects.filter(action="evaluation.objection_accepted").count()
    assert accepted == (1 if winner.status == Objection.Status.ACCEPTED else 0)


def test_proposal_decide(world):
    period = PeriodFactory(year=2025, status=Period.Status.CLOSED)
    plan = PlanFactory(asn=world.staff_a, period=period)
    ev = final_evaluation(plan, predikat="sangat_baik", hasil="di_atas", perilaku="di_atas")
    rule = FollowUpRule.objects.create(
        name="Piagam uji",
        kind=FollowUpRule.Kind.REWARD,
        trigger_predikat="sangat_baik",
        consequence=FollowUpRule.Consequence.CERTIFICATE,
    )
    proposal = FollowUpProposal.objects.create(
        period=period, asn=world.staff_a, rule=rule, evaluation=ev, basis="x"
    )
    decisions = iter([True, False])
    lock = threading.Lock()

    def decide(p):
        with lock:
            approve = next(decisions)
        return services.proposal_decide(proposal=p, approve=approve, note="catatan", actor=world.hr_a.user)

    winner = _one_winner(
        race(
            lambda: FollowUpProposal.objects.select_related("rule", "asn", "period").get(pk=proposal.pk),
            decide,
        )
    )
    proposal.refresh_from_db()
    assert proposal.status == winner.status
    assert bool(proposal.certificate_code) == (proposal.status == FollowUpProposal.Status.APPROVED)
    assert AuditEntry.objects.filter(action="followup.decide").count() == 1


def test_public_feedback_moderate(world):
    feedback = public_feedback(channel_for(world.staff_a.unit), asn=world.staff_a, approved=False)
    _one_winner(
        race(
            lambda: PublicFeedback.objects.select_related("channel__unit").get(pk=feedback.pk),
            lambda f: services.public_feedback_moderate(feedback=f, approve=True, actor=world.hr_a.user),
        )
    )
    assert PublicFeedback.objects.get(pk=feedback.pk).status == PublicFeedback.Status.APPROVED
    assert AuditEntry.objects.filter(action="public_feedback.moderate").count() == 1


def test_periodic_assess(world):
    """Two submissions of one check-in's periodic assessment (the atasan clicks twice, or two tabs):
    one is written, the other told it was already given; one audit entry."""
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2025), atasan=world.atasan_a)
    checkin = CheckIn.objects.get(period=plan.period, number=1)
    ratings = iter(["sesuai", "di_atas"])
    lock = threading.Lock()

    def give(p):
        with lock:
            hasil = next(ratings)
        return services.periodic_assess(
            plan=p,
            checkin=CheckIn.objects.select_related("period").get(pk=checkin.pk),
            hasil_kerja=hasil,
            perilaku_kerja="sesuai",
            actor=world.atasan_a.user,
            today=dt.date(2025, 12, 31),
        )

    winner = _one_winner(race(lambda: Plan.objects.select_related("period", "asn").get(pk=plan.pk), give))
    assert PeriodicAssessment.objects.get().hasil_kerja == winner.hasil_kerja
    assert AuditEntry.objects.filter(action="periodic.finalise").count() == 1
