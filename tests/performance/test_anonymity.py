"""Peers and subordinates are shown only as a group average, only when ≥3 answered; never who."""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from performance import services
from performance.models import BehaviourRating, BerakhlakValue, Period, RaterAssignment, RaterGroup
from performance.selectors import rater_group_summaries
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator, peers_for, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    # the evaluation stage: the 360° window is closed, group results may be published
    p = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026, status=Period.Status.EVALUATION))
    add_indicator(p, target="100", value="100")
    return p


def _peer(summaries):
    return next(s for s in summaries if s.group == RaterGroup.PEER)


def test_two_peers_are_hidden(plan):
    peers = peers_for(plan.asn, 2)
    rate(plan, peers[0], RaterGroup.PEER, 5)
    rate(plan, peers[1], RaterGroup.PEER, 1)
    s = _peer(rater_group_summaries(plan=plan))
    assert s.answered is None and not s.shown  # not even the count
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


def _reads(plan, evaluation, users):
    """What each reader gets from the API detail, the JSON result and the SKP page (own client each)."""
    out = {}
    for user in users:
        c = Client()
        c.force_login(user)
        api = c.get(f"/api/v1/hasil-kinerja/{evaluation.pk}/")
        assert api.status_code == 200
        page = c.get(reverse("performance:plan_detail", args=[plan.pk])).content.decode()
        out[user.pk] = {
            "api": {g["group"]: g for g in api.json()["rater_groups"]},
            "page": page[page.index('id="penilai"') :].split("</section>")[0],
        }
    return out


def test_open_window_publishes_nothing_one_rater_could_move(world):
    """Issue 13, defect 1: an atasan adds one peer and compares the API before and after that peer
    answers. While the window is open nothing about the anonymous groups moves; after it closes the
    groups of ≥3 are published once and no answer can be added any more."""
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026, status=Period.Status.RUNNING))
    add_indicator(plan, target="100", value="100")
    peers = peers_for(plan.asn, 4)
    for p in peers[:3]:
        rate(plan, p, RaterGroup.PEER, 5)
    for s in peers_for(plan.asn, 2, prefix="Bawahan"):
        rate(plan, s, RaterGroup.SUBORDINATE, 2)
    rate(plan, world.atasan_a, RaterGroup.ATASAN, 4)
    evaluation = services.evaluation_save(
        plan=plan,
        hasil_kerja="sesuai",
        perilaku_kerja="sesuai",
        hasil_kerja_reason="r",
        perilaku_kerja_reason="r",
        actor=world.atasan_a.user,
    )
    readers = [world.staff_a.user, world.atasan_a.user, world.hr_a.user]
    before = _reads(plan, evaluation, readers)
    assignment = services.rater_assign_peers(plan=plan, peers=[peers[3]], actor=world.atasan_a.user)
    assert assignment == 1
    task = RaterAssignment.objects.get(plan=plan, rater=peers[3])
    services.rating_submit(
        assignment=task, scores={v.pk: 1 for v in BerakhlakValue.objects.all()}, actor=peers[3].user
    )
    after = _reads(plan, evaluation, readers)
    assert before == after  # nothing moved by that one answer
    for reads in after.values():
        for group in ("peer", "subordinate", "public"):
            g = reads["api"][group]
            assert g["answered"] is None and g["average"] is None and g["by_value"] == {}
        assert reads["api"]["atasan"]["answered"] == 1  # the atasan is not anonymous
        assert "Rekan kerja: belum dipublikasikan" in reads["page"]
        assert "Bawahan: belum dipublikasikan" in reads["page"]
        assert "aturan kerahasiaan" in reads["page"].lower()

    services.period_advance(period=plan.period, actor=world.bkpsdm.user)  # → evaluation: window closes
    closed = _reads(plan, evaluation, readers)
    for reads in closed.values():
        peer = reads["api"]["peer"]
        assert peer["shown"] and peer["answered"] == 4 and peer["average"] == "4.00"  # (5+5+5+1)/4
        sub = reads["api"]["subordinate"]
        assert not sub["shown"] and sub["answered"] is None and sub["average"] is None  # 2 < 3
        assert "Rekan kerja: 4" in reads["page"] and "Bawahan: belum dipublikasikan" in reads["page"]
    late = services.rater_assign_peers(plan=plan, peers=peers_for(plan.asn, 1, prefix="Telat"), actor=None)
    assert late == 1
    task = RaterAssignment.objects.get(plan=plan, rater__name__startswith="Telat")
    with pytest.raises(ValidationError, match="Jendela penilaian"):
        services.rating_submit(
            assignment=task, scores={v.pk: 1 for v in BerakhlakValue.objects.all()}, actor=None
        )
    assert not BehaviourRating.objects.filter(assignment=task).exists()


def test_finalised_result_closes_the_window(world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2025, status=Period.Status.RUNNING))
    add_indicator(plan, target="100", value="100")
    for p in peers_for(plan.asn, 3):
        rate(plan, p, RaterGroup.PEER, 4)
    assert not _peer(rater_group_summaries(plan=plan)).shown  # open: nothing
    ev = services.evaluation_save(
        plan=plan,
        hasil_kerja="sesuai",
        perilaku_kerja="sesuai",
        hasil_kerja_reason="r",
        perilaku_kerja_reason="r",
        actor=world.atasan_a.user,
    )
    services.evaluation_finalise(evaluation=ev, actor=world.atasan_a.user)
    s = _peer(rater_group_summaries(plan=plan))
    assert s.shown and s.answered == 3 and str(s.average) == "4.00"
