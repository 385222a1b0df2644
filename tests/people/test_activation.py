"""Activation by email: the NIP/email pair, the same answer whatever the data, the single-use link
and its expiry, the attempt limits."""

import datetime as dt
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pamong.people.models import AccountAuditEntry
from pamong.people.tokens import ActivationTokenGenerator, activation_token_generator
from tests.factories.people import ASNFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Sandi-Baru-2026"


@pytest.fixture
def newcomer(world):
    """An imported ASN: an email on record, an unusable password."""
    user = UserFactory(username="198703152011012001", email="dewi@dinkes.jambiprov.go.id")
    user.set_unusable_password()
    user.save()
    return ASNFactory(nip=user.username, user=user, jabatan=world.staff_a.jabatan, name="Dewi Lestari")


def _ask(client, nip, email, **extra):
    return client.post(reverse("people:activation"), {"nip": nip, "email": email}, **extra)


def _link_from(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_matching_pair_gets_one_email_with_an_absolute_link(newcomer):
    response = _ask(Client(), newcomer.nip, "Dewi@DINKES.jambiprov.go.id")
    assert response.status_code == 302 and response["Location"] == reverse("people:activation_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dewi@dinkes.jambiprov.go.id"]
    assert message.subject == "Aktivasi akun Pamong Anda"
    link = _link_from(message)
    assert link.startswith("http://testserver/akun/aktivasi/")  # settings.PAMONG_BASE_URL in tests
    assert newcomer.nip in message.body and "3 hari" in message.body


def test_the_link_sets_a_password_once_then_login_with_nip(newcomer):
    _ask(Client(), newcomer.nip, newcomer.user.email)
    path = _link_from(mail.outbox[0]).removeprefix("http://testserver")
    person = Client()
    response = person.get(path)
    assert response.status_code == 302 and response["Location"].endswith("/atur-sandi/")
    form_url = response["Location"]
    page = person.get(form_url)
    assert page.status_code == 200 and 'name="new_password1"' in page.content.decode()
    weak = person.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    assert "Kata sandi ini seluruhnya terdiri dari angka." in weak.content.decode()  # Django's, Indonesian
    done = person.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("people:activation_complete")
    newcomer.user.refresh_from_db()
    assert newcomer.user.check_password(PASSWORD)
    assert AccountAuditEntry.objects.filter(action="activation.email", details__nip=newcomer.nip).exists()

    login = Client().post(reverse("login"), {"username": newcomer.nip, "password": PASSWORD})
    assert login.status_code == 302

    again = Client().get(path, follow=True)
    html = again.content.decode()
    assert "Tautan aktivasi ini sudah dipakai: akun Anda sudah aktif." in html
    assert reverse("people:password_reset") in html


@pytest.mark.parametrize(
    "case", ["wrong email", "unknown nip", "other person's email", "already active", "inactive asn"]
)
def test_no_match_gets_the_same_page_and_no_email(world, newcomer, case):
    nip, email = newcomer.nip, newcomer.user.email
    if case == "wrong email":
        email = "orang.lain@example.go.id"
    elif case == "unknown nip":
        nip = "199001012015011001"
    elif case == "other person's email":
        email = world.staff_a.user.email
    elif case == "already active":
        newcomer.user.set_password("sudah-punya-sandi-1")
        newcomer.user.save()
    elif case == "inactive asn":
        newcomer.is_active = False
        newcomer.save()
    response = _ask(Client(), nip, email, follow=True)
    assert response.redirect_chain == [(reverse("people:activation_sent"), 302)]
    assert mail.outbox == []
    # byte for byte the page a matching pair gets
    matched = _ask(Client(), "198703152011012001", "dewi@dinkes.jambiprov.go.id", follow=True)
    assert response.content == matched.content


def test_expired_link_says_so_and_offers_a_new_one(newcomer, monkeypatch):
    _ask(Client(), newcomer.nip, newcomer.user.email)
    path = _link_from(mail.outbox[0]).removeprefix("http://testserver")
    later = dt.datetime.now() + dt.timedelta(days=3, minutes=1)
    monkeypatch.setattr(ActivationTokenGenerator, "_now", lambda self: later)
    response = Client().get(path, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tautan aktivasi ini sudah kedaluwarsa, sudah dipakai, atau tidak lengkap." in html
    assert f'href="{reverse("people:activation")}"' in html
    assert 'name="new_password1"' not in html


def test_validity_is_configurable(newcomer, settings, monkeypatch):
    settings.PAMONG_ACTIVATION_TIMEOUT = 7 * 86400
    token = activation_token_generator.make_token(newcomer.user)
    later = dt.datetime.now() + dt.timedelta(days=6)
    monkeypatch.setattr(ActivationTokenGenerator, "_now", lambda self: later)
    assert activation_token_generator.check_token(newcomer.user, token)
    settings.PAMONG_ACTIVATION_TIMEOUT = 5 * 86400
    assert not activation_token_generator.check_token(newcomer.user, token)


def test_a_password_reset_token_does_not_activate(newcomer):
    uid = urlsafe_base64_encode(force_bytes(newcomer.user.pk))
    token = default_token_generator.make_token(newcomer.user)
    response = Client().get(reverse("people:activation_confirm", args=[uid, token]))
    assert response.status_code == 200 and not response.context["validlink"]


def test_twenty_rapid_tries_from_one_client_are_throttled(world, newcomer):
    client = Client()
    statuses = [
        _ask(client, f"19900101201501100{i % 10}", f"x{i}@example.go.id").status_code for i in range(19)
    ]
    last = _ask(client, newcomer.nip, newcomer.user.email)  # the 20th try, a matching pair
    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429] * 9 and last.status_code == 429
    assert "Terlalu banyak percobaan" in last.content.decode()
    assert mail.outbox == []
    # another client is not affected
    assert _ask(Client(REMOTE_ADDR="10.0.0.9"), newcomer.nip, newcomer.user.email).status_code == 302
    assert len(mail.outbox) == 1


def test_tries_on_one_nip_are_throttled_across_clients(newcomer):
    for i in range(5):
        client = Client(REMOTE_ADDR=f"10.0.1.{i}")
        assert _ask(client, newcomer.nip, f"salah{i}@example.go.id").status_code == 302
    response = _ask(Client(REMOTE_ADDR="10.0.1.99"), newcomer.nip, newcomer.user.email)
    assert response.status_code == 429
    assert mail.outbox == []


def test_login_page_links_to_reset_and_activation(client):
    html = client.get(reverse("login")).content.decode()
    for name in ("people:password_reset", "people:activation", "people:activation_code"):
        assert f'href="{reverse(name)}"' in html


def test_signed_in_user_sent_back_to_the_login_page_goes_on(world, settings):
    """``/masuk/?next=/masuk/`` (log in, then Back) answered 500: a redirect loop."""
    client = Client(raise_request_exception=True)
    client.force_login(world.staff_a.user)
    response = client.get(reverse("login") + "?next=" + reverse("login"))
    assert response.status_code == 302
    from django.shortcuts import resolve_url

    assert response["Location"] == resolve_url(settings.LOGIN_REDIRECT_URL)
    elsewhere = client.get(reverse("login") + "?next=/belajar/")
    assert elsewhere["Location"] == "/belajar/"


def test_a_link_stops_working_when_the_asn_leaves(newcomer):
    _ask(Client(), newcomer.nip, newcomer.user.email)
    path = _link_from(mail.outbox[0]).removeprefix("http://testserver")
    newcomer.is_active = False
    newcomer.save()
    response = Client().get(path, follow=True)
    assert not response.context["validlink"]
    assert (
        "Tautan aktivasi ini sudah kedaluwarsa, sudah dipakai, atau tidak lengkap."
        in response.content.decode()
    )
