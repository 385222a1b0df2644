"""Writes of the socialization app."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision

from .models import PolicyAcknowledgement, PolicyPage
from .selectors import VALID_ACK_Q


@transaction.atomic
def acknowledgement_record(*, user, page: PolicyPage) -> tuple[PolicyAcknowledgement, bool]:
    """Record that ``user`` read and understood the live ``page``; returns ``(ack, created_or_renewed)``.

    Idempotent: a still-valid acknowledgement is left as it is. One that stopped counting (the
    chapter asked for re-confirmation since) is renewed with the current live revision and time.
    """
    if not page.live:
        raise ValueError("Only a live chapter can be acknowledged.")
    ack, created = PolicyAcknowledgement.objects.select_for_update().get_or_create(
        user=user, page=page, defaults={"revision_id": page.live_revision_id}
    )
    if created:
        return ack, True
    if PolicyAcknowledgement.objects.filter(pk=ack.pk).filter(VALID_ACK_Q).exists():
        return ack, False
    ack.revision_id = page.live_revision_id
    ack.acknowledged_at = timezone.now()
    ack.save(update_fields=["revision", "acknowledged_at"])
    return ack, True


@transaction.atomic
def policy_reconfirmation_apply(*, page: PolicyPage, revision: Revision | None) -> bool:
    """After publishing: if the published revision asked for re-confirmation, earlier acks stop counting.

    Sets ``ack_valid_from`` to now and clears the "minta konfirmasi ulang" box on the page and in the
    published revision, so the next edit starts unticked. Returns whether anything changed.
    """
    if not page.require_reconfirmation:
        return False
    now = timezone.now()
    PolicyPage.objects.filter(pk=page.pk).update(ack_valid_from=now, require_reconfirmation=False)
    page.ack_valid_from = now
    page.require_reconfirmation = False
    for rev in {revision, page.latest_revision} - {None}:
        if rev.object_id == str(page.pk) and rev.content.get("require_reconfirmation"):
            rev.content["require_reconfirmation"] = False
            rev.save(update_fields=["content"])
    return True
