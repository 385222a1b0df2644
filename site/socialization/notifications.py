"""What the socialization app tells people (pamong.notifications): a chapter to confirm."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from pamong.notifications.services import audience_register, notification_broadcast

from .models import PolicyPage


@audience_register("socialization.chapter_readers")
def chapter_readers(*, page_id: int) -> QuerySet:
    """Every active ASN with an active login: a chapter of the policy concerns them all."""
    return get_user_model().objects.filter(is_active=True, asn__is_active=True)


def notify_chapter_to_confirm(*, page: PolicyPage, since: str) -> None:
    """Ask every ASN to read and confirm ``page``, once per publication that asks it (``since``: the
    first publication, or the time earlier confirmations stopped counting). The request only
    enqueues a task; the worker records the 90,000 notifications set-based."""
    notification_broadcast(
        kind="chapter_confirm",
        audience="socialization.chapter_readers",
        audience_args={"page_id": page.pk},
        key=f"chapter_confirm:{page.pk}:{since}",
        link=urlsplit(page.get_url() or "/kebijakan/").path,
        params={"chapter": page.title},
        subject=page,
    )
