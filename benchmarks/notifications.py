"""Notifications at province scale: record one notification for every ASN, set-based, and send them
all to a local SMTP sink. Standalone: ``python -m benchmarks.notifications`` against the benchmark
database named by ``BENCH_DB_NAME`` (default ``pamong_bench``); prints one JSON object.

Steps, each timed with ``time.perf_counter`` (wall clock: indicative on a shared box) and counted:

1. *enqueue* — what a request does when humas publishes a chapter every ASN must confirm:
   ``notification_broadcast`` inside a transaction (one task row, written on commit).
2. *record* — what the worker does first: ``notification_record_audience``, one
   ``INSERT … SELECT … ON CONFLICT DO NOTHING`` over the audience (every active ASN).
3. *send* — ``deliver_pending`` for that key: batches of 500 claimed with ``SKIP LOCKED``, one SMTP
   connection per batch, to an aiosmtpd sink (a separate process that accepts and discards), with
   one ``Delivery`` row per send.

The rows written are deleted afterwards (``--keep`` leaves them), so the benchmark database stays as
seeded. ``--send-limit N`` sends only the first N (``0``: record only).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import uuid

from .environment import bench_env, free_port


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the SMTP sink did not answer on port {port}")


def smtp_sink_start(port: int) -> subprocess.Popen:
    """aiosmtpd with its Sink handler (accepts every message, keeps none), in its own process."""
    process = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _wait_for_port(port)
    return process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.notifications", description=__doc__)
    parser.add_argument("--send-limit", type=int, default=None, help="send only this many (0: record only)")
    parser.add_argument("--keep", action="store_true", help="leave the notifications in the database")
    args = parser.parse_args(argv)
    os.environ.update(bench_env())
    import django

    django.setup()
    print(json.dumps(measure(send_limit=args.send_limit, keep=args.keep), indent=2))
    return 0


def measure(*, send_limit: int | None = None, keep: bool = False) -> dict:
    """The three steps against the configured database (Django set up with the bench settings);
    ``benchmarks.run`` can call this after its pages and put the result under ``"notifications"``."""
    from django.conf import settings
    from django.db import transaction
    from django.test.utils import override_settings
    from django_tasks_db.models import DBTaskResult

    from pamong.notifications import channels, delivery
    from pamong.notifications.models import Delivery, Notification
    from pamong.notifications.services import (
        audience_users,
        notification_broadcast,
        notification_record_audience,
    )

    key = f"bench:chapter_confirm:{uuid.uuid4().hex[:12]}"
    audience = {"page_id": 0}
    params = {"chapter": "Bab uji beban"}
    out: dict = {
        "database": settings.DATABASES["default"]["NAME"],
        "audience": "socialization.chapter_readers (every active ASN with an active login)",
        "audience_size": audience_users("socialization.chapter_readers", **audience).count(),
    }

    broadcast = {
        "kind": "chapter_confirm",
        "audience": "socialization.chapter_readers",
        "audience_args": audience,
        "key": key,
        "link": "/kebijakan/",
        "params": params,
    }

    # 1. the request: enqueue only
    started = time.perf_counter()
    with transaction.atomic():
        notification_broadcast(**broadcast)
    out["enqueue_s"] = round(time.perf_counter() - started, 4)
    task_rows = DBTaskResult.objects.filter(args_kwargs__kwargs__key=key)
    out["task_rows_enqueued"] = task_rows.count()
    task_rows.delete()  # the benchmark runs the steps itself, timed one by one

    # 2. the worker: one INSERT … SELECT
    def record() -> int:
        return notification_record_audience(**broadcast, subject_type_id=None, subject_id=None)

    started = time.perf_counter()
    created = record()
    out["record_s"] = round(time.perf_counter() - started, 3)
    out["recorded"] = created
    started = time.perf_counter()
    again = record()
    out["record_again_s"] = round(time.perf_counter() - started, 3)
    out["recorded_again"] = again  # idempotency: 0

    # 3. the worker: send
    if send_limit != 0:
        if send_limit:
            first = Notification.objects.filter(key=key).order_by("id").values("id")[:send_limit]
            Notification.objects.filter(key=key).exclude(id__in=first).update(
                email_state=Notification.Email.OFF
            )
        port = free_port()
        sink = smtp_sink_start(port)
        channels.outgoing_channels.cache_clear()
        smtp = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }
        try:
            started = time.perf_counter()
            with override_settings(**smtp):
                totals = delivery.deliver_pending(key=key)
            out["send_s"] = round(time.perf_counter() - started, 3)
        finally:
            sink.terminate()
            sink.wait(timeout=10)
        out["send_outcome"] = {str(state): count for state, count in totals.items()}  # "sent", not the enum
        sent = totals.get(Notification.Email.SENT, 0)
        out["sent_per_s"] = round(sent / out["send_s"], 1) if out["send_s"] else None
        out["batch_size"] = delivery.BATCH_SIZE

    if not keep:
        with transaction.atomic():
            ids = Notification.objects.filter(key=key).values("id")
            Delivery.objects.filter(notification_id__in=ids).delete()
            Notification.objects.filter(key=key).delete()
    return out


if __name__ == "__main__":
    sys.exit(main())
