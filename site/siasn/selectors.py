"""Reads of the SIASN pages, already scoped by the caller's instansi."""

from __future__ import annotations

from pamong.people.models import Instansi

from .models import SiasnPullRun
from .reconcile import reconciliation_summary


def last_pull_run(*, instansi: Instansi) -> SiasnPullRun | None:
    return SiasnPullRun.objects.filter(instansi=instansi).order_by("-started_at", "-pk").first()


def reconciliation(*, instansi: Instansi) -> dict:
    return reconciliation_summary(instansi=instansi)
