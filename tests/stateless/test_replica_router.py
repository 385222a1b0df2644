"""HR reports from a PostgreSQL replica (pamong.dbrouters): which reads go there, and which never."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from pamong.dbrouters import REPLICA, ReportReplicaMiddleware, ReportReplicaRouter, reports_from_replica
from pamong.people.models import ASN
from performance.models import Plan


@pytest.fixture
def router():
    return ReportReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch):
    """As with DATABASE_REPLICA_URL set (the router asks only whether the alias is configured)."""
    monkeypatch.setattr("pamong.dbrouters.replica_configured", lambda: True)


def test_without_a_report_everything_reads_the_primary(router, with_replica):
    assert router.db_for_read(ASN) == "default"
    assert router.db_for_read(Plan) == "default"


def test_inside_a_report_the_domain_tables_read_the_replica(router, with_replica):
    with reports_from_replica():
        assert router.db_for_read(ASN) == REPLICA
        assert router.db_for_read(Plan) == REPLICA
        # who is signed in, and their session, always come from the primary
        assert router.db_for_read(get_user_model()) == "default"
        assert router.db_for_read(Session) == "default"
        # writes never go to the replica, not even for an object read from it
        assert router.db_for_write(ASN, instance=ASN(pk=1)) == "default"
    assert router.db_for_read(ASN) == "default"


def test_without_a_configured_replica_reports_read_the_primary(router):
    with reports_from_replica():
        assert router.db_for_read(ASN) == "default"


def test_the_replica_is_never_migrated(router):
    assert router.allow_migrate(REPLICA, "people") is False
    assert router.allow_migrate("default", "people") is True


@pytest.mark.parametrize(
    ("method", "path", "replica"),
    [
        ("get", "/hr/dasbor/", True),
        ("get", "/hr/talenta/", True),
        ("post", "/hr/talenta/", False),  # a form post reads what it then writes: the primary
        ("get", "/hr/talenta/ambang/", False),  # settings, not a report
        ("get", "/pegawai/", False),
    ],
)
def test_the_middleware_marks_only_the_report_views(method, path, replica, with_replica):
    seen = []

    def view(request):
        seen.append(ReportReplicaRouter().db_for_read(ASN))
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method)(path)
    request.resolver_match = resolve(path)
    middleware = ReportReplicaMiddleware(lambda r: middleware.process_view(r, view, (), {}) or view(r))
    middleware(request)
    assert seen == [REPLICA if replica else "default"]
    assert ReportReplicaRouter().db_for_read(ASN) == "default"  # nothing leaks past the request
