"""An integrator's view: a client generated from ``/api/v1/schema/`` with openapi-python-client
obtains a token and lists ASN against the running server.

It could not: the token request shared one component with its response across three content
types, the write-only ``username``/``password`` marked as required in the response, so the
generated client failed on the token answer. Request and response components are now separate
(drf-spectacular's ``COMPONENT_SPLIT_REQUEST``).
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Rahasia-Klien-2026!"


def _generate(schema: bytes, into: Path) -> str:
    """Generate the client package into ``into``; its import name."""
    (into / "schema.json").write_bytes(schema)
    (into / "config.yml").write_text(
        "project_name_override: pamong-klien\npackage_name_override: pamong_klien\npost_hooks: []\n"
    )
    generator = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(
        [str(generator), "generate", "--path", "schema.json", "--config", "config.yml", "--meta", "none"],
        cwd=into,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return "pamong_klien"


def test_a_generated_client_logs_in_and_lists_asn(world, live_server, tmp_path, client, monkeypatch):
    schema = client.get(reverse("api:schema"), {"format": "json"}).content
    package = _generate(schema, tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    klien = importlib.import_module(package)
    token_api = importlib.import_module(f"{package}.api.token.token_create")
    asn_api = importlib.import_module(f"{package}.api.asn.asn_list")
    models = importlib.import_module(f"{package}.models")

    user = world.hr_a.user
    user.set_password(PASSWORD)
    user.save()
    anonymous = klien.Client(base_url=live_server.url)
    answer = token_api.sync_detailed(
        client=anonymous, body=models.AuthTokenRequest(username=user.username, password=PASSWORD)
    )
    assert answer.status_code == 200, answer.content
    assert answer.parsed is not None and answer.parsed.token

    signed_in = klien.AuthenticatedClient(base_url=live_server.url, token=answer.parsed.token, prefix="Token")
    page = asn_api.sync_detailed(client=signed_in)
    assert page.status_code == 200, page.content
    nips = {item.nip for item in page.parsed.results}
    assert world.staff_a.nip in nips and world.staff_b.nip not in nips
