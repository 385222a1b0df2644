"""Signal wiring only: the rules live in services (the front cache has its own wiring in ``pamong.home``)."""

from __future__ import annotations

from wagtail.signals import page_published

from .models import PolicyPage
from .notifications import notify_chapter_to_confirm
from .services import policy_reconfirmation_apply


def _on_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, PolicyPage):
        if policy_reconfirmation_apply(page=instance, revision=revision):
            notify_chapter_to_confirm(page=instance, since=instance.ack_valid_from.isoformat())
        elif instance.first_published_at and instance.first_published_at == instance.last_published_at:
            notify_chapter_to_confirm(page=instance, since="first")


def connect() -> None:
    page_published.connect(_on_published, dispatch_uid="socialization_published")
