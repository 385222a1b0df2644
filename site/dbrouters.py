"""HR reports read from a PostgreSQL replica when one is configured (``DATABASE_REPLICA_URL``).

Off unless ``DATABASE_REPLICA_URL`` is set: then the database alias ``replica`` exists, this router
is installed and :class:`ReportReplicaMiddleware` marks the GET requests of the report views named
in ``settings.PAMONG_REPLICA_VIEWS`` (the HR dashboard and the 9-box, with their downloads). Inside
such a request, reads of the domain apps' tables (:data:`REPORT_APPS`) go to the replica; users,
sessions, login attempts, API tokens and Wagtail's tables are always read from the primary, and
every write goes to the primary (an object read from the replica is saved on the primary).

What this costs: a report may lag the primary by the replication delay (streaming replication on
the same network: usually well under a second). Nothing a person has just changed is read back
through a report view in the same request.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"
#: Apps whose tables the HR reports read (and may read slightly behind the primary).
REPORT_APPS = frozenset({"people", "learning", "competencies", "performance", "socialization", "hr"})

_reading_reports: ContextVar[bool] = ContextVar("pamong_reports_from_replica", default=False)


@contextmanager
def reports_from_replica():
    """Reads of the report apps' tables inside the block go to the replica (when configured)."""
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReportReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_reports.get() and model._meta.app_label in REPORT_APPS and replica_configured():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS  # also for an instance that was read from the replica

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica follows the primary's schema by replication


class ReportReplicaMiddleware:
    """Marks GET requests of ``settings.PAMONG_REPLICA_VIEWS`` (view names) as report reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reading_reports.set(False)
        try:
            return self.get_response(request)
        finally:
            _reading_reports.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            request.method in ("GET", "HEAD")
            and match is not None
            and match.view_name in getattr(settings, "PAMONG_REPLICA_VIEWS", ())
        ):
            _reading_reports.set(True)
        return None
