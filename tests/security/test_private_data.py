"""Private data stays private on public surfaces: evidence files never under ``/media/`` (in any
mode), and the public verification pages of certificates and piagam show a masked NIP."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, reverse
from django.urls.resolvers import RegexPattern, URLResolver

from pamong.people.nip import nip_masked
from pamong.storage import public_media_urlpatterns

pytestmark = pytest.mark.django_db


def test_nip_masked():
    assert nip_masked("199301012015011001") == "1993***********001"
    assert nip_masked("") == ""


def test_certificate_and_piagam_verification_pages_mask_the_nip(world, objects):
    anonymous = Client()
    nip = world.staff_a.nip
    certificate = anonymous.get(reverse("learning:certificate_verify", args=[objects["certificate"].code]))
    piagam = anonymous.get(reverse("performance:verify"), {"kode": objects["proposal"].certificate_code})
    for page in (certificate, piagam):
        html = page.content.decode()
        assert page.status_code == 200
        assert nip not in html and nip_masked(nip) in html


def test_evidence_is_stored_outside_media_root(objects):
    path = Path(objects["evidence"].file.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        objects["evidence"].file.url  # noqa: B018 — no URL to leak


def test_debug_media_routes_serve_public_images_only(objects):
    """Under DEBUG (``make run``) /media/ served every upload, evidence included, to anyone."""
    resolver = URLResolver(RegexPattern(r"^/"), public_media_urlpatterns())
    assert resolver.resolve("/media/images/foto.max-800x600.jpg")
    assert resolver.resolve("/media/original_images/foto.jpg")
    evidence_name = objects["evidence"].file.name
    for path in (f"/media/{evidence_name}", "/media/documents/surat.pdf", "/media/../private/x"):
        with pytest.raises(Resolver404):
            resolver.resolve(path)
