"""Helpers shared by the ``seed_*`` demo-data commands that build pages under the home page
(``seed_learning``, ``seed_socialization``; ``seed_demo`` runs them all). Each command stays
idempotent: a page whose slug already exists under its parent is kept as it is."""

from __future__ import annotations

from django.core.management.base import CommandError
from wagtail.models import Page, Site

from .models import HomePage


def seed_home() -> HomePage:
    """The home page the demo sections go under: the default site's root, else the first HomePage."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePage.objects.first()
    if home is None:
        raise CommandError("Beranda (HomePage) belum ada; jalankan migrate terlebih dahulu.")
    return home


def page_publish(page: Page) -> None:
    """Publish ``page`` through a logged revision, as an editor would."""
    page.save_revision(log_action=True).publish(log_action=True)


def page_add(*, parent: Page, page: Page) -> Page:
    """Add ``page`` (not yet saved) under ``parent`` and publish it."""
    parent.add_child(instance=page)
    page_publish(page)
    return page


def page_ensure(*, parent: Page, page: Page) -> tuple[Page, bool]:
    """The child of ``parent`` of ``page``'s type with ``page``'s slug, or ``page`` added and
    published when there is none; ``(page, created)``."""
    existing = type(page).objects.child_of(parent).filter(slug=page.slug).first()
    if existing is not None:
        return existing, False
    return page_add(parent=parent, page=page), True
