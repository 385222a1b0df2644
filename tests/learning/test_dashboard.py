"""The learner dashboard /belajar/: progress, due dates, overdue marks, certificates, JP this year."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import rules, services
from learning.models import Enrolment
from learning.selectors import jp_for_year
from tests.factories.learning import lessons_of, make_course


def test_jp_minimum_is_the_regulation():
    assert rules.JP_ANNUAL_MINIMUM == 20  # PP 17/2020
    assert rules.JP_MINUTES == 45


def _complete(user, course, when=None):
    for lesson in lessons_of(course):
        services.lesson_mark_complete(user=user, lesson=lesson, now=when)


def test_dashboard_content(world, client_for):
    user = world.staff_a.user
    done = make_course(title="Etika Pelayanan", modules=1, lessons=1, jp=8)
    services.enrolment_self_create(user=user, course=done)
    _complete(user, done)
    last_year = make_course(title="Kursus Tahun Lalu", modules=1, lessons=1, jp=10)
    services.enrolment_self_create(user=user, course=last_year)
    _complete(user, last_year, when=timezone.now() - datetime.timedelta(days=400))
    overdue = make_course(title="Kursus Terlambat", modules=1, lessons=2)
    services.enrolment_assign_bulk(
        user=world.hr_a.user, course=overdue, due_date=timezone.localdate(), unit_id=world.staff_a.unit_id
    )
    Enrolment.objects.filter(course=overdue).update(
        due_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    services.lesson_mark_complete(user=user, lesson=lessons_of(overdue)[0])

    response = client_for(user).get(reverse("learning:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kursus Terlambat" in html and "Terlambat" in html
    assert 'max="100" value="50"></progress>' in html  # progress bar of the overdue course
    assert "Etika Pelayanan" in html
    assert "8 dari minimal 20 JP" in html  # last year's 10 JP do not count
    assert "Kurang 12 JP" in html
    assert jp_for_year(asn_id=world.staff_a.pk, year=timezone.localdate().year) == 8


@pytest.mark.parametrize("n", [2, 20])
def test_dashboard_query_count(world, client_for, n, django_assert_max_num_queries):
    user = world.staff_a.user
    for i in range(n):
        course = make_course(modules=1, lessons=1)
        services.enrolment_self_create(user=user, course=course)
        if i % 2:
            _complete(user, course)
    client = client_for(user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "role", ["anonymous", "asn", "atasan", "hr_same", "hr_other", "bkpsdm", "humas", "admin"]
)
def test_dashboard_per_role(world, client_for, role):
    response = client_for(world.users()[role]).get(reverse("learning:dashboard"))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in {"humas", "admin"}:  # no ASN profile: nothing to learn here
        assert response.status_code == 403
    else:
        assert response.status_code == 200


def test_dashboard_shows_only_own_enrolments(world, client_for):
    course = make_course(title="Milik Staf Dua")
    services.enrolment_self_create(user=world.staff_a2.user, course=course)
    html = client_for(world.staff_a.user).get(reverse("learning:dashboard")).content.decode()
    assert "Milik Staf Dua" not in html
