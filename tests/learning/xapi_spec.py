"""A validator for the structure xAPI 1.0.3 requires of a statement (no maintained PyPI package
does this: ``tincan`` is unmaintained since 2016 and builds statements rather than checking them).

Source: xAPI 1.0.3, Part Two "Experience API Data", https://github.com/adlnet/xAPI-Spec/blob/master/
xAPI-Data.md — §2.4 statement properties (id, actor, verb, object, result, context, timestamp,
stored), §2.4.2 actor (exactly one inverse functional identifier; account = homePage IRL + name),
§2.4.3 verb, §2.4.4.1 activity and its definition, §2.4.5 result and score, §2.4.6 context and
contextActivities, §4.2 language maps (RFC 5646 tags), §4.5 ISO 8601 timestamps.

:func:`statement_errors` returns what is wrong (an empty list: valid), so a failing test says why.
"""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

STATEMENT_KEYS = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
                  "version", "attachments"}  # fmt: skip
ACTIVITY_KEYS = {"objectType", "id", "definition"}
DEFINITION_KEYS = {"name", "description", "type", "moreInfo", "extensions", "interactionType",
                   "correctResponsesPattern", "choices", "scale", "source", "target", "steps"}  # fmt: skip
CONTEXT_KEYS = {"registration", "instructor", "team", "contextActivities", "revision", "platform",
                "language", "statement", "extensions"}  # fmt: skip
CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
SCORE_KEYS = {"scaled", "raw", "min", "max"}
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_IRL = re.compile(r"^https?://\S+$")
_LANG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _timestamp_ok(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def _language_map(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, dict) or not value:
        errors.append(f"{where}: a language map (non-empty object) is required")
        return
    for tag, text in value.items():
        if not _LANG.match(tag):
            errors.append(f"{where}: {tag!r} is not an RFC 5646 language tag")
        if not isinstance(text, str):
            errors.append(f"{where}.{tag}: must be a string")


def _extensions(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, dict):
        errors.append(f"{where}: must be an object")
        return
    for key in value:
        if not _IRI.match(key):
            errors.append(f"{where}: key {key!r} is not an IRI")


def _member(value: dict, key: str, where: str, errors: list[str]) -> dict | None:
    """``value[key]`` when it is an object; ``None`` when absent (or not an object: said in errors)."""
    found = value.get(key)
    if found is not None and not isinstance(found, dict):
        errors.append(f"{where}: must be an object")
        return None
    return found


def _unknown(value: dict, allowed: set[str], where: str, errors: list[str]) -> None:
    for key in set(value) - allowed:
        errors.append(f"{where}: unknown property {key!r}")


def _agent(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, dict):
        errors.append(f"{where}: must be an object")
        return
    if value.get("objectType", "Agent") != "Agent":
        errors.append(f"{where}.objectType: must be 'Agent'")
    ifis = [key for key in IFI_KEYS if key in value]
    if len(ifis) != 1:
        errors.append(f"{where}: exactly one inverse functional identifier is required, found {ifis}")
        return
    if "account" in value:
        account = value["account"]
        if not isinstance(account, dict) or set(account) != {"homePage", "name"}:
            errors.append(f"{where}.account: exactly homePage and name are required")
        else:
            if not _IRL.match(str(account["homePage"])):
                errors.append(f"{where}.account.homePage: must be an IRL")
            if not isinstance(account["name"], str) or not account["name"]:
                errors.append(f"{where}.account.name: must be a non-empty string")
    if "mbox" in value and not str(value["mbox"]).startswith("mailto:"):
        errors.append(f"{where}.mbox: must be a mailto IRI")
    if "name" in value and not isinstance(value["name"], str):
        errors.append(f"{where}.name: must be a string")


def _activity(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, dict):
        errors.append(f"{where}: must be an object")
        return
    _unknown(value, ACTIVITY_KEYS, where, errors)
    if value.get("objectType", "Activity") != "Activity":
        errors.append(f"{where}.objectType: must be 'Activity'")
    if not _IRI.match(str(value.get("id", ""))):
        errors.append(f"{where}.id: an IRI is required")
    definition = _member(value, "definition", f"{where}.definition", errors)
    if definition is None:
        return
    _unknown(definition, DEFINITION_KEYS, f"{where}.definition", errors)
    for key in ("name", "description"):
        if key in definition:
            _language_map(definition[key], f"{where}.definition.{key}", errors)
    if "type" in definition and not _IRI.match(str(definition["type"])):
        errors.append(f"{where}.definition.type: must be an IRI")
    if "extensions" in definition:
        _extensions(definition["extensions"], f"{where}.definition.extensions", errors)


def _result(value: Any, errors: list[str]) -> None:
    if not isinstance(value, dict):
        errors.append("result: must be an object")
        return
    _unknown(value, RESULT_KEYS, "result", errors)
    for key in ("success", "completion"):
        if key in value and not isinstance(value[key], bool):
            errors.append(f"result.{key}: must be a boolean")
    if "extensions" in value:
        _extensions(value["extensions"], "result.extensions", errors)
    score = _member(value, "score", "result.score", errors)
    if score is None:
        return
    _unknown(score, SCORE_KEYS, "result.score", errors)
    if any(not _is_number(v) for v in score.values()):
        errors.append("result.score: every value must be a number")
        return
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        errors.append("result.score.scaled: must be between -1 and 1")
    low, high = score.get("min"), score.get("max")
    if low is not None and high is not None and low >= high:
        errors.append("result.score: min must be less than max")
    raw = score.get("raw")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        errors.append("result.score.raw: must lie between min and max")


def _context(value: Any, errors: list[str]) -> None:
    if not isinstance(value, dict):
        errors.append("context: must be an object")
        return
    _unknown(value, CONTEXT_KEYS, "context", errors)
    if "registration" in value:
        try:
            uuid.UUID(str(value["registration"]))
        except ValueError:
            errors.append("context.registration: must be a UUID")
    if "platform" in value and not isinstance(value["platform"], str):
        errors.append("context.platform: must be a string")
    if "language" in value and not _LANG.match(str(value["language"])):
        errors.append("context.language: must be an RFC 5646 tag")
    if "extensions" in value:
        _extensions(value["extensions"], "context.extensions", errors)
    activities = _member(value, "contextActivities", "context.contextActivities", errors)
    if activities is None:
        return
    _unknown(activities, CONTEXT_ACTIVITY_KEYS, "context.contextActivities", errors)
    for key, items in activities.items():
        for i, item in enumerate(items if isinstance(items, list) else [items]):
            _activity(item, f"context.contextActivities.{key}[{i}]", errors)


def statement_errors(statement: Any) -> list[str]:
    """What keeps ``statement`` (parsed JSON) from being a valid xAPI 1.0.3 statement."""
    errors: list[str] = []
    if not isinstance(statement, dict):
        return ["statement: must be an object"]
    _unknown(statement, STATEMENT_KEYS, "statement", errors)
    for key in ("actor", "verb", "object"):
        if key not in statement:
            errors.append(f"statement: {key} is required")
    if "id" in statement:
        try:
            uuid.UUID(str(statement["id"]))
        except ValueError:
            errors.append("id: must be a UUID")
    if "actor" in statement:
        _agent(statement["actor"], "actor", errors)
    verb = statement.get("verb")
    if isinstance(verb, dict):
        if not _IRI.match(str(verb.get("id", ""))):
            errors.append("verb.id: an IRI is required")
        if "display" in verb:
            _language_map(verb["display"], "verb.display", errors)
    elif verb is not None:
        errors.append("verb: must be an object")
    if "object" in statement:
        _activity(statement["object"], "object", errors)
    if "result" in statement:
        _result(statement["result"], errors)
    if "context" in statement:
        _context(statement["context"], errors)
    for key in ("timestamp", "stored"):
        if key in statement and not _timestamp_ok(statement[key]):
            errors.append(f"{key}: must be an ISO 8601 time with a time zone")
    return errors
