"""API tokens (issue 13.8): they expire, end when the password changes, and can be revoked from
"Akun saya"."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

PASSWORD = "Rahasia-Jambi-2026"


@pytest.fixture
def user(world):
    u = world.staff_a.user
    u.set_password(PASSWORD)
    u.save()
    return u


def _token(user) -> str:
    response = Client().post("/api/v1/token/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    return response.json()["token"]


def _api(token: str) -> int:
    return Client().get("/api/v1/asn/", HTTP_AUTHORIZATION=f"Token {token}").status_code


def test_token_answer_says_when_it_expires(user, settings):
    response = Client().post("/api/v1/token/", {"username": user.username, "password": PASSWORD})
    token = Token.objects.get(user=user)
    expires = dt.datetime.fromisoformat(response.json()["expires"])
    assert expires == token.created + settings.PAMONG_API_TOKEN_LIFETIME


def test_expired_token_is_refused_and_a_new_one_issued(user, settings):
    token = _token(user)
    assert _api(token) == 200
    Token.objects.filter(key=token).update(
        created=timezone.now() - settings.PAMONG_API_TOKEN_LIFETIME - dt.timedelta(seconds=1)
    )
    response = Client().get("/api/v1/asn/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401
    assert "kedaluwarsa" in response.json()["detail"]
    fresh = _token(user)
    assert fresh != token and _api(fresh) == 200
    assert _api(token) == 401


def test_lifetime_is_a_setting(user, settings):
    settings.PAMONG_API_TOKEN_LIFETIME = dt.timedelta(days=1)
    token = _token(user)
    Token.objects.filter(key=token).update(created=timezone.now() - dt.timedelta(hours=25))
    assert _api(token) == 401


def test_password_change_ends_the_token(user):
    token = _token(user)
    user.first_name = "Nama Baru"
    user.save()  # an ordinary save keeps the token
    assert _api(token) == 200
    user.set_password("Kata-Sandi-Baru-2026")
    user.save()
    assert _api(token) == 401
    assert not Token.objects.filter(user=user).exists()


def test_akun_saya_lists_the_token_and_revokes_it(user, world):
    token = _token(user)
    client = Client()
    client.force_login(user)
    html = client.get(reverse("people:account")).content.decode()
    assert "Token API" in html and token[:6] in html
    assert token not in html  # never the whole secret
    assert "Cabut token" in html
    response = client.post(reverse("api_token_revoke"), follow=True)
    assert "Token API Anda telah dicabut." in response.content.decode()
    assert _api(token) == 401
    html = client.get(reverse("people:account")).content.decode()
    assert "Anda tidak memiliki token API aktif." in html


def test_revoking_touches_only_ones_own_token(user, world):
    token = _token(user)
    other = Client()
    other.force_login(world.staff_a2.user)
    assert other.post(reverse("api_token_revoke")).status_code == 302
    assert _api(token) == 200
