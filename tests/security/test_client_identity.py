"""Client identity behind a proxy (issue 13.8): one function, ``pamong.clientip.client_ip``, decides
the client's address for the login lockout, the API token throttle and the public form's rate limit.
``X-Forwarded-For`` is believed only as far as ``PAMONG_TRUSTED_PROXIES`` reverse proxies go."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from pamong.clientip import client_ip
from performance.models import PublicFeedback
from tests.factories.performance import channel_for

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"  # the reverse proxy: every request reaches Pamong from here
REAL_USER = "198.51.100.20"
ATTACKER = "203.0.113.7"
PASSWORD = "Rahasia-Jambi-2026"


def _request(remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def _via_proxy(client_address: str, forged: str = "") -> Client:
    """A client behind the proxy: the proxy appends the address it saw to whatever the client sent."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


# --- the function ---------------------------------------------------------------------------------


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.PAMONG_TRUSTED_PROXIES = 0
    assert client_ip(_request(remote=ATTACKER, forwarded=REAL_USER)) == ATTACKER


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, REAL_USER, REAL_USER),
        (1, f"{ATTACKER}, {REAL_USER}", REAL_USER),  # the left part was written by the client
        (2, f"1.2.3.4, {REAL_USER}, 10.0.0.2", REAL_USER),
        (2, REAL_USER, REAL_USER),  # fewer entries than proxies: the leftmost
        (1, "bukan-alamat", PROXY),  # garbage: the connecting address
        (1, "", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_trusted_proxies_are_counted_from_the_right(settings, proxies, forwarded, expected):
    settings.PAMONG_TRUSTED_PROXIES = proxies
    assert client_ip(_request(forwarded=forwarded)) == expected


def test_one_function_for_every_limit():
    assert settings.AXES_CLIENT_IP_CALLABLE == "pamong.clientip.client_ip"
    assert settings.PAMONG_TRUSTED_PROXIES == 0  # the safe default: no header is believed


# --- login lockout ----------------------------------------------------------------------------------


@pytest.fixture
def user(world):
    u = world.staff_a.user
    u.set_password(PASSWORD)
    u.save()
    return u


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_attacker_behind_the_proxy_cannot_lock_the_real_user_out(settings, user):
    """Before: every client had the proxy's address, so five failures locked the user everywhere."""
    settings.PAMONG_TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _via_proxy(ATTACKER).post("/masuk/", {"username": user.username, "password": "salah"})
    attacker = _via_proxy(ATTACKER)
    assert attacker.post("/masuk/", {"username": user.username, "password": PASSWORD}).status_code == 429
    real = _via_proxy(REAL_USER)
    response = real.post("/masuk/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and _signed_in(real)


def test_forged_addresses_neither_lock_the_real_user_nor_escape_the_lock(settings, user):
    """Before: failures 'from' forged addresses locked the real user out, and rotating the header
    gave the attacker fresh tries."""
    settings.PAMONG_TRUSTED_PROXIES = 1
    for i in range(settings.AXES_FAILURE_LIMIT):
        _via_proxy(ATTACKER, forged=REAL_USER if i % 2 else f"192.0.2.{i}").post(
            "/masuk/", {"username": user.username, "password": "salah"}
        )
    escaping = _via_proxy(ATTACKER, forged="192.0.2.99")
    assert escaping.post("/masuk/", {"username": user.username, "password": PASSWORD}).status_code == 429
    real = _via_proxy(REAL_USER)
    real.post("/masuk/", {"username": user.username, "password": PASSWORD})
    assert _signed_in(real)


def test_without_a_proxy_a_forged_header_changes_nothing(user):
    for i in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").post(
            "/masuk/", {"username": user.username, "password": "salah"}
        )
    forged = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=REAL_USER)
    assert forged.post("/masuk/", {"username": user.username, "password": PASSWORD}).status_code == 429
    real = Client(REMOTE_ADDR=REAL_USER)
    real.post("/masuk/", {"username": user.username, "password": PASSWORD})
    assert _signed_in(real)


def test_guessing_spread_over_many_addresses_locks_the_username(settings, user):
    settings.PAMONG_TRUSTED_PROXIES = 1
    settings.PAMONG_LOGIN_USERNAME_FAILURE_LIMIT = 8
    for i in range(settings.PAMONG_LOGIN_USERNAME_FAILURE_LIMIT):
        response = _via_proxy(f"192.0.2.{i}").post(
            "/masuk/", {"username": user.username, "password": "salah"}
        )
        assert response.status_code == (429 if i == settings.PAMONG_LOGIN_USERNAME_FAILURE_LIMIT - 1 else 200)
    real = _via_proxy(REAL_USER)
    assert real.post("/masuk/", {"username": user.username, "password": PASSWORD}).status_code == 429
    assert not _signed_in(real)
    # Another username is not affected.
    other = _via_proxy(REAL_USER)
    world_user = type(user).objects.exclude(pk=user.pk).filter(is_active=True).first()
    world_user.set_password(PASSWORD)
    world_user.save()
    other.post("/masuk/", {"username": world_user.username, "password": PASSWORD})
    assert _signed_in(other)


# --- API token throttle -------------------------------------------------------------------------------


def test_token_throttle_cannot_be_bypassed_by_rotating_the_header(settings):
    """Before: DRF keyed the throttle on the whole X-Forwarded-For text, forged or not."""
    settings.PAMONG_TRUSTED_PROXIES = 0
    statuses = [
        Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
        .post("/api/v1/token/", {"username": f"tidak-ada-{i}", "password": "x"})
        .status_code
        for i in range(12)
    ]
    assert statuses == [400] * 10 + [429] * 2


def test_token_throttle_behind_the_proxy_is_per_client(settings):
    settings.PAMONG_TRUSTED_PROXIES = 1
    for i in range(10):
        _via_proxy(ATTACKER, forged=f"192.0.2.{i}").post("/api/v1/token/", {"username": "x", "password": "x"})
    assert (
        _via_proxy(ATTACKER, forged="192.0.2.99")
        .post("/api/v1/token/", {"username": "x", "password": "x"})
        .status_code
        == 429
    )
    assert _via_proxy(REAL_USER).post("/api/v1/token/", {"username": "x", "password": "x"}).status_code == 400


# --- the public feedback form ---------------------------------------------------------------------------


def _feedback(client, channel):
    return client.post(
        reverse("performance:public_feedback", args=[channel.token]), {"rating": "4", "website": ""}
    )


def test_public_form_limit_is_per_client_behind_the_proxy(settings, world):
    """Before: behind the proxy every visitor shared one limit (the proxy's address)."""
    settings.PAMONG_TRUSTED_PROXIES = 1
    channel = channel_for(world.staff_a.unit)
    assert [
        _feedback(_via_proxy(ATTACKER, forged=f"192.0.2.{i}"), channel).status_code for i in range(6)
    ] == [302] * 5 + [429]
    assert _feedback(_via_proxy(REAL_USER), channel).status_code == 302
    assert PublicFeedback.objects.count() == 6


def test_public_form_limit_ignores_a_forged_header_without_proxy(world):
    channel = channel_for(world.staff_a.unit)
    statuses = [
        _feedback(Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}"), channel).status_code
        for i in range(6)
    ]
    assert statuses == [302] * 5 + [429]
