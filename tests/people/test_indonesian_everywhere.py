"""Indonesian wherever a person looks (issue 15, item 8): the failed-login message reads naturally on
the site and in the Wagtail admin, and the admin speaks Indonesian whatever the browser's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "Jambi2026!"
NATURAL = "Nama pengguna atau kata sandi salah."


@pytest.mark.parametrize("path", ["/masuk/", "/admin/login/"])
def test_a_failed_login_reads_naturally(world, path):
    user = world.humas_editor
    user.set_password(PASSWORD)
    user.save()
    response = Client().post(path, {"username": user.username, "password": "salah-sekali"})
    page = response.content.decode()
    assert response.status_code == 200
    assert NATURAL in page
    assert "nama pengguna Nama pengguna" not in page.lower().replace(
        "nama pengguna nama", "nama pengguna Nama"
    )
    assert "didn't match" not in page


def test_the_admin_speaks_indonesian_to_an_english_browser(world):
    c = Client()
    c.force_login(world.humas_editor)
    page = c.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in page
    assert "Dasbor" in page or "Halaman" in page
    assert "Dashboard" not in page


def test_the_admin_offers_indonesian_first_and_defaults_to_it(world, settings):
    from wagtail.admin.localization import get_available_admin_languages

    assert get_available_admin_languages()[0][0] == "id"
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(world.humas_editor)
    assert profile.get_preferred_language() == "id"
