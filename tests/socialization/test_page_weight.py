"""A chapter page weighs at most 150 KB on first load, excluding images; no external URL."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

LIMIT = 150 * 1024


@pytest.mark.django_db
def test_longest_seeded_chapter_weight(world):
    call_command("seed_socialization", verbosity=0)
    client = Client()
    total_max = 0
    for slug in ("penghargaan-dan-sanksi", "pendahuluan", "mekanisme-evaluasi"):
        response = client.get(f"/kebijakan/{slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        size = len(response.content)
        for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
            assert href.startswith("/static/"), href
            path = finders.find(href.removeprefix("/static/"))
            assert path, href
            with open(path, "rb") as fh:
                size += len(fh.read())
        scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
        for src in scripts:
            assert src.startswith("/static/"), src
            with open(finders.find(src.removeprefix("/static/")), "rb") as fh:
                size += len(fh.read())
        assert not re.search(r'(src|href)="(https?:)?//', html)
        total_max = max(total_max, size)
    print(f"chapter first-load weight (HTML + CSS + JS): {total_max} bytes")
    assert total_max <= LIMIT
