"""The demo's bulk results are spread like the weights of the predikat matrix's cells, and every
result gets the proposals its predikat triggers (set-based writes at Jambi scale)."""

import random
from collections import Counter

import pytest

from performance import services
from performance.demo import CELL_WEIGHTS, _bulk_results, _plans
from performance.models import Evaluation, FollowUpProposal, FollowUpRule, Period
from performance.scoring import predikat_matrix
from tests.factories.people import ASNFactory
from tests.factories.performance import PeriodFactory

pytestmark = pytest.mark.django_db


def test_every_hundred_asn_in_a_row_get_the_cells_in_their_weights():
    ASNFactory.create_batch(100)
    period = PeriodFactory(status=Period.Status.EVALUATION)
    assert _plans(period, {}) == 100
    assert _plans(period, {}) == 0  # idempotent
    assert _bulk_results(period, random.Random(2026)) == 100
    assert _bulk_results(period, random.Random(2026)) == 0
    cells = Counter(
        Evaluation.objects.filter(plan__period=period).values_list("hasil_kerja", "perilaku_kerja")
    )
    assert cells == Counter(dict(CELL_WEIGHTS))
    matrix = predikat_matrix()
    for ev in Evaluation.objects.filter(plan__period=period):
        assert ev.status == Evaluation.Status.FINAL
        assert ev.predikat == matrix[(ev.hasil_kerja, ev.perilaku_kerja)]
        assert ev.explanation["cell"]["predikat"] == ev.predikat


def test_closing_proposes_once_per_matching_rule_and_result():
    ASNFactory.create_batch(100)
    period = PeriodFactory(status=Period.Status.EVALUATION)
    _plans(period, {})
    _bulk_results(period, random.Random(1))
    rules = FollowUpRule.objects.filter(is_active=True).exclude(trigger_predikat="")
    expected = sum(
        Evaluation.objects.filter(plan__period=period, predikat=rule.trigger_predikat).count()
        for rule in rules
        if rule.instansi_id is None
    )
    assert expected > 0
    assert services.followup_propose_for_period(period=period) == expected
    assert services.followup_propose_for_period(period=period) == 0
    proposal = FollowUpProposal.objects.filter(period=period).select_related("evaluation", "rule").first()
    assert proposal.evaluation.plan.asn_id == proposal.asn_id
    assert proposal.status == FollowUpProposal.Status.PROPOSED
    assert proposal.basis == f"Predikat {proposal.rule.get_trigger_predikat_display()}"
