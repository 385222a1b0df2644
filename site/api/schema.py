"""Schema hooks: the OpenAPI document describes ``/api/v1/`` only (not Wagtail's admin API)."""

from __future__ import annotations

PREFIX = "/api/v1/"


def only_api_paths(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]
