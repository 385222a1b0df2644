"""Password reset (Django's views and tokens, Indonesian, absolute links from PAMONG_BASE_URL) and
changing the password from "Akun saya"."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW = "Sandi-Baru-2026"


def _reset(client, email, **extra):
    return client.post(reverse("people:password_reset"), {"email": email}, **extra)


def test_reset_for_an_active_user(world, settings):
    settings.PAMONG_BASE_URL = "https://pamong.jambiprov.go.id"
    user = world.staff_a.user
    response = _reset(Client(), user.email.upper())
    assert response.status_code == 302 and response["Location"] == reverse("people:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Atur ulang kata sandi Pamong"
    assert message.body.startswith(f"Yth. {world.staff_a.name},\n")  # a greeting, with the ASN's name
    link = re.search(r"https?://\S+/akun/lupa-sandi/\S+", message.body).group(0)
    assert link.startswith("https://pamong.jambiprov.go.id/akun/lupa-sandi/")
    assert "localhost" not in message.body and "127.0.0.1" not in message.body
    assert "https://pamong.jambiprov.go.id/masuk/" in message.body

    person = Client()
    step = person.get(link.removeprefix("https://pamong.jambiprov.go.id"))
    assert step.status_code == 302
    done = person.post(step["Location"], {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("people:password_reset_complete")
    assert Client().post(reverse("login"), {"username": user.username, "password": NEW}).status_code == 302
    used = Client().get(link.removeprefix("https://pamong.jambiprov.go.id"), follow=True)
    assert "Tautan ini sudah dipakai, sudah kedaluwarsa, atau tidak lengkap." in used.content.decode()


@pytest.mark.parametrize("case", ["unknown", "never activated"])
def test_reset_answers_the_same_and_sends_nothing(world, case):
    email = "tidak.ada@example.go.id"
    if case == "never activated":
        world.staff_a2.user.set_unusable_password()  # activation is the way in, not reset
        world.staff_a2.user.save()
        email = world.staff_a2.user.email
    response = _reset(Client(), email, follow=True)
    assert response.redirect_chain == [(reverse("people:password_reset_done"), 302)]
    assert mail.outbox == []
    assert response.content == _reset(Client(), world.staff_a.user.email, follow=True).content


def test_reset_tries_are_throttled(world):
    client = Client()
    statuses = [_reset(client, f"x{i}@example.go.id").status_code for i in range(11)]
    assert statuses == [302] * 10 + [429]
    assert _reset(client, world.staff_a.user.email).status_code == 429
    assert mail.outbox == []


def test_change_password_from_account_page(world):
    user = world.staff_a.user
    client = Client()
    client.force_login(user)
    account = client.get(reverse("people:account")).content.decode()
    assert f'href="{reverse("people:password_change")}"' in account
    wrong = client.post(
        reverse("people:password_change"),
        {"old_password": "salah", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200 and 'role="alert"' in wrong.content.decode()
    response = client.post(
        reverse("people:password_change"),
        {"old_password": "rahasia-uji-123", "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("people:account")
    assert "Kata sandi Anda sudah diubah." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get(reverse("people:account")).status_code == 200  # still signed in


def test_a_user_without_a_password_sets_one_without_the_old(world):
    user = world.staff_a.user
    user.set_unusable_password()
    user.save()
    client = Client()
    client.force_login(user)
    page = client.get(reverse("people:password_change")).content.decode()
    assert 'name="old_password"' not in page
    response = client.post(reverse("people:password_change"), {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
