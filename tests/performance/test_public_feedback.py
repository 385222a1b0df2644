"""The public form: no login, rate limit, honeypot, moderation before it counts, printable QR page."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from performance.models import PublicFeedback
from performance.selectors import public_feedback_for_asn, rater_group_summaries
from tests.factories.performance import PeriodFactory, PlanFactory, channel_for, public_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def channel(world):
    return channel_for(world.staff_a.unit)


def _post(client, channel, **data):
    payload = {"rating": "4", "comment": "Cepat dan ramah", "asn": "", "website": ""}
    payload.update(data)
    return client.post(
        reverse("performance:public_feedback", args=[channel.token]), payload, REMOTE_ADDR="10.0.0.1"
    )


def test_form_needs_no_login_and_names_staff(client, channel, world):
    r = client.get(reverse("performance:public_feedback", args=[channel.token]))
    assert r.status_code == 200
    assert world.staff_a.name in r.content.decode()
    r = _post(client, channel, asn=str(world.staff_a.pk))
    assert r.status_code == 302
    fb = PublicFeedback.objects.get()
    assert fb.asn == world.staff_a and fb.rating == 4 and fb.status == "pending"


def test_unknown_token_is_404(client):
    assert client.get("/umpan-balik/tidak-ada/").status_code == 404


def test_staff_of_another_unit_cannot_be_named(client, channel, world):
    r = _post(client, channel, asn=str(world.staff_b.pk))
    assert r.status_code == 200
    assert not PublicFeedback.objects.exists()


def test_rate_limit_per_client(client, channel):
    for _ in range(5):
        assert _post(client, channel).status_code == 302
    r = _post(client, channel)
    assert r.status_code == 429
    assert PublicFeedback.objects.count() == 5
    # another client is not affected
    r = client.post(
        reverse("performance:public_feedback", args=[channel.token]),
        {"rating": "5", "website": ""},
        REMOTE_ADDR="10.0.0.2",
    )
    assert r.status_code == 302


@override_settings(PERFORMANCE_PUBLIC_FEEDBACK_RATE_LIMIT=2)
def test_rate_limit_is_a_setting(client, channel):
    assert _post(client, channel).status_code == 302
    assert _post(client, channel).status_code == 302
    assert _post(client, channel).status_code == 429


def test_honeypot_pretends_success_and_stores_nothing(client, channel):
    r = _post(client, channel, website="http://spam.example")
    assert r.status_code == 302
    assert not PublicFeedback.objects.exists()


def test_invalid_rating_is_refused(client, channel):
    assert _post(client, channel, rating="9").status_code == 200
    assert not PublicFeedback.objects.exists()


def test_moderation_before_it_counts(client_for, channel, world):
    period = PeriodFactory(year=2026)
    from django.utils import timezone

    period.starts_on = timezone.localdate().replace(month=1, day=1)
    period.ends_on = timezone.localdate().replace(month=12, day=31)
    period.save()
    plan = PlanFactory(asn=world.staff_a, period=period)
    fbs = [public_feedback(channel, asn=world.staff_a, rating=r, approved=False) for r in (5, 4, 3)]
    assert public_feedback_for_asn(asn_id=world.staff_a.pk, period=period)["count"] == 0
    # HR of the other instansi cannot moderate, and does not see the queue
    assert (
        client_for(world.hr_b.user)
        .post(reverse("performance:moderate", args=[fbs[0].pk]), {"decision": "approve"})
        .status_code
        == 404
    )
    assert "Cepat" not in client_for(world.hr_b.user).get(reverse("performance:moderation")).content.decode()
    assert client_for(world.staff_a.user).get(reverse("performance:moderation")).status_code == 403
    c = client_for(world.hr_a.user)
    for fb in fbs:
        assert (
            c.post(reverse("performance:moderate", args=[fb.pk]), {"decision": "approve"}).status_code == 302
        )
    public_feedback(channel, asn=world.staff_a, rating=1, approved=False)  # still pending: not counted
    counted = public_feedback_for_asn(asn_id=world.staff_a.pk, period=period)
    assert counted == {"count": 3, "average": __import__("decimal").Decimal("4.00")}
    summary = next(s for s in rater_group_summaries(plan=plan) if s.group == "public")
    assert not summary.shown and summary.answered is None  # the rating window is still open
    period.status = "evaluation"
    period.save(update_fields=["status"])
    plan.period.refresh_from_db()
    summary = next(s for s in rater_group_summaries(plan=plan) if s.group == "public")
    assert summary.shown and summary.by_value == {
        "berorientasi-pelayanan": __import__("decimal").Decimal("4.00")
    }


def test_printable_page_with_inline_qr(client_for, channel, world):
    r = client_for(world.hr_a.user).get(reverse("performance:channel_print", args=[channel.unit_id]))
    assert r.status_code == 200
    body = r.content.decode()
    assert "<svg" in body and f"/umpan-balik/{channel.token}/" in body
    assert "http://" not in body.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org", "")
    assert (
        client_for(world.hr_b.user)
        .get(reverse("performance:channel_print", args=[channel.unit_id]))
        .status_code
        == 404
    )
    assert (
        client_for(world.staff_a.user)
        .get(reverse("performance:channel_print", args=[channel.unit_id]))
        .status_code
        == 403
    )


def test_cached_service_unit_list_follows_approvals(client_for, channel, world):
    """The list of service units on the moderation page is cached HTML: an approval changes the
    count and average it shows on the next request."""
    fb = public_feedback(channel, asn=world.staff_a, rating=5, approved=False)
    c = client_for(world.hr_a.user)
    url = reverse("performance:moderation")
    assert "0 umpan balik disetujui" in c.get(url).content.decode()
    assert c.post(reverse("performance:moderate", args=[fb.pk]), {"decision": "approve"}).status_code == 302
    html = c.get(url).content.decode()
    assert "1 umpan balik disetujui" in html and "0 umpan balik disetujui" not in html
