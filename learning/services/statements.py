"""Learning records: one xAPI statement of an enrolment's learner (exported by :mod:`learning.xapi`)."""

from __future__ import annotations

import datetime

from ..models import (
    Enrolment,
    Statement,
)


def statement_record(
    *,
    enrolment: Enrolment,
    verb: str,
    object_type: str,
    object_ref: int,
    object_name: str,
    timestamp: datetime.datetime,
    result: dict | None = None,
) -> Statement:
    """Record one xAPI statement of ``enrolment``'s learner (exported by :mod:`learning.xapi`)."""
    return Statement.objects.create(
        asn_id=enrolment.asn_id,
        enrolment=enrolment,
        verb=verb,
        object_type=object_type,
        object_ref=object_ref,
        object_name=object_name[:255],
        result=result,
        timestamp=timestamp,
    )
