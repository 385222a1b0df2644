"""A rater gives 1–5 on each BerAKHLAK value, once; nobody else can open that form."""

import pytest
from django.urls import reverse

from performance.models import BehaviourRating, BerakhlakValue, RaterAssignment, RaterGroup
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    add_indicator(plan)
    return RaterAssignment.objects.create(plan=plan, rater=world.staff_a2, group=RaterGroup.PEER)


def test_rater_submits_once(world, assignment, client_for):
    c = client_for(world.staff_a2.user)
    url = reverse("performance:rating_form", args=[assignment.pk])
    page = c.get(url).content.decode()
    assert "Memahami dan memenuhi kebutuhan masyarakat" in page  # behaviour indicators shown
    values = list(BerakhlakValue.objects.all())
    partial = {f"value_{v.pk}": "4" for v in values[:6]}
    assert c.post(url, partial).status_code == 200
    assert not BehaviourRating.objects.exists()  # all seven or nothing
    full = {f"value_{v.pk}": "4" for v in values}
    assert c.post(url, full).status_code == 302
    assert BehaviourRating.objects.count() == 7
    assert c.post(url, {f"value_{v.pk}": "1" for v in values}).status_code == 200
    assert set(BehaviourRating.objects.values_list("score", flat=True)) == {4}


def test_others_cannot_open_the_form(world, assignment, client_for):
    url = reverse("performance:rating_form", args=[assignment.pk])
    for user in (world.staff_a.user, world.atasan_a.user, world.hr_a.user, world.staff_b.user):
        assert client_for(user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_scores_out_of_range_are_refused(world, assignment, client_for):
    url = reverse("performance:rating_form", args=[assignment.pk])
    data = {f"value_{v.pk}": "6" for v in BerakhlakValue.objects.all()}
    assert client_for(world.staff_a2.user).post(url, data).status_code == 200
    assert not BehaviourRating.objects.exists()


def test_audit_does_not_record_the_rater(world, assignment, client_for):
    from performance.models import AuditEntry

    url = reverse("performance:rating_form", args=[assignment.pk])
    client_for(world.staff_a2.user).post(url, {f"value_{v.pk}": "5" for v in BerakhlakValue.objects.all()})
    entry = AuditEntry.objects.get(action="rating.submit")
    assert entry.actor is None
    # neither the ratee nor the group: HR's log never counts a peer group's answers (issue 13)
    assert entry.after == {"anonymous": True} and entry.asn is None and entry.object_type == "raterassignment"
    assert entry.instansi_id == world.staff_a.instansi_id


@pytest.mark.parametrize(
    ("group", "anonymous"),
    [
        (RaterGroup.PEER, True),
        (RaterGroup.SUBORDINATE, True),
        (RaterGroup.SELF, False),
        (RaterGroup.ATASAN, False),
    ],
)
def test_the_confirmation_says_anonymous_only_when_it_is(world, client_for, group, anonymous):
    """A self-assessment or an atasan's rating is shown as it is: its confirmation must not promise
    anonymity (issue 15, item 8)."""
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    add_indicator(plan)
    rater = (
        world.staff_a
        if group == RaterGroup.SELF
        else world.atasan_a
        if group == RaterGroup.ATASAN
        else world.staff_a2
    )
    assignment = RaterAssignment.objects.create(plan=plan, rater=rater, group=group)
    c = client_for(rater.user)
    url = reverse("performance:rating_form", args=[assignment.pk])
    response = c.post(url, {f"value_{v.pk}": "4" for v in BerakhlakValue.objects.all()}, follow=True)
    page = response.content.decode()
    assert "Terima kasih, penilaian Anda tersimpan" in page
    assert ("anonim" in page.split("Terima kasih", 1)[1][:80]) is anonymous


def test_the_audit_log_shows_actions_in_words(world, assignment, client_for):
    """HR reads "Penilaian perilaku dikirim", never the code ``rating.submit`` (issue 15, item 8)."""
    from performance.models import AUDIT_ACTIONS, AuditEntry

    url = reverse("performance:rating_form", args=[assignment.pk])
    client_for(world.staff_a2.user).post(url, {f"value_{v.pk}": "5" for v in BerakhlakValue.objects.all()})
    entry = AuditEntry.objects.get(action="rating.submit")
    assert entry.action_label == str(AUDIT_ACTIONS["rating.submit"]) == "Penilaian perilaku dikirim"
    assert entry.object_label != "raterassignment"
    page = client_for(world.hr_a.user).get(reverse("performance:audit_log")).content.decode()
    assert "Penilaian perilaku dikirim" in page
    assert "rating.submit" not in page and "raterassignment" not in page


def test_an_audit_action_without_words_is_refused(world):
    from performance.services import audit_record

    with pytest.raises(ValueError, match="no label"):
        audit_record(actor=None, action="plan.shred", obj=world.staff_a, asn=None, before=None, after=None)
