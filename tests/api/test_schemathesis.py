"""Schemathesis over the OpenAPI schema, against seeded data, signed in as BKPSDM with a token:
every operation, a handful of generated requests each, and no response may be a server error.

One pytest test drives every operation (the seeded data is built once), through the WSGI app:
no network, no server.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

import hypothesis
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from tests.api.conftest import build_api_data

MAX_EXAMPLES = 10


@contextmanager
def connections_kept_open():
    """What Django's test client does: a request must not close the test's database connection
    (on PostgreSQL that would end the test transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_no_server_errors(world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "100000/minute"},
    }
    data = build_api_data(world)
    token = Token.objects.create(user=world.bkpsdm.user)
    headers = {"Authorization": f"Token {token.key}"}
    with connections_kept_open():
        _run(data, headers)


def _run(data, headers) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    calls: dict[str, int] = {}
    statuses: dict[int, int] = {}
    started = time.monotonic()

    def runner(operation):
        label = f"{operation.method.upper()} {operation.path}"

        @given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            cache.clear()  # the token endpoint's throttle and the axes counters start afresh
            response = case.call(headers=headers)
            case.validate_response(response, checks=[not_a_server_error])
            calls[label] = calls.get(label, 0) + 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        return run

    for operation in operations:
        runner(operation)()

    elapsed = time.monotonic() - started
    print(
        f"schemathesis: {len(operations)} operations, {sum(calls.values())} calls, {statuses}, {elapsed:.1f}s"
    )
    assert set(calls) == {f"{o.method.upper()} {o.path}" for o in operations}
    assert statuses.get(200, 0) > len(operations)  # real answers, not only refusals
    assert data.evaluation_a.pk  # the seeded data was there
