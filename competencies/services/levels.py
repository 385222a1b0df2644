"""Levels: recording a new level (history row + current level) and the atasan's reviewed level."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.people.models import ASN

from .. import rules
from ..models import (
    Competency,
    CurrentLevel,
    LevelRecord,
    LevelSource,
    TrainingEvidence,
)
from .fit import fit_refresh
from .plans import _require_reviewer, plan_goals_settle

# --------------------------------------------------------------------------------------------------
# Levels
# --------------------------------------------------------------------------------------------------


def level_set(
    *,
    asn: ASN,
    competency: Competency,
    level: int,
    source: str,
    assessed_on: datetime.date | None = None,
    note: str = "",
    recorded_by=None,
    evidence: TrainingEvidence | None = None,
    only_raise: bool = False,
) -> CurrentLevel | None:
    """Record a new level: one history row (append-only) and the current-level row updated.

    With ``only_raise`` a level at or below the current one changes nothing and returns ``None``.
    """
    if level not in rules.LEVELS:
        raise ValidationError(_("Level kompetensi harus 1–5."))
    if source not in LevelSource.values:
        raise ValidationError(_("Sumber level tidak dikenal."))
    assessed_on = assessed_on or timezone.localdate()
    with transaction.atomic():
        current = CurrentLevel.objects.select_for_update().filter(asn=asn, competency=competency).first()
        previous = current.level if current else None
        if only_raise and previous is not None and level <= previous:
            return None
        LevelRecord.objects.create(
            asn=asn,
            competency=competency,
            level=level,
            previous_level=previous,
            source=source,
            assessed_on=assessed_on,
            note=note[:300],
            evidence=evidence,
            recorded_by=recorded_by,
        )
        if current is None:
            current = CurrentLevel.objects.create(
                asn=asn, competency=competency, level=level, source=source, assessed_on=assessed_on
            )
        else:
            current.level, current.source, current.assessed_on = level, source, assessed_on
            current.save(update_fields=["level", "source", "assessed_on"])
        fit_refresh(asn_ids=[asn.pk])
        plan_goals_settle(asn_id=asn.pk)
    return current


def level_review(*, user, asn: ASN, competency: Competency, level: int, note: str = "") -> CurrentLevel:
    """The direct atasan (or HR of the instansi) records a reviewed level ("penilaian atasan")."""
    _require_reviewer(user, asn)
    return level_set(
        asn=asn, competency=competency, level=level, source=LevelSource.ATASAN, note=note, recorded_by=user
    )
