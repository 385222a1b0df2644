"""Brute-force protection (django-axes): 5 failures for one username from one address lock that pair
out for 15 minutes, on the site login and on the Wagtail admin login alike."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "Rahasia-Jambi-2026"
ATTACKER = "203.0.113.7"
OTHER = "198.51.100.20"

LOGIN_URLS = ["/masuk/", "/admin/login/"]


@pytest.fixture
def user(world):
    u = world.admin  # may sign in to both the site and the admin
    u.set_password(PASSWORD)
    u.save()
    return u


def _login(url, username, password, ip=ATTACKER):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(url, {"username": username, "password": password})
    return client, response


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_configuration():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "pamong.security.LoginAttemptBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_lockout_happens_and_lifts(url, user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client, response = _login(url, user.username, "salah")
        assert response.status_code == 200 and not _signed_in(client)
    client, response = _login(url, user.username, "salah")  # the fifth failure locks
    assert response.status_code == 429
    # Locked: even the right password is refused, with the Indonesian lockout page.
    client, response = _login(url, user.username, PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)
    page = response.content.decode()
    assert "Terlalu banyak percobaan masuk" in page
    assert "15 menit" in page
    assert response["Content-Security-Policy"]  # the lockout page is a normal page of the site
    # The lock is for this username from this address only.
    client, response = _login(url, user.username, PASSWORD, ip=OTHER)
    assert _signed_in(client)
    # Fifteen minutes later (the attempts are moved back in time) the pair may sign in again.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    client, response = _login(url, user.username, PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_not_locked_before_the_limit_and_success_resets_the_count(user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login("/masuk/", user.username, "salah")
    client, _response = _login("/masuk/", user.username, PASSWORD)
    assert _signed_in(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _, response = _login("/masuk/", user.username, "salah")
        assert response.status_code == 200  # counting started again after the success


def test_site_and_admin_failures_count_together(user):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(LOGIN_URLS[i % 2], user.username, "salah")
    _, response = _login("/masuk/", user.username, PASSWORD)
    assert response.status_code == 429


def test_authenticate_without_a_request_is_not_counted_nor_refused(user):
    """Management commands and the shell call authenticate() without a request."""
    from django.contrib.auth import authenticate

    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert authenticate(username=user.username, password="salah") is None
    assert authenticate(username=user.username, password=PASSWORD) == user
    assert not AccessAttempt.objects.exists()


def test_api_token_endpoint_is_locked_out_too(user):
    """``/api/v1/token/`` authenticates with the same backend, so it shares the count and the lock."""
    statuses = [
        _login("/api/v1/token/", user.username, "salah")[1].status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [400] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # the last failure locks
    _, response = _login("/api/v1/token/", user.username, PASSWORD)
    assert response.status_code == 429
    assert "token" not in response.content.decode()
    _, response = _login("/masuk/", user.username, PASSWORD)
    assert response.status_code == 429
