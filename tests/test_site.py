"""The site shell: home page, admin, login, settings safety, no external URLs."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_home_page_is_indonesian(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Langsung ke konten utama" in html
    assert html.count("<h1") == 1
    for landmark in ('role="banner"', "<main", 'role="contentinfo"', 'aria-label="Navigasi utama"'):
        assert landmark in html


@pytest.mark.django_db
def test_home_is_a_wagtail_home_page_at_the_site_root():
    from wagtail.models import Site

    from pamong.home.models import HomePage

    root = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(root, HomePage)


@pytest.mark.django_db
def test_admin_login_page_is_served(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_login_and_logout(client, world):
    world.staff_a.user.set_password("rahasia-uji-123")
    world.staff_a.user.save()
    response = client.post(reverse("login"), {"username": world.staff_a.nip, "password": "rahasia-uji-123"})
    assert response.status_code == 302
    assert client.get(reverse("people:account")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("people:account")).status_code == 302


@pytest.mark.django_db
def test_bad_login_says_so_in_indonesian(client, world):
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def _settings_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "PAMONG_BASE_URL"}
    }
    env.update(extra)
    return env


def _import_settings(module, **env):
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='{module}'; django.setup(); print('ok')"
    return subprocess.run(
        [sys.executable, "-c", code], env=_settings_env(**env), capture_output=True, text=True, cwd=REPO
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_settings("pamong.settings.production", ALLOWED_HOSTS="pamong.jambiprov.go.id")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_settings("pamong.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_base_url():
    """Every emailed link (and xAPI id) is built from it; it used to default to 127.0.0.1:8000."""
    result = _import_settings(
        "pamong.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="pamong.jambiprov.go.id"
    )
    assert result.returncode != 0 and "PAMONG_BASE_URL" in result.stderr


def test_production_starts_with_all_three_and_the_admin_links_to_the_same_site():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='pamong.settings.production'; django.setup();"
        "from django.conf import settings; print(settings.PAMONG_BASE_URL, settings.WAGTAILADMIN_BASE_URL)"
    )
    env = _settings_env(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="pamong.jambiprov.go.id",
        PAMONG_BASE_URL="https://pamong.jambiprov.go.id/",
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["https://pamong.jambiprov.go.id"] * 2


def test_base_settings_are_safe_by_default():
    code = (
        "import pamong.settings.base as s;"
        "print(s.DEBUG, repr(s.SECRET_KEY), s.LANGUAGE_CODE, s.TIME_ZONE, s.DEFAULT_AUTO_FIELD)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=_settings_env(), capture_output=True, text=True, cwd=REPO
    )
    assert result.stdout.split() == ["False", "''", "id", "Asia/Jakarta", "django.db.models.BigAutoField"]


def test_database_url_selects_postgres_and_its_search_backend():
    """PostgreSQL from DATABASE_URL, and the search backend (pamong.search, which cleans queries)
    is then Wagtail's PostgreSQL full-text backend (no connection is needed to choose it)."""
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='pamong.settings.base';"
        "import django; django.setup();"
        "from django.conf import settings; from wagtail.search.backends import get_search_backend;"
        "from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend;"
        "print(settings.DATABASES['default']['ENGINE'], 'django.contrib.postgres' in settings.INSTALLED_APPS,"
        " settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], isinstance(get_search_backend(), PostgresSearchBackend))"
    )
    env = _settings_env(DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO)
    assert result.stdout.split() == ["django.db.backends.postgresql", "True", "pamong.search", "True"], (
        result.stderr
    )


EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//(?!127\.0\.0\.1|localhost)""", re.I)


def test_no_template_loads_anything_from_outside():
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "templates").rglob("*.html")
        if EXTERNAL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_stylesheet_imports_from_outside():
    for path in (REPO / "static").rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", text), path
        assert not re.search(r"url\(\s*['\"]?https?://", text), path


@pytest.mark.django_db
def test_indonesian_whatever_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"


@pytest.mark.django_db
def test_language_choice_is_remembered(client):
    response = client.get(reverse("language_choose"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_language_choice_never_redirects_off_site(client):
    response = client.get(reverse("language_choose"), {"language": "en", "next": "https://example.com/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_unknown_language_is_ignored(client):
    response = client.get(reverse("language_choose"), {"language": "xx", "next": "/"})
    assert settings_language_cookie() not in response.cookies


def settings_language_cookie():
    from django.conf import settings

    return settings.LANGUAGE_COOKIE_NAME


@pytest.mark.slow
def test_production_collectstatic_succeeds(tmp_path):
    """A fresh clone deploys: the production storage (compressed manifest) refuses any static file
    that refers to a file not there (a vendored script's source map did once)."""
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='pamong.settings.production';"
        "django.setup(); from django.core.management import call_command;"
        "call_command('collectstatic', interactive=False, verbosity=0); print('ok')"
    )
    env = _settings_env(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="pamong.jambiprov.go.id",
        PAMONG_BASE_URL="https://pamong.jambiprov.go.id",
        STATIC_ROOT=str(tmp_path),
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
