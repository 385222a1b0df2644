"""Background tasks of the SIASN link (django-tasks, the ``background`` backend).

``siasn_outbox_send`` sends the due outbox rows (enqueued after each new row, and every few
minutes by ``manage.py siasn_send`` from cron, which picks up the retries whose backoff ran out);
``siasn_nightly`` pulls every mapped instansi, records what learning announced but the outbox
missed, sends and reconciles (``manage.py siasn_nightly`` from cron, once a night). Both are safe to
run twice and at once: rows are claimed with ``SKIP LOCKED``.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from pamong.people.models import Instansi

from .client import siasn_enabled
from .models import UnorMapping
from .outbox import outbox_backfill, outbox_send_due
from .pull import siasn_pull
from .reconcile import reconcile_instansi

BACKFILL_DAYS = 30


@task(backend="background")
def siasn_outbox_send() -> dict:
    return outbox_send_due().as_dict()


@task(backend="background")
def siasn_nightly() -> dict:
    if not siasn_enabled():
        return {"enabled": False}
    instansi_ids = set(UnorMapping.objects.values_list("unit__instansi_id", flat=True))
    runs = {}
    for instansi in Instansi.objects.filter(pk__in=instansi_ids):
        runs[instansi.code] = siasn_pull(instansi=instansi).status
    recorded = outbox_backfill(since=timezone.now() - datetime.timedelta(days=BACKFILL_DAYS))
    sent = outbox_send_due(limit=500).as_dict()
    for instansi in Instansi.objects.filter(pk__in=instansi_ids):
        reconcile_instansi(instansi=instansi)
    return {"pulls": runs, "recorded": recorded, "sent": sent}


@task(backend="background")
def siasn_reconcile(*, instansi_id: int) -> dict:
    """Check an instansi's sent records against SIASN (HR's "periksa sekarang")."""
    return reconcile_instansi(instansi=Instansi.objects.get(pk=instansi_id))
