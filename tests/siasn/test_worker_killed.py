"""Issue 19, done when "a course completion and a finalised result each arrive exactly once, also
when the worker is killed mid-send": a real ``manage.py db_worker`` process sends the outbox to the
SIASN stand-in and is killed (SIGKILL: no ``finally``, no ``except``) while its save call is in
flight — once after SIASN stored the record, once before — then a second worker process takes the
rows over when their lease has run out and finishes them. SIASN ends with each record exactly once
and Pamong's rows ``sent`` with SIASN's id.

The worker runs against the test database (a file on SQLite, the test database on PostgreSQL), so
the tests are transactional; the lease is made short through ``SIASN_LEASE_SECONDS``.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from pamong.siasn.models import SiasnOutbox
from pamong.siasn.outbox import outbox_send_due
from pamong.siasn.tasks import siasn_outbox_send
from tests.notifications.test_worker import DATABASE_BACKEND, database_url

from .test_outbox import completed_course, finalise_result  # noqa: F401  (completed_course: a fixture)

Status = SiasnOutbox.Status
WAIT = 120  # seconds: an upper bound for a worker to start and reach SIASN, never a measured time
KIND_OF_PATH = {"kursus": "/api/kursus/save", "skp22": "/api/skp22/save"}


def worker_env() -> dict:
    api = settings.PAMONG_SIASN["API_URL"]
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "pamong.settings.test",
        "PAMONG_TEST_TASKS_BACKEND": DATABASE_BACKEND,
        "SIASN_API_URL": api,
        "SIASN_APIM_TOKEN_URL": settings.PAMONG_SIASN["APIM_TOKEN_URL"],
        "SIASN_APIM_KEY": "key",
        "SIASN_APIM_SECRET": "secret",
        "SIASN_SSO_TOKEN_URL": settings.PAMONG_SIASN["SSO_TOKEN_URL"],
        "SIASN_SSO_CLIENT_ID": "pamong",
        "SIASN_SSO_USERNAME": "operator",
        "SIASN_SSO_PASSWORD": "sandi",
        "SIASN_INSTANSI_ID": "JAMBI-PROV",
        # the killed call must still be waiting for SIASN when the kill comes
        "SIASN_TIMEOUT": str(WAIT),
        "SIASN_LEASE_SECONDS": "1",
    }


def worker_command(*, batch: bool = True) -> list[str]:
    command = [sys.executable, "manage.py", "db_worker", "--backend", "background", "--no-startup-delay"]
    return [*command, "--batch"] if batch else command


def enqueue_send() -> None:
    """What the outbox write's receiver (and cron's ``siasn_send``) does: enqueue the sending."""
    tasks = {**settings.TASKS, "background": {"BACKEND": DATABASE_BACKEND, "QUEUES": ["default"]}}
    with override_settings(TASKS=tasks):
        siasn_outbox_send.enqueue()


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def rows(mapped, completed_course, standin):  # noqa: F811
    """Both outbox rows (the course completion first, then the finalised result), none sent."""
    finalise_result(mapped)
    rows = {row.kind: row for row in SiasnOutbox.objects.all()}
    assert set(rows) == {"kursus", "skp22"} and {r.status for r in rows.values()} == {Status.PENDING}
    return rows


@pytest.mark.slow  # two real worker processes per case: make test runs it, make test-fast does not
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # pages: the course
@pytest.mark.parametrize("killed_kind", ["kursus", "skp22"])
@pytest.mark.parametrize("stored", [True, False], ids=["after-siasn-stored-it", "before-siasn-stored-it"])
def test_worker_process_killed_mid_send_each_record_arrives_once(
    rows, standin, tmp_path, killed_kind, stored
):
    standin.fail(KIND_OF_PATH[killed_kind], "store_then_hang" if stored else "hang")
    env = worker_env()
    enqueue_send()
    with (tmp_path / "worker1.log").open("w") as log:
        first = subprocess.Popen(
            worker_command(), cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            arrived = standin.in_flight.wait(timeout=WAIT)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=WAIT)
    assert arrived, (tmp_path / "worker1.log").read_text()[-3000:]
    assert first.returncode == -signal.SIGKILL
    standin.release()  # the killed call's answer goes nowhere

    killed = SiasnOutbox.objects.get(kind=killed_kind)
    assert (killed.status, killed.attempts, killed.riwayat_id) == (Status.SENDING, 1, "")
    assert len(standin.riwayat[killed_kind]) == (1 if stored else 0)

    # While the dead attempt's lease runs, no other run takes the row (nor a row claimed with it).
    just_before = killed.lease_until - datetime.timedelta(microseconds=1)
    assert not any(outbox_send_due(now=just_before).as_dict().values())
    killed.refresh_from_db()
    assert (killed.status, killed.attempts) == (Status.SENDING, 1)

    wait_until(lambda: timezone.now() > killed.lease_until, "the lease to run out")
    enqueue_send()  # cron's siasn_send, every five minutes
    second = subprocess.run(
        worker_command(), cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=WAIT
    )
    assert second.returncode == 0, second.stderr[-3000:]

    for kind in ("kursus", "skp22"):
        (record,) = standin.riwayat[kind]  # exactly once in SIASN
        row = SiasnOutbox.objects.get(kind=kind)
        assert (row.status, row.riwayat_id) == (Status.SENT, record["id"]), row.last_error
    # the record SIASN stored for the killed call was found, not saved again
    saves = {kind: len(standin.saves(kind)) for kind in ("kursus", "skp22")}
    assert saves == {"kursus": 1, "skp22": 1, killed_kind: 1 if stored else 2}
    assert SiasnOutbox.objects.get(kind=killed_kind).attempts == 2
    # the certificate went with the course's record, once
    course_record = standin.riwayat["kursus"][0]["id"]
    assert [d["id_riwayat"] for d in standin.documents] == [course_record]
