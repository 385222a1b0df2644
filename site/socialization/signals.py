"""Signal wiring only: the rules live in services (the front cache has its own wiring in ``pamong.home``)."""

from __future__ import annotations

from wagtail.signals import page_published

from .models import PolicyPage
from .services import policy_reconfirmation_apply


def _on_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, PolicyPage):
        policy_reconfirmation_apply(page=instance, revision=revision)


def connect() -> None:
    page_published.connect(_on_published, dispatch_uid="socialization_published")
