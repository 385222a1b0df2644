"""The bell's unread count is kept in the shared cache (bell.py) and follows every notification
recorded, read or deleted, by the services, a broadcast or the ORM; it is each person's own."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.notifications import services
from pamong.notifications.models import Notification
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


@services.audience_register("tests.bell_users")
def _listed_users(*, user_ids):
    return get_user_model().objects.filter(pk__in=user_ids)


def bell(client) -> tuple[str, int]:
    """The bell's ``data-unread`` on a page and the count queries that page ran."""
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("people:account")).content.decode()
    count = page.split('data-unread="', 1)[1].split('"', 1)[0]
    return count, sum("notifications_notification" in q["sql"] for q in ctx.captured_queries)


def send(user, key):
    return services.notification_send(
        kind="devplan_approved", recipients=[user], key=key, link="/kompetensi/"
    )


def test_count_is_served_from_the_cache_until_a_notification_is_sent(client_for):
    user = UserFactory()
    client = client_for(user)
    assert bell(client) == ("0", 1)
    assert bell(client) == ("0", 0)
    send(user, "a")
    assert bell(client) == ("1", 1)
    assert bell(client) == ("1", 0)


def test_reading_one_or_all_lowers_the_count_at_once(client_for):
    user = UserFactory()
    for key in "abc":
        send(user, key)
    client = client_for(user)
    assert bell(client)[0] == "3"
    first = Notification.objects.filter(recipient=user).order_by("pk").first()
    client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert bell(client)[0] == "2"
    client.post(reverse("notifications:mark_all_read"))
    assert bell(client)[0] == "0"


def test_a_broadcast_and_orm_writes_show_at_once(client_for):
    user = UserFactory()
    client = client_for(user)
    assert bell(client)[0] == "0"
    services.notification_record_audience(
        kind="devplan_approved",
        audience="tests.bell_users",
        audience_args={"user_ids": [user.pk]},
        key="broadcast",
        link="/kompetensi/",
        params={},
        subject_type_id=None,
        subject_id=None,
    )
    assert bell(client)[0] == "1"
    extra = Notification.objects.create(
        recipient=user, kind="devplan_approved", key="orm", link="/kompetensi/"
    )
    assert bell(client)[0] == "2"
    extra.delete()
    assert bell(client)[0] == "1"


def test_each_person_sees_their_own_count(client_for):
    one, two = UserFactory(), UserFactory()
    send(one, "a")
    first, second = client_for(one), client_for(two)
    for _ in range(2):
        assert bell(first)[0] == "1"
        assert bell(second)[0] == "0"
    send(two, "b")
    send(two, "c")
    assert bell(second)[0] == "2"
    assert bell(first)[0] == "1"
