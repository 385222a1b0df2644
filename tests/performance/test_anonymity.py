"""Peers and subordinates are shown only as a group average, only when ≥3 answered; never who."""

import csv
import io
import json

import pytest
from django.urls import reverse

from performance import services
from performance.models import RaterGroup
from performance.selectors import rater_group_summaries
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator, peers_for, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    p = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    add_indicator(p, target="100", value="100")
    return p


def _peer(summaries):
    return next(s for s in summaries if s.group == RaterGroup.PEER)


def test_two_peers_are_hidden(plan):
    peers = peers_for(plan.asn, 2)
    rate(plan, peers[0], RaterGroup.PEER, 5)
    rate(plan, peers[1], RaterGroup.PEER, 1)
    s = _peer(rater_group_summaries(plan=plan))
    assert s.answered == 2 and not s.shown
    assert s.average is None and s.by_value == {}


def test_three_peers_show_only_the_average(plan):
    peers = peers_for(plan.asn, 3)
    for p, score in zip(peers, (5, 4, 3), strict=True):
        rate(plan, p, RaterGroup.PEER, score)
    s = _peer(rater_group_summaries(plan=plan))
    assert s.shown and str(s.average) == "4.00"
    assert set(vars(s)) == {"group", "label", "answered", "shown", "average", "by_value", "weight"}


def test_hidden_group_does_not_count_in_the_score(plan, world):
    rate(plan, world.atasan_a, RaterGroup.ATASAN, 4)
    peers = peers_for(plan.asn, 2)
    for p in peers:
        rate(plan, p, RaterGroup.PEER, 1)
    from performance.selectors import evaluation_proposal

    assert str(evaluation_proposal(plan=plan).perilaku_score) == "4.00"


def test_weights_combine_shown_groups(plan, world):
    rate(plan, world.atasan_a, RaterGroup.ATASAN, 5)  # weight 60
    for p in peers_for(plan.asn, 3):
        rate(plan, p, RaterGroup.PEER, 2)  # weight 20
    from performance.selectors import evaluation_proposal

    # (5*60 + 2*20) / 80 = 4.25
    proposal = evaluation_proposal(plan=plan)
    assert str(proposal.perilaku_score) == "4.25"
    assert proposal.perilaku_kerja == "di_atas"


def test_no_identity_in_page_csv_or_api(plan, world, client_for):
    peers = peers_for(plan.asn, 3, prefix="Rahasia")
    for p, score in zip(peers, (5, 4, 3), strict=True):
        rate(plan, p, RaterGroup.PEER, score)
    subs = peers_for(plan.asn, 2, prefix="Bawahanrahasia")
    for s in subs:
        rate(plan, s, RaterGroup.SUBORDINATE, 1)
    rate(plan, world.atasan_a, RaterGroup.ATASAN, 4)
    services.evaluation_save(
        plan=plan, hasil_kerja="sesuai", perilaku_kerja="di_atas", actor=world.atasan_a.user
    )

    names = [p.name for p in peers + subs] + [p.nip for p in peers + subs]
    for user in (world.staff_a.user, world.atasan_a.user, world.hr_a.user):
        c = client_for(user)
        html = c.get(reverse("performance:result", args=[plan.pk])).content.decode()
        detail = c.get(reverse("performance:plan_detail", args=[plan.pk])).content.decode()
        api = c.get(reverse("performance:result_json", args=[plan.pk]))
        assert api.status_code == 200
        for name in names:
            assert name not in html and name not in detail and name not in api.content.decode()
        data = json.loads(api.content)
        groups = {g["group"]: g for g in data["explanation"]["groups"]}
        assert groups["peer"]["shown"] and groups["peer"]["average"] == "4.00"
        assert not groups["subordinate"]["shown"] and groups["subordinate"]["average"] is None
        assert groups["subordinate"]["answered"] is None  # not even the count of a hidden group
    csv_body = client_for(world.hr_a.user).get(
        reverse("performance:period_results_csv", args=[plan.period_id])
    )
    text = b"".join(csv_body.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2
    for name in names:
        assert name not in text
    header = rows[0]
    assert rows[1][header.index("Rata-rata Rekan kerja")] == "4.00"
    assert rows[1][header.index("Rata-rata Bawahan")] == ""


def test_raters_page_never_says_who_answered(plan, world, client_for):
    peers = peers_for(plan.asn, 3)
    services.rater_assign_peers(plan=plan, peers=peers, actor=world.atasan_a.user)
    from performance.models import RaterAssignment

    rate(plan, peers[0], RaterGroup.PEER, 5)
    assert RaterAssignment.objects.filter(plan=plan, group="peer").count() == 3
    html = client_for(world.atasan_a.user).get(reverse("performance:raters", args=[plan.pk])).content.decode()
    assert "submitted" not in html and "sudah menjawab" not in html
