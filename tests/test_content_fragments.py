"""``{% content_fragment %}`` (pamong.fragments) and the list pages that use it: rows rendered once per
content, every request with its own CSRF token, and a change of any row shown at once."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.translation import override

from pamong.fragments import CSRF_SENTINEL, content_key
from performance.models import AuditEntry, FollowUpProposal, FollowUpRule, Period, Predikat, PublicFeedback
from performance.tallies import tally_invalidate
from tests.factories.performance import (
    PeriodFactory,
    PlanFactory,
    channel_for,
    final_evaluation,
    public_feedback,
)

TEMPLATE = Template(
    "{% load pamong_tags %}{% content_fragment key %}<b>{{ n }}</b><form>{% csrf_token %}</form>"
    "{{ csrf_token }}{% endcontent_fragment %}"
)


def _render(key, n, token="tok"):
    return TEMPLATE.render(Context({"key": key, "n": n, "csrf_token": token}))


def test_rendered_once_per_key_and_each_render_gets_its_own_token():
    key = content_key("test-fragment", 1)
    first = _render(key, 1, token="AAA")
    assert first == '<b>1</b><form><input type="hidden" name="csrfmiddlewaretoken" value="AAA"></form>AAA'
    # the same key: the cached HTML (n is not read again), with this render's token
    again = _render(key, 2, token="BBB")
    assert again == '<b>1</b><form><input type="hidden" name="csrfmiddlewaretoken" value="BBB"></form>BBB'
    # no token at all (no CSRF middleware): the tag writes nothing, as {% csrf_token %} does
    assert _render(key, 3, token="NOTPROVIDED").startswith("<b>1</b><form></form>")
    # another key renders anew
    assert _render(content_key("test-fragment", 2), 2).startswith("<b>2</b>")


def test_an_empty_key_renders_every_time():
    assert _render("", 1).startswith("<b>1</b>")
    assert _render(None, 2).startswith("<b>2</b>")


def test_no_token_reaches_the_cache():
    key = content_key("test-fragment", "secret")
    _render(key, 1, token="SECRET-TOKEN")
    stored = cache.get(f"fragment:{key}")
    assert CSRF_SENTINEL in stored and "SECRET-TOKEN" not in stored


@pytest.fixture
def moderation_queue(world):
    channel = channel_for(world.staff_a.unit)
    return [public_feedback(channel, asn=world.staff_a, rating=r, approved=False) for r in (5, 4, 3)]


def _tokens(html: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


@pytest.mark.django_db
def test_two_hr_users_each_post_the_cached_rows_with_their_own_token(world, moderation_queue):
    url = reverse("performance:moderation")
    pages = {}
    for name, asn in (("hr", world.hr_a), ("bkpsdm", world.bkpsdm)):
        client = Client(enforce_csrf_checks=True)
        client.force_login(asn.user)
        html = client.get(url).content.decode()
        tokens = _tokens(html)
        assert len(tokens) == 1 and CSRF_SENTINEL not in html
        secret = client.cookies["csrftoken"].value  # the cookie holds the secret itself
        assert _unmask_cipher_token(tokens.pop()) == secret  # this person's own token
        pages[name] = (client, html)
    feedback = moderation_queue[0]
    client, html = pages["bkpsdm"]
    token = _tokens(html).pop()
    response = client.post(
        reverse("performance:moderate", args=[feedback.pk]),
        {"decision": "approve", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == PublicFeedback.Status.APPROVED
    # the approved one leaves both queues at once (new rows, new key)
    for client, _html in pages.values():
        assert client.get(url).content.decode().count('name="decision" value="approve"') == 2


@pytest.mark.django_db
def test_list_pages_show_each_change_at_once(world, client_for):
    period = PeriodFactory(year=2026, status=Period.Status.EVALUATION)
    plan = PlanFactory(asn=world.staff_a, period=period)
    rule = FollowUpRule.objects.create(
        name="Piagam uji", kind=FollowUpRule.Kind.REWARD, trigger_predikat="sangat_baik"
    )
    proposal = FollowUpProposal.objects.create(period=period, asn=world.staff_a, rule=rule, basis="uji")
    client = client_for(world.hr_a.user)
    proposals = reverse("performance:proposal_list", args=[period.pk])
    assert "Piagam uji" in client.get(proposals).content.decode()
    rule.name = "Piagam baru"
    rule.save()
    assert "Piagam baru" in client.get(proposals).content.decode()
    world.staff_a.name = "Nama Baru Staf"
    world.staff_a.save()
    assert "Nama Baru Staf" in client.get(proposals).content.decode()
    proposal.status = FollowUpProposal.Status.APPROVED
    proposal.save()
    assert 'name="decision"' not in client.get(proposals).content.decode()

    audit = reverse("performance:audit_log")
    AuditEntry.objects.create(
        action="plan_agreed",
        object_type="plan",
        object_id=plan.pk,
        asn=world.staff_a,
        instansi=world.staff_a.instansi,
    )
    assert "Nama Baru Staf" in client.get(audit).content.decode()
    world.staff_a.name = "Nama Ketiga"
    world.staff_a.save()
    assert "Nama Ketiga" in client.get(audit).content.decode()


def test_the_key_follows_the_language():
    with override("id"):
        a = content_key("rows", [1])
    with override("en"):
        b = content_key("rows", [1])
    assert a != b


def test_request_factory_render_without_csrf_context_processor():
    """A fragment rendered where no CSRF token exists (an e-mail, a PDF) writes none."""
    request = RequestFactory().get("/")
    html = Template(
        "{% load pamong_tags %}{% content_fragment key %}<form>{% csrf_token %}</form>{% endcontent_fragment %}"
    ).render(Context({"key": content_key("no-csrf"), "request": request}))
    assert html == "<form></form>"


@pytest.mark.django_db
def test_period_distribution_counts_sit_under_their_predikat_and_follow_each_result(world, client_for):

    period = PeriodFactory(year=2025, status="evaluation")
    final_evaluation(PlanFactory(asn=world.staff_a, period=period), predikat="baik")
    client = client_for(world.hr_a.user)
    url = reverse("performance:period_detail", args=[period.pk])

    def row() -> list[str]:
        html = client.get(url).content.decode()
        tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        return re.findall(r'<td class="num">(\d+)</td>', tbody)

    baik = list(Predikat.values).index("baik")
    expected = ["0"] * len(Predikat.values)
    expected[baik] = "1"
    assert row() == expected
    final_evaluation(PlanFactory(asn=world.staff_a2, period=period), predikat="baik")
    tally_invalidate(instansi_id=world.staff_a2.instansi_id)  # as the finalising service does
    expected[baik] = "2"
    assert row() == expected
