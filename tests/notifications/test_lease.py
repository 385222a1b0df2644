"""A batch of emails left ``sending`` by a killed worker: it belongs to that worker for its lease
(``PAMONG_NOTIFICATION_SENDING_LEASE_SECONDS``), during which no other run sends it; after the lease
the next regular delivery run (whatever its key) sends it, once. The daily digest no longer has to
come first."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from pamong.notifications import delivery
from pamong.notifications.delivery import deliver_pending, send_digests, sending_lease
from pamong.notifications.models import Delivery, Notification
from pamong.notifications.services import notification_send
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db

State = Notification.Email


def record(capture, *, key: str, users) -> None:
    """A notification recorded in a request; its delivery task is not run (the worker's job)."""
    with capture(execute=False):
        notification_send(
            kind="devplan_approved", recipients=users, key=key, link="/kompetensi/", params={"year": 2026}
        )


def killed_worker_claims(key: str) -> list[int]:
    """A worker claims the batch of ``key`` and dies before sending it (nothing after the claim runs)."""
    ids, _claimed_at = delivery._claim(key=key, batch_size=delivery.BATCH_SIZE)
    return ids


def test_the_lease_defaults_to_ten_minutes():
    assert sending_lease() == datetime.timedelta(minutes=10)


def test_a_batch_left_sending_is_untouched_within_its_lease_and_sent_once_by_the_next_run_after_it(
    django_capture_on_commit_callbacks,
):
    users = [UserFactory(email=f"asn{i}@example.test") for i in range(3)]
    record(django_capture_on_commit_callbacks, key="lost", users=users)
    # created long ago (its task waited in the queue), claimed just now: the claim time counts
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    assert len(killed_worker_claims("lost")) == 3
    claimed = dict(Notification.objects.values_list("pk", "email_claimed_at"))
    assert set(Notification.objects.values_list("email_state", flat=True)) == {State.SENDING}

    # Within the lease (the first worker might be alive and sending): no run takes the batch.
    other = UserFactory(email="other@example.test")
    record(django_capture_on_commit_callbacks, key="next", users=[other])
    assert +deliver_pending(key="next") == {State.SENT: 1}
    assert +deliver_pending() == {}
    assert send_digests()["digests"] == 0
    assert [m.to for m in mail.outbox] == [["other@example.test"]]
    lost = Notification.objects.filter(key="lost")
    assert dict(lost.values_list("pk", "email_claimed_at")) == claimed
    assert set(lost.values_list("email_state", flat=True)) == {State.SENDING}

    # The lease has run out (the clock moved on past the claim): the next regular run, for another
    # event's key, sends the batch first, once.
    lost.update(email_claimed_at=timezone.now() - sending_lease() - datetime.timedelta(seconds=1))
    record(django_capture_on_commit_callbacks, key="later", users=[other])
    assert +deliver_pending(key="later") == {State.SENT: 4}
    assert set(lost.values_list("email_state", flat=True)) == {State.SENT}
    assert sorted(m.to[0] for m in mail.outbox[1:]) == sorted([u.email for u in users] + [other.email])
    assert Delivery.objects.filter(notification__key="lost", status="sent").count() == 3
    assert +deliver_pending() == {} and send_digests()["digests"] == 0  # nothing twice
    assert len(mail.outbox) == 5


def test_the_daily_digest_also_sends_a_batch_whose_lease_ran_out(django_capture_on_commit_callbacks):
    user = UserFactory(email="asn@example.test")
    record(django_capture_on_commit_callbacks, key="lost", users=[user])
    killed_worker_claims("lost")
    Notification.objects.update(
        email_claimed_at=timezone.now() - sending_lease() - datetime.timedelta(seconds=1)
    )
    assert send_digests()[State.SENT] == 1
    assert Notification.objects.get().email_state == State.SENT and len(mail.outbox) == 1


def test_a_batch_claimed_before_claims_were_stamped_falls_back_to_its_creation(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="asn@example.test")
    record(django_capture_on_commit_callbacks, key="old", users=[user])
    Notification.objects.update(email_state=State.SENDING, email_claimed_at=None)
    assert +deliver_pending() == {}  # created just now: within the lease
    Notification.objects.update(created_at=timezone.now() - sending_lease() - datetime.timedelta(seconds=1))
    assert +deliver_pending() == {State.SENT: 1} and len(mail.outbox) == 1
