"""xAPI vocabulary and serialisation of :class:`learning.models.Statement` rows (xAPI 1.0.3).

Verbs are ADL IRIs; activities are identified by stable IRIs under the site's base URL
(``PAMONG_BASE_URL``), independent of page slugs, and each IRI resolves: ``/xapi/activities/<type>/<id>``
redirects to the page of the course, module or lesson (:func:`learning.views.xapi_activity`). Actors
are identified by an account on Pamong whose name is the NIP.

Every statement carries its course context (``context.contextActivities``, xAPI 1.0.3 §4.1.6.2):
``parent`` is the activity directly above the object (a lesson's module, a module's course, the
lesson or module holding a quiz) and ``grouping`` is the course, so an LRS asked for a course with
``related_activities=true`` returns everything that happened in it. ``stored`` is when Pamong
recorded the statement; ``timestamp`` when the learner did it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from wagtail.models import Page

from .models import CoursePage, CourseSession, ModulePage

VERB_REGISTERED = "http://adlnet.gov/expapi/verbs/registered"
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed"
VERB_FAILED = "http://adlnet.gov/expapi/verbs/failed"
VERB_ATTENDED = "http://adlnet.gov/expapi/verbs/attended"

VERB_DISPLAY = {
    VERB_REGISTERED: "registered",
    VERB_COMPLETED: "completed",
    VERB_PASSED: "passed",
    VERB_FAILED: "failed",
    VERB_ATTENDED: "attended",
}

ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "session": "http://adlnet.gov/expapi/activities/meeting",  # a classroom or online session
}

#: The object types whose ``object_ref`` is a Wagtail page (an assessment: the page holding the quiz).
#: Only these resolve through the page tree; a session's ref is a :class:`CourseSession` and its
#: context is its course.
PAGE_OBJECT_TYPES = frozenset({"course", "module", "lesson", "assessment"})

PLATFORM = "Pamong"

_NAMESPACE = uuid.UUID("5b0f1d3e-8c64-4a57-9d0e-2f7a1c9b6e10")


def base_url() -> str:
    return settings.PAMONG_BASE_URL.rstrip("/")


def activity_iri(object_type: str, ref: int) -> str:
    return f"{base_url()}/xapi/activities/{object_type}/{ref}"


def _activity(object_type: str, ref: int, name: str) -> dict[str, Any]:
    definition: dict[str, Any] = {"name": {"id-ID": name}}
    if object_type in ACTIVITY_TYPES:
        definition["type"] = ACTIVITY_TYPES[object_type]
    return {"objectType": "Activity", "id": activity_iri(object_type, ref), "definition": definition}


def statement_json(statement, *, asn_name: str, asn_nip: str, context: dict | None = None) -> dict[str, Any]:
    """One statement as xAPI 1.0.3 JSON; ``context`` from :func:`contexts_for`."""
    data: dict[str, Any] = {
        "id": str(uuid.uuid5(_NAMESPACE, f"{base_url()}/statement/{statement.pk}")),
        "actor": {
            "objectType": "Agent",
            "name": asn_name,
            "account": {"homePage": base_url(), "name": asn_nip},
        },
        "verb": {"id": statement.verb, "display": {"en-US": VERB_DISPLAY.get(statement.verb, "")}},
        "object": _activity(statement.object_type, statement.object_ref, statement.object_name),
        "timestamp": statement.timestamp.isoformat(),
        "stored": statement.stored.isoformat(),
    }
    if statement.result:
        data["result"] = statement.result
    if context:
        data["context"] = context
    return data


def statements_json(statements: Iterable) -> list[dict[str, Any]]:
    """Statements (with ``asn`` joined) as xAPI JSON with their course context, in three queries
    for any number of statements (see :func:`contexts_for`)."""
    rows = list(statements)
    contexts = contexts_for(rows)
    return [
        statement_json(
            s,
            asn_name=s.asn.name,
            asn_nip=s.asn.nip,
            context=contexts.get((s.object_type, s.object_ref)),
        )
        for s in rows
    ]


def contexts_for(statements: Iterable) -> dict[tuple[str, int], dict[str, Any]]:
    """``{(object_type, object_ref): context}`` for the objects of ``statements``.

    The pages named by the statements are read in one query, the modules and courses above them in
    two more (by the page tree's materialised paths, whatever the depth of the site). An object
    whose page no longer exists gets no context (its statement is still exported).
    """
    statements = list(statements)
    contexts: dict[tuple[str, int], dict[str, Any]] = _session_contexts(
        {s.object_ref for s in statements if s.object_type == "session"}
    )
    refs = {(s.object_type, s.object_ref) for s in statements if s.object_type in PAGE_OBJECT_TYPES}
    if not refs:
        return contexts
    pages = {
        p["pk"]: p
        for p in Page.objects.filter(pk__in={ref for _kind, ref in refs}).values("pk", "path", "title")
    }
    step = Page.steplen
    prefixes = {p["path"][:i] for p in pages.values() for i in range(step, len(p["path"]) + 1, step)}
    courses = {
        c["path"]: c for c in CoursePage.objects.filter(path__in=prefixes).values("pk", "path", "title")
    }
    modules = {
        m["path"]: m for m in ModulePage.objects.filter(path__in=prefixes).values("pk", "path", "title")
    }

    def above(path: str, found: dict) -> dict | None:
        for i in range(len(path), 0, -step):
            if path[:i] in found:
                return found[path[:i]]
        return None

    for object_type, ref in refs:
        page = pages.get(ref)
        course = above(page["path"], courses) if page else None
        if course is None:
            continue
        module = above(page["path"], modules)
        if object_type == "lesson":
            parent = _activity("module", module["pk"], module["title"]) if module else None
        elif object_type == "module":
            parent = _activity("course", course["pk"], course["title"])
        elif object_type == "assessment":  # the quiz of a lesson, or a module's test
            kind = "module" if module and module["pk"] == page["pk"] else "lesson"
            parent = _activity(kind, page["pk"], page["title"])
        else:  # the course itself: nothing above it
            parent = None
        activities: dict[str, list] = {"grouping": [_activity("course", course["pk"], course["title"])]}
        if parent is not None:
            activities["parent"] = [parent]
        contexts[(object_type, ref)] = {"platform": PLATFORM, "contextActivities": activities}
    return contexts


def _session_contexts(session_ids: set[int]) -> dict[tuple[str, int], dict[str, Any]]:
    """A session's context: its course, as parent and grouping (one query, none without sessions)."""
    if not session_ids:
        return {}
    rows = CourseSession.objects.filter(pk__in=session_ids).values("pk", "course_id", "course__title")
    out = {}
    for row in rows:
        course = _activity("course", row["course_id"], row["course__title"])
        out[("session", row["pk"])] = {
            "platform": PLATFORM,
            "contextActivities": {"parent": [course], "grouping": [course]},
        }
    return out
