"""The real thing: tasks enqueued in the database and run by a separate `manage.py db_worker`
process (django-tasks' database backend), on SQLite as on PostgreSQL (`make test` in .ci/run)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from pamong.notifications.models import Delivery, Notification
from pamong.notifications.services import notification_broadcast, notification_send
from tests.factories.people import UserFactory

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def database_url() -> str:
    """The URL of the test database this test writes to, for the worker process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_worker() -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "pamong.settings.test",
        "PAMONG_TEST_TASKS_BACKEND": DATABASE_BACKEND,
    }
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend",
            "background",
            "--batch",
            "--no-startup-delay",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_sends_what_the_request_enqueued(world):
    tasks = {**settings.TASKS, "background": {"BACKEND": DATABASE_BACKEND, "QUEUES": ["default"]}}
    with override_settings(TASKS=tasks):
        notification_send(
            kind="devplan_approved",
            recipients=[world.staff_a.user, UserFactory(email="")],
            key="worker:1",
            link="/kompetensi/",
            params={"year": 2026},
        )
        notification_broadcast(
            kind="chapter_confirm",
            audience="socialization.chapter_readers",
            audience_args={"page_id": 1},
            key="worker:2",
            link="/kebijakan/",
            params={"chapter": "Pendahuluan"},
        )
    # Nothing was sent in "the request": the tasks wait in the database.
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    assert not Notification.objects.filter(key="worker:2").exists()
    assert not Delivery.objects.exists()

    result = run_worker()
    assert result.returncode == 0, result.stderr[-3000:]

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    staff_a = Notification.objects.get(key="worker:1", recipient=world.staff_a.user)
    assert staff_a.email_state == Notification.Email.SENT
    assert Notification.objects.get(key="worker:1", recipient__email="").email_state == "no_address"
    asn_users = {
        asn.user_id for asn in (world.staff_a, world.staff_a2, world.staff_b, world.atasan_a, world.kepala_a)
    }
    broadcast = set(Notification.objects.filter(key="worker:2").values_list("recipient_id", flat=True))
    assert asn_users <= broadcast
    assert Delivery.objects.filter(status="sent").count() == 1 + len(broadcast)
    # a second run finds nothing to do and sends nothing again
    assert run_worker().returncode == 0
    assert Delivery.objects.count() == 1 + len(broadcast)
