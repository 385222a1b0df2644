"""The notification service: once per key, preferences per kind, email with its records, channels."""

import pytest
from django.core import mail
from django.test import override_settings

from pamong.notifications import channels
from pamong.notifications.delivery import send_digests
from pamong.notifications.kinds import DIGEST, IMMEDIATE, KINDS, OFF
from pamong.notifications.models import Delivery, Notification, Preference
from pamong.notifications.selectors import BELL_CAP, unread_count
from pamong.notifications.services import notification_send, preference_set
from tests.factories.people import UserFactory
from tests.notifications.backends import REFUSED, SmsChannel

pytestmark = pytest.mark.django_db


def send(capture, **kwargs) -> int:
    defaults = {"kind": "devplan_approved", "key": "k:1", "link": "/kompetensi/", "params": {"year": 2026}}
    with capture(execute=True):
        return notification_send(**{**defaults, **kwargs})


def test_recorded_once_per_key_and_emailed_once(django_capture_on_commit_callbacks):
    user = UserFactory(email="asn@example.test")
    assert send(django_capture_on_commit_callbacks, recipients=[user]) == 1
    assert send(django_capture_on_commit_callbacks, recipients=[user, None]) == 0
    assert Notification.objects.filter(recipient=user).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Pamong] Rencana pengembangan 2026 Anda disetujui"
    assert "http://testserver/kompetensi/" in message.body
    html = message.alternatives[0]
    assert html[1] == "text/html" and 'href="http://testserver/kompetensi/"' in html[0]
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.address, delivery.status, delivery.error) == (
        "email",
        "asn@example.test",
        "sent",
        "",
    )
    assert Notification.objects.get().email_state == Notification.Email.SENT


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/", "kompetensi/"])
def test_link_is_a_path_on_this_site(link, django_capture_on_commit_callbacks):
    with pytest.raises(ValueError):
        send(django_capture_on_commit_callbacks, recipients=[UserFactory()], link=link)
    assert not Notification.objects.exists()


def test_unknown_kind_is_refused(django_capture_on_commit_callbacks):
    with pytest.raises(ValueError):
        send(django_capture_on_commit_callbacks, recipients=[UserFactory()], kind="tidak_ada")


def test_rolled_back_caller_leaves_nothing(django_capture_on_commit_callbacks):
    from django.db import transaction

    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        notification_send(kind="devplan_approved", recipients=[user], key="k", link="/", params={"year": 1})
        raise RuntimeError("the caller's change failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_preference_off_keeps_the_inbox_but_sends_no_email(django_capture_on_commit_callbacks):
    user = UserFactory()
    preference_set(user=user, modes={"devplan_approved": OFF})
    send(django_capture_on_commit_callbacks, recipients=[user])
    assert Notification.objects.get(recipient=user).email_state == Notification.Email.OFF
    assert mail.outbox == []
    assert unread_count(user=user) == 1


def test_locked_kind_cannot_be_switched_off(django_capture_on_commit_callbacks):
    user = UserFactory()
    preference_set(user=user, modes={"result_finalised": OFF, "objection_decided": DIGEST})
    assert not Preference.objects.filter(user=user).exists()
    # even a row written behind the service's back is ignored for a locked kind
    Preference.objects.create(user=user, kind="reward_sanction", mode=OFF)
    send(
        django_capture_on_commit_callbacks,
        recipients=[user],
        kind="reward_sanction",
        params={"action": "Piagam"},
    )
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert all(KINDS[code].default_mode == IMMEDIATE for code in ("result_finalised", "reward_sanction"))


def test_digest_collects_a_day_into_one_email(django_capture_on_commit_callbacks):
    user = UserFactory()
    preference_set(user=user, modes={"devplan_approved": DIGEST, "devplan_returned": DIGEST})
    send(django_capture_on_commit_callbacks, recipients=[user], key="a")
    send(django_capture_on_commit_callbacks, recipients=[user], key="b", kind="devplan_returned")
    assert mail.outbox == []
    totals = send_digests()
    assert totals["digests"] == 1
    assert len(mail.outbox) == 1
    assert "Ringkasan harian: 2 notifikasi" in mail.outbox[0].subject
    assert set(Notification.objects.values_list("email_state", flat=True)) == {"sent"}
    assert Delivery.objects.get().is_digest
    assert send_digests()["digests"] == 0  # nothing twice


@override_settings(EMAIL_BACKEND="tests.notifications.backends.RefusingBackend")
def test_a_refused_address_never_stops_the_others(django_capture_on_commit_callbacks):
    first, refused, last = UserFactory(), UserFactory(email=REFUSED), UserFactory()
    send(django_capture_on_commit_callbacks, recipients=[first, refused, last])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, last.email])
    failed = Delivery.objects.get(status="failed")
    assert failed.address == REFUSED and "SMTPRecipientsRefused" in failed.error
    assert Delivery.objects.filter(status="sent").count() == 2
    assert Notification.objects.get(recipient=refused).email_state == Notification.Email.FAILED


def test_no_address_is_recorded_as_such(django_capture_on_commit_callbacks):
    user = UserFactory(email="")
    send(django_capture_on_commit_callbacks, recipients=[user])
    assert Notification.objects.get().email_state == Notification.Email.NO_ADDRESS
    assert mail.outbox == []


def test_another_channel_plugs_in_without_touching_the_apps(settings, django_capture_on_commit_callbacks):
    settings.PAMONG_NOTIFICATION_CHANNELS = [
        "pamong.notifications.channels.EmailChannel",
        "tests.notifications.backends.SmsChannel",
    ]
    channels.outgoing_channels.cache_clear()
    SmsChannel.sent.clear()
    try:
        texted, mailed = UserFactory(username="sms.asn"), UserFactory(username="email.asn")
        send(django_capture_on_commit_callbacks, recipients=[texted, mailed])
    finally:
        channels.outgoing_channels.cache_clear()
    assert SmsChannel.sent == [("+62811000" + str(texted.pk), ["Rencana pengembangan 2026 Anda disetujui"])]
    assert sorted(Delivery.objects.values_list("channel", "recipient_id")) == sorted(
        [("email", texted.pk), ("email", mailed.pk), ("sms", texted.pk)]
    )


def test_bell_count_is_one_bounded_query(django_assert_num_queries):
    user = UserFactory()
    Notification.objects.bulk_create(
        Notification(recipient=user, kind="devplan_approved", key=f"k{i}", link="/")
        for i in range(BELL_CAP + 5)
    )
    with django_assert_num_queries(1):
        assert unread_count(user=user) == BELL_CAP


def test_digest_command_sends_through_the_queue(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    user = UserFactory()
    preference_set(user=user, modes={"devplan_approved": DIGEST})
    send(django_capture_on_commit_callbacks, recipients=[user])
    call_command("send_notification_digest")  # the test settings run tasks at once
    assert [m.to for m in mail.outbox] == [[user.email]]
