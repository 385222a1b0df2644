"""The OpenAPI schema validates; the docs page loads nothing from elsewhere; token login is throttled
and goes through django-axes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

ROOT = Path(__file__).resolve().parents[2]


def test_schema_validates_without_warnings(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pamong.settings.test"}
    out = tmp_path / "schema.yml"
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text()
    assert "/api/v1/hasil-kinerja/{id}/" in text and "/admin/" not in text
    for name in ("instansi", "unit", "period"):
        assert f"name: {name}" in text


def test_schema_and_docs_page(client, db):
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200 and schema.json()["info"]["title"] == "Pamong API"
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "external asset on the docs page"
    assert "<script>" not in html  # the start-up script is a separate file (CSP: no inline script)
    csp = docs["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    for src in re.findall(r'<script src="([^"]+)"', html) + re.findall(
        r'<link rel="stylesheet" href="([^"]+)"', html
    ):
        asset = client.get(src.replace("&amp;", "&"))
        assert asset.status_code == 200, src
        body = b"".join(asset.streaming_content) if asset.streaming else asset.content
        assert body


def test_token_login_and_use(world, client):
    world.staff_a.user.set_password("Jambi2026!")
    world.staff_a.user.save()
    response = client.post(
        "/api/v1/token/", {"username": world.staff_a.user.username, "password": "Jambi2026!"}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api = client.get("/api/v1/asn/", HTTP_AUTHORIZATION=f"Token {token}")
    assert api.status_code == 200 and [r["id"] for r in api.json()["results"]] == [world.staff_a.pk]
    assert client.get("/api/v1/asn/", HTTP_AUTHORIZATION="Token salah").status_code == 401


def test_token_lockout_through_axes(world, client, settings):
    user = world.staff_a.user
    user.set_password("Jambi2026!")
    user.save()
    statuses = [
        client.post("/api/v1/token/", {"username": user.username, "password": "salah"}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [400] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # the last failure locks
    cache.clear()  # past the throttle: what refuses now is the lockout
    locked = client.post("/api/v1/token/", {"username": user.username, "password": "Jambi2026!"})
    assert locked.status_code == 429
    assert "token" not in locked.json()


@pytest.mark.django_db
def test_token_throttled(client):
    statuses = [
        client.post("/api/v1/token/", {"username": f"tidak-ada-{i}", "password": "x"}).status_code
        for i in range(12)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[-1] == 429
