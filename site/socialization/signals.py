"""Signal wiring only: the rules live in services and caching."""

from __future__ import annotations

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import pages_cache_bump
from .models import PolicyPage
from .notifications import notify_chapter_to_confirm


def _on_published(sender, instance, revision=None, **kwargs):
    from .services import policy_reconfirmation_apply

    if isinstance(instance, PolicyPage):
        if policy_reconfirmation_apply(page=instance, revision=revision):
            notify_chapter_to_confirm(page=instance, since=instance.ack_valid_from.isoformat())
        elif instance.first_published_at and instance.first_published_at == instance.last_published_at:
            notify_chapter_to_confirm(page=instance, since="first")
    pages_cache_bump()


def _on_changed(sender, **kwargs):
    pages_cache_bump()


def connect() -> None:
    page_published.connect(_on_published, dispatch_uid="socialization_published")
    page_unpublished.connect(_on_changed, dispatch_uid="socialization_unpublished")
    post_page_move.connect(_on_changed, dispatch_uid="socialization_moved")
    post_delete.connect(_on_changed, sender=Page, dispatch_uid="socialization_deleted")
