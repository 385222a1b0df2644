"""The real thing: tasks enqueued in the database and run by a separate `manage.py db_worker`
process (django-tasks' database backend), on SQLite as on PostgreSQL (`make test` in .ci/run); and a
worker process killed mid-send, whose batch the next worker sends once its lease has run out."""

import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pamong.notifications.delivery import deliver_pending
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


WORKER = [
    sys.executable,
    "manage.py",
    "db_worker",
    "--backend",
    "background",
    "--batch",
    "--no-startup-delay",
]


def worker_env(**extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "pamong.settings.test",
        "PAMONG_TEST_TASKS_BACKEND": DATABASE_BACKEND,
        **extra,
    }


def run_worker(**extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        WORKER,
        cwd=settings.BASE_DIR,
        env=worker_env(**extra_env),
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


@pytest.mark.slow  # two real worker processes: make test runs it, make test-fast does not
@pytest.mark.django_db(transaction=True)
def test_a_batch_a_killed_worker_left_sending_is_sent_by_the_next_run_after_its_lease(tmp_path):
    tasks = {**settings.TASKS, "background": {"BACKEND": DATABASE_BACKEND, "QUEUES": ["default"]}}
    lost = [UserFactory(email=f"asn{i}@example.test") for i in range(3)]
    with override_settings(TASKS=tasks):
        notification_send(
            kind="devplan_approved", recipients=lost, key="lost", link="/k/", params={"year": 2026}
        )

    # The first worker claims the batch, starts sending and is killed (SIGKILL) with the mail server
    # not yet answering: nothing after the claim runs.
    marker = tmp_path / "sending"
    with (tmp_path / "worker1.log").open("w") as log:
        first = subprocess.Popen(
            WORKER,
            cwd=settings.BASE_DIR,
            env=worker_env(
                PAMONG_TEST_EMAIL_BACKEND="tests.notifications.backends.HangingBackend",
                PAMONG_TEST_HANG_MARKER=str(marker),
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until(marker.exists, "the first worker to send")
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=60)
    assert first.returncode == -signal.SIGKILL, (tmp_path / "worker1.log").read_text()[-3000:]
    batch = Notification.objects.filter(key="lost")
    assert set(batch.values_list("email_state", flat=True)) == {Notification.Email.SENDING}
    assert not Delivery.objects.exists()

    # Within the lease (10 minutes here; nobody can tell a dead worker from a slow one) no run takes it.
    assert not +deliver_pending()
    assert set(batch.values_list("email_state", flat=True)) == {Notification.Email.SENDING}

    # The next event's delivery, by a second worker whose lease is one second, once that has passed.
    claimed_until = max(batch.values_list("email_claimed_at", flat=True)) + datetime.timedelta(seconds=1)
    wait_until(lambda: timezone.now() > claimed_until, "the lease to run out")
    with override_settings(TASKS=tasks):
        notification_send(
            kind="devplan_approved",
            recipients=[UserFactory(email="next@example.test")],
            key="next",
            link="/k/",
            params={"year": 2026},
        )
    second = run_worker(NOTIFICATION_SENDING_LEASE_SECONDS="1")
    assert second.returncode == 0, second.stderr[-3000:]

    assert set(Notification.objects.values_list("email_state", flat=True)) == {Notification.Email.SENT}
    sends = sorted(Delivery.objects.filter(status="sent").values_list("address", flat=True))
    assert sends == sorted([u.email for u in lost] + ["next@example.test"])  # each once


def wait_until(condition, what: str, timeout: float = 120) -> None:
    """Poll ``condition`` (an upper bound, never a measured time)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)
