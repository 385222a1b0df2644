"""Writes of the HR app: thresholds, recorded potential, and the 9-box recommendation into a plan.

Keyword-only, validated before anything is written, one transaction each.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from competencies.models import Goal
from competencies.services import development_goal_add_mandatory
from pamong.people.models import ASN

from . import talent
from .models import PotentialAssessment, TalentSettings
from .selectors import talent_row_for


def talent_settings_update(*, medium_from: Decimal, high_from: Decimal, user) -> TalentSettings:
    """Change the JPM thresholds of the potential axis (BKPSDM or an administrator)."""
    row = TalentSettings.current()
    row.medium_from, row.high_from, row.updated_by = medium_from, high_from, user
    row.full_clean()
    row.save()
    return row


def potential_assessment_record(
    *, asn: ASN, year: int, level: str, note: str = "", user
) -> PotentialAssessment:
    """Record (or replace) the potential level of ``asn`` for ``year``; it overrides the JPM band."""
    if level not in talent.POTENSIAL_LEVELS:
        raise ValidationError(_("Tingkat potensial tidak dikenal."))
    if not 2000 <= int(year) <= 2100:
        raise ValidationError(_("Tahun tidak valid."))
    with transaction.atomic():
        row, _created = PotentialAssessment.objects.update_or_create(
            asn=asn,
            year=year,
            defaults={"level": level, "note": (note or "").strip()[:300], "recorded_by": user},
        )
    return row


def talent_recommendation_apply(*, asn: ASN, year: int) -> Goal:
    """Add the development recommendation of the box ``asn`` sits in for ``year`` to the person's
    development plan, as a mandatory goal (``competencies.services.development_goal_add_mandatory``).

    The box is computed here, never taken from the request. Idempotent per person and year: the
    goal's source is ``hr.talent:<year>``. Raises ``ValidationError`` when the person has no box
    (no final predikat, or no potential) for that year.
    """
    row = talent_row_for(asn=asn, year=year)
    if row is None or row.box is None:
        raise ValidationError(_("Pegawai ini belum dapat dipetakan pada 9-box untuk tahun tersebut."))
    box = talent.BOXES[row.box]
    reason = _("Manajemen talenta %(year)s: kotak %(box)s (%(name)s). %(action)s") % {
        "year": year,
        "box": box.number,
        "name": box.name,
        "action": box.action,
    }
    return development_goal_add_mandatory(
        asn=asn, reason=reason, source=f"hr.talent:{year}", title=str(box.development)
    )
