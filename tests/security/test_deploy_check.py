"""``manage.py check --deploy`` with the production settings reports nothing; production sends HSTS."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT"}}
    env.update(
        DJANGO_SETTINGS_MODULE="pamong.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),  # 80 random characters
        ALLOWED_HOSTS="pamong.jambiprov.go.id",
        PAMONG_BASE_URL="https://pamong.jambiprov.go.id",
        REDIS_URL="redis://127.0.0.1:6379/0",  # the check only reads the setting, it never connects
    )
    env.pop("DATABASE_CACHE_TABLE", None)
    return env


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_silent():
    result = _check_deploy(_production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_check_deploy_warns_about_a_cache_each_process_keeps_to_itself():
    """Without REDIS_URL (or DATABASE_CACHE_TABLE) every gunicorn worker would count its own rate
    limits and keep its own front cache: production must say so."""
    env = _production_env()
    del env["REDIS_URL"]
    result = _check_deploy(env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "pamong.W001" in output and "LocMemCache" in output, output

    env["DATABASE_CACHE_TABLE"] = "pamong_cache"
    result = _check_deploy(env)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "System check identified no issues" in output, output


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory
from pamong.security import ContentSecurityPolicyMiddleware
request = RequestFactory().get("/", secure=True, HTTP_HOST="pamong.jambiprov.go.id")
response = SecurityMiddleware(ContentSecurityPolicyMiddleware(lambda r: HttpResponse("x")))(request)
insecure = SecurityMiddleware(lambda r: HttpResponse("x"))(
    RequestFactory().get("/", HTTP_HOST="pamong.jambiprov.go.id")
)
print(json.dumps({
    "headers": dict(response.headers),
    "insecure_status": insecure.status_code,
    "debug": settings.DEBUG,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
}))
"""


def test_production_sends_hsts_and_redirects_to_https():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    headers = data["headers"]
    hsts = headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert data["insecure_status"] == 301  # plain HTTP is sent to HTTPS
    assert data == {**data, "debug": False, "session_secure": True, "csrf_secure": True}


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    env["SECRET_KEY"] = ""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
