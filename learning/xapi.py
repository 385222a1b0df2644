"""xAPI vocabulary and serialisation of :class:`learning.models.Statement` rows.

Verbs are ADL IRIs; activities are identified by stable IRIs under the site's base URL
(``WAGTAILADMIN_BASE_URL``), independent of page slugs. Actors are identified by an account on
Pamong whose name is the NIP.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings

VERB_REGISTERED = "http://adlnet.gov/expapi/verbs/registered"
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed"
VERB_FAILED = "http://adlnet.gov/expapi/verbs/failed"

VERB_DISPLAY = {
    VERB_REGISTERED: "registered",
    VERB_COMPLETED: "completed",
    VERB_PASSED: "passed",
    VERB_FAILED: "failed",
}

ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
}

_NAMESPACE = uuid.UUID("5b0f1d3e-8c64-4a57-9d0e-2f7a1c9b6e10")


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def activity_iri(object_type: str, ref: int) -> str:
    return f"{base_url()}/xapi/activities/{object_type}/{ref}"


def statement_json(statement, *, asn_name: str, asn_nip: str) -> dict[str, Any]:
    """One statement as xAPI 1.0.3 JSON."""
    data: dict[str, Any] = {
        "id": str(uuid.uuid5(_NAMESPACE, f"{base_url()}/statement/{statement.pk}")),
        "actor": {
            "objectType": "Agent",
            "name": asn_name,
            "account": {"homePage": base_url(), "name": asn_nip},
        },
        "verb": {"id": statement.verb, "display": {"en-US": VERB_DISPLAY.get(statement.verb, "")}},
        "object": {
            "objectType": "Activity",
            "id": activity_iri(statement.object_type, statement.object_ref),
            "definition": {
                "type": ACTIVITY_TYPES.get(statement.object_type, ""),
                "name": {"id-ID": statement.object_name},
            },
        },
        "timestamp": statement.timestamp.isoformat(),
    }
    if statement.result:
        data["result"] = statement.result
    return data
