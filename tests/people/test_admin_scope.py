"""The Wagtail admin applies the scope of ``pamong.people.access`` everywhere: every registered
viewset and chooser (all apps, Wagtail's own included) and our own admin pages are opened by the
HR of instansi A and by a humas editor, listed and searched; no ASN of instansi B may appear."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets

from pamong.people.models import ASN
from tests.security.urlwalk import iter_routes

pytestmark = pytest.mark.django_db

LIST_VIEWS = ("index", "index_results", "list", "list_results", "choose", "choose_results")
OUR_APPS = ("pamong.", "learning.", "competencies.", "performance.")
B_NAME = "Zubaidah Bintari Lestari"


def _registered_urls() -> list[str]:
    urls = []
    for viewset in viewsets.viewsets:
        for view in LIST_VIEWS:
            try:
                urls.append(reverse(viewset.get_url_name(view)))
            except (NoReverseMatch, AttributeError):
                continue
    return urls


def _our_admin_urls() -> list[str]:
    """Our own admin pages (reports, imports) registered with ``register_admin_urls``."""
    found = []
    for route in iter_routes():
        module = getattr(route.pattern.callback, "__module__", "")
        if route.is_admin and module.startswith(OUR_APPS) and not route.converters:
            found.append(reverse(route.key))
    return found


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_no_admin_listing_chooser_or_report_shows_another_instansi(world):
    ASN.objects.filter(pk=world.staff_b.pk).update(name=B_NAME)
    b_nip = world.staff_b.nip
    urls = _registered_urls()
    chooser_urls = [u for u in urls if "/asn_chooser/" in u]
    assert chooser_urls, "the ASN chooser is registered"
    assert len(urls) > 20, urls
    urls += _our_admin_urls()
    leaks = []
    for role, user in {"hr_a": world.hr_a.user, "humas": world.humas_editor}.items():
        client = _client(user)
        for url in urls:
            # A search box shows its own query back: search by part of one, look for the whole of both.
            for params in ({}, {"q": B_NAME.split()[0]}, {"q": b_nip[:14]}):
                body = client.get(url, params).content.decode("utf-8", "replace")
                if B_NAME in body or b_nip in body:
                    leaks.append(f"{role}: {url} {params}")
        chosen = reverse("asn_chooser:chosen", args=[world.staff_b.pk])
        if client.get(chosen).status_code != 404:
            leaks.append(f"{role}: {chosen} answers")
    assert not leaks, "instansi B's ASN shown in the admin:\n" + "\n".join(leaks)


def test_asn_chooser_keeps_own_instansi_for_hr_and_nothing_for_humas(world):
    url = reverse("asn_chooser:choose_results")
    hr_page = _client(world.hr_a.user).get(url).content.decode()
    assert world.staff_a.name in hr_page and world.staff_a.nip in hr_page
    assert world.staff_b.nip not in hr_page
    humas_page = _client(world.humas_editor).get(url).content.decode()
    assert world.staff_a.nip not in humas_page
    everyone = _client(world.bkpsdm.user).get(url, {"q": world.staff_b.nip}).content.decode()
    assert world.staff_b.nip in everyone
    unit_page = _client(world.hr_a.user).get(reverse("unit_chooser:choose_results")).content.decode()
    assert world.staff_a.unit.name in unit_page and world.staff_b.unit.name not in unit_page
