"""Background tasks (django-tasks, the ``background`` backend: the database; run by
``manage.py db_worker --backend background``).

Arguments are JSON: ids and names, never model instances. Every task is safe to run twice: the
notifications are unique per (recipient, key) and only ``pending`` rows are sent.
"""

from django_tasks import task

from .delivery import deliver_pending, send_digests
from .services import notification_record_audience


@task(backend="background")
def deliver_notifications(*, key: str | None = None) -> dict:
    """Send the pending notifications of one event (``key``), or all of them."""
    return dict(deliver_pending(key=key))


@task(backend="background")
def broadcast_notifications(**arguments) -> dict:
    """Record a notification for a whole audience set-based, then send them. ``arguments`` are
    those of :func:`~.services.notification_record_audience`, as JSON."""
    created = notification_record_audience(**arguments)
    return {"created": created, **deliver_pending(key=arguments["key"])}


@task(backend="background")
def send_notification_digests() -> dict:
    """The daily digest (the scheduler enqueues it once a day, see README)."""
    return dict(send_digests())
