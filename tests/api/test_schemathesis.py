"""Schemathesis over the OpenAPI schema, against seeded data, signed in as BKPSDM with a token:
every operation, a handful of generated requests each, and no response may be a server error.

One pytest test drives every operation (the seeded data is built once), through the WSGI app:
no network, no server.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from competencies.models import Competency, DevelopmentPlan
from learning.models import Enrolment
from pamong.people.models import ASN, Instansi, Jabatan, UnitKerja
from performance.models import Evaluation, FollowUpProposal, Period
from tests.api.conftest import build_api_data

pytestmark = pytest.mark.slow

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


def test_no_server_errors(world):
    data = build_api_data(world)
    token = Token.objects.create(user=world.bkpsdm.user)
    headers = {"Authorization": f"Token {token.key}"}
    with connections_kept_open():
        _run(data, headers)


def _run(data, headers) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    real_ids = {
        f"/api/v1/{prefix}/": list(model.objects.values_list("pk", flat=True))
        for prefix, model in (
            ("asn", ASN),
            ("instansi", Instansi),
            ("unit", UnitKerja),
            ("jabatan", Jabatan),
            ("kompetensi", Competency),
            ("rencana-pengembangan", DevelopmentPlan),
            ("pelatihan", Enrolment),
            ("periode", Period),
            ("hasil-kinerja", Evaluation),
            ("penghargaan-sanksi", FollowUpProposal),
        )
    }
    assert len(operations) >= 20
    calls: dict[str, int] = {}
    statuses: dict[int, int] = {}
    started = time.monotonic()

    def runner(operation):
        label = f"{operation.method.upper()} {operation.path}"

        @given(case=operation.as_strategy(), real=st.booleans(), pick=st.integers(0, 10_000))
        @hypothesis.settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case, real, pick):
            known = real_ids.get(operation.path.split("{")[0])
            if real and known and case.path_parameters and "id" in case.path_parameters:
                case.path_parameters["id"] = known[pick % len(known)]  # half the calls hit seeded rows
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
    assert statuses.get(200, 0) > 3 * len(operations)  # real answers, not only refusals
    assert data.evaluation_a.pk  # the seeded data was there
