"""/saya/notifikasi/: the bell, the inbox, marking read (POST), preferences per kind."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.notifications.kinds import DIGEST, OFF
from pamong.notifications.models import Notification, Preference
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


def notify(user, n=1, *, link="/kompetensi/"):
    return Notification.objects.bulk_create(
        Notification(recipient=user, kind="devplan_approved", key=f"k{i}", link=link, params={"year": 2026})
        for i in range(n)
    )


def test_bell_shows_the_unread_count_on_every_page(client_for):
    user = UserFactory()
    notify(user, 3)
    page = client_for(user).get("/pelatihan/").content.decode()
    assert 'data-unread="3"' in page
    assert "Notifikasi, 3 belum dibaca" in page


def test_bell_costs_one_query_then_none_and_anonymous_none(client_for):
    user = UserFactory()
    notify(user, 2)
    client = client_for(user)
    for expected in (1, 0):  # counted once, then from the shared cache (bell.py)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("people:account"))
        bell_queries = [q for q in ctx.captured_queries if "notifications_notification" in q["sql"]]
        assert len(bell_queries) == expected
    anonymous = client_for(None).get("/pelatihan/").content.decode()
    assert "data-unread" not in anonymous


@pytest.mark.parametrize("size", [3, 60])
def test_inbox_lists_own_notifications_in_a_fixed_number_of_queries(
    size, client_for, django_assert_max_num_queries
):
    user, other = UserFactory(), UserFactory()
    notify(user, size)
    notify(other, 1, link="/rahasia/")
    client = client_for(user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="card notification notification-unread"') == min(size, 25)
    assert "/rahasia/" not in body


def test_open_marks_read_and_goes_to_the_link(client_for):
    user = UserFactory()
    (notification,) = notify(user)
    response = client_for(user).post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/kompetensi/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_not_found(client_for):
    owner, intruder = UserFactory(), UserFactory()
    (notification,) = notify(owner)
    client = client_for(intruder)
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notifications:mark_read", args=[notification.pk])).status_code == 404
    client.post(reverse("notifications:mark_all_read"))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_one_and_all_read_are_posts(client_for):
    user = UserFactory()
    first, *_rest = notify(user, 3)
    client = client_for(user)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 2
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "2 notifikasi ditandai sudah dibaca." in response.content.decode()
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    # twice is harmless: nothing left to mark
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "0 notifikasi ditandai sudah dibaca." in response.content.decode()


def test_preferences_saved_and_locked_kinds_stay_on(client_for):
    user = UserFactory()
    client = client_for(user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Wajib: selalu dikirim segera." in page
    response = client.post(
        reverse("notifications:preferences"),
        {"devplan_approved": OFF, "course_assigned": DIGEST, "result_finalised": OFF},
    )
    assert response.status_code == 302
    assert dict(Preference.objects.filter(user=user).values_list("kind", "mode")) == {
        "devplan_approved": OFF,
        "course_assigned": DIGEST,
    }


def test_bad_preference_is_refused_whole(client_for):
    user = UserFactory()
    response = client_for(user).post(
        reverse("notifications:preferences"), {"devplan_approved": OFF, "course_assigned": "kadang"}
    )
    assert response.status_code == 200
    assert "Preferensi belum disimpan" in response.content.decode()
    assert not Preference.objects.filter(user=user).exists()
