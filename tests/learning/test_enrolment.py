"""Self-enrolment with prerequisites, and HR bulk assignment in one set-based write."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import Enrolment, Statement
from learning.rules import EnrolmentPolicy
from tests.factories.learning import lessons_of, make_course
from tests.factories.people import ASNFactory


def _finish(user, course):
    enrolment = services.enrolment_self_create(user=user, course=course)
    for lesson in lessons_of(course):
        services.lesson_mark_complete(user=user, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    return enrolment


def test_self_enrol_open_course(world, client_for):
    course = make_course()
    response = client_for(world.staff_a.user).post(reverse("learning:enrol", args=[course.pk]))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(asn=world.staff_a, course=course)
    assert enrolment.source == Enrolment.Source.SELF
    assert Statement.objects.filter(enrolment=enrolment, verb__endswith="/registered").count() == 1
    # enrolling again changes nothing
    client_for(world.staff_a.user).post(reverse("learning:enrol", args=[course.pk]))
    assert Enrolment.objects.filter(asn=world.staff_a).count() == 1
    assert Statement.objects.filter(enrolment=enrolment).count() == 1


def test_prerequisites_are_enforced_with_the_missing_course_named(world, client_for):
    basic = make_course(title="Dasar-Dasar Kinerja", modules=1, lessons=1)
    other = make_course(title="Etika ASN", modules=1, lessons=1)
    advanced = make_course(title="Kinerja Lanjutan", prerequisites=(basic, other))
    client = client_for(world.staff_a.user)
    response = client.post(reverse("learning:enrol", args=[advanced.pk]), follow=True)
    html = response.content.decode()
    assert "Selesaikan dulu pelatihan prasyarat" in html
    assert "Dasar-Dasar Kinerja" in html and "Etika ASN" in html
    assert not Enrolment.objects.filter(course=advanced).exists()

    _finish(world.staff_a.user, basic)
    with pytest.raises(services.LearningError) as error:
        services.enrolment_self_create(user=world.staff_a.user, course=advanced)
    assert "Etika ASN" in str(error.value) and "Dasar-Dasar" not in str(error.value)

    _finish(world.staff_a.user, other)
    assert services.enrolment_self_create(user=world.staff_a.user, course=advanced).pk


def test_assignment_only_course_refuses_self_enrolment(world, client_for):
    course = make_course(title="Diklat Wajib", policy=EnrolmentPolicy.ASSIGNMENT)
    html = client_for(world.staff_a.user).post(reverse("learning:enrol", args=[course.pk]), follow=True)
    assert "hanya dapat diikuti melalui penugasan" in html.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    "role", ["anonymous", "asn", "atasan", "hr_same", "hr_other", "bkpsdm", "humas", "admin"]
)
def test_enrol_view_per_role(world, client_for, role):
    course = make_course()
    response = client_for(world.users()[role]).post(reverse("learning:enrol", args=[course.pk]))
    if role == "anonymous":
        assert response.status_code == 302 and "/masuk/" in response["Location"]
    elif role in {"humas", "admin"}:  # no ASN profile
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        assert Enrolment.objects.filter(asn__user=world.users()[role]).count() == 1


def _due():
    return timezone.localdate() + datetime.timedelta(days=30)


@pytest.mark.parametrize("extra", [3, 40])
def test_bulk_assignment_is_one_set_based_write(world, extra, django_assert_max_num_queries):
    course = make_course(policy=EnrolmentPolicy.ASSIGNMENT)
    for _ in range(extra):
        ASNFactory(jabatan=world.staff_a.jabatan)
    expected = world.instansi_a.asn_set.filter(is_active=True).count()
    # Queries: scope (3) + two INSERT … SELECT (+ savepoint), independent of the number of ASN.
    with django_assert_max_num_queries(7):
        created = services.enrolment_assign_bulk(
            user=world.hr_a.user, course=course, due_date=_due(), instansi_id=world.instansi_a.pk
        )
    assert created == expected
    enrolments = Enrolment.objects.filter(course=course)
    assert enrolments.count() == expected
    assert set(enrolments.values_list("source", flat=True)) == {"assigned"}
    assert set(enrolments.values_list("due_date", flat=True)) == {_due()}
    assert not enrolments.exclude(asn__instansi=world.instansi_a).exists()
    assert (
        Statement.objects.filter(enrolment__course=course, verb__endswith="/registered").count() == expected
    )


def test_bulk_assignment_keeps_existing_enrolments(world):
    course = make_course()
    own = services.enrolment_self_create(user=world.staff_a.user, course=course)
    created = services.enrolment_assign_bulk(
        user=world.hr_a.user, course=course, due_date=_due(), jabatan_id=world.staff_a.jabatan_id
    )
    assert created == 1  # staff_a2 only
    own.refresh_from_db()
    assert own.source == "self" and own.due_date is None
    again = services.enrolment_assign_bulk(
        user=world.hr_a.user, course=course, due_date=_due(), jabatan_id=world.staff_a.jabatan_id
    )
    assert again == 0
    assert Statement.objects.filter(enrolment__course=course).count() == 2


def test_bulk_assignment_by_unit(world):
    course = make_course()
    created = services.enrolment_assign_bulk(
        user=world.bkpsdm.user, course=course, due_date=_due(), unit_id=world.staff_b.unit_id
    )
    assert created == world.staff_b.unit.asn_set.count()
    assert Enrolment.objects.filter(asn=world.staff_b).exists()


def test_bulk_assignment_outside_scope_is_refused(world):
    course = make_course()
    for target in ({"instansi_id": world.instansi_b.pk}, {"unit_id": world.staff_b.unit_id}):
        with pytest.raises(services.LearningError):
            services.enrolment_assign_bulk(user=world.hr_a.user, course=course, due_date=_due(), **target)
    assert not Enrolment.objects.exists()


def test_bulk_assignment_validates_first(world):
    course = make_course()
    with pytest.raises(services.LearningError):
        services.enrolment_assign_bulk(
            user=world.hr_a.user,
            course=course,
            due_date=timezone.localdate() - datetime.timedelta(days=1),
            instansi_id=world.instansi_a.pk,
        )
    with pytest.raises(services.LearningError):
        services.enrolment_assign_bulk(
            user=world.hr_a.user,
            course=course,
            due_date=_due(),
            instansi_id=world.instansi_a.pk,
            unit_id=world.staff_a.unit_id,
        )
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    "role", ["anonymous", "asn", "atasan", "hr_same", "hr_other", "bkpsdm", "humas", "admin"]
)
def test_assignment_view_per_role(world, client_for, role):
    course = make_course(title="Pelayanan Publik Prima")
    client = client_for(world.users()[role])
    response = client.get(reverse("learning:assign"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    if role not in {"hr_same", "hr_other", "bkpsdm", "admin"}:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Dinas Lingkungan Hidup" in html) is (role != "hr_same")
    post = client.post(
        reverse("learning:assign"),
        {"course": course.pk, "instansi": world.instansi_a.pk, "due_date": _due().isoformat()},
        follow=True,
    )
    assigned = Enrolment.objects.filter(course=course).count()
    if role == "hr_other":
        assert assigned == 0  # instansi A is not a choice for HR of B
        assert 'id="id_instansi_error"' in post.content.decode()
    else:
        assert assigned == world.instansi_a.asn_set.count()
        assert "ditugaskan kepada" in post.content.decode()


@pytest.mark.parametrize("n", [2, 25])
def test_assignment_page_query_count(world, client_for, n, django_assert_max_num_queries):
    for i in range(n):
        course = make_course(modules=1, lessons=1)
        services.enrolment_assign_bulk(
            user=world.hr_a.user,
            course=course,
            due_date=_due() + datetime.timedelta(days=i),
            instansi_id=world.instansi_a.pk,
        )
    client = client_for(world.hr_a.user)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("learning:assign"))
    assert response.status_code == 200


def test_province_wide_hr_picks_the_instansi_whose_units_and_jabatan_are_offered(world, client_for):
    """BKPSDM's form lists no unit or jabatan until an instansi is chosen (the province has thousands),
    then that instansi's only; assigning to one of them works, another instansi's is refused."""
    course = make_course(title="Pelayanan Publik Prima")
    client = client_for(world.bkpsdm.user)
    url = reverse("learning:assign")
    html = client.get(url).content.decode()
    unit_select = html.split('name="unit"', 1)[1].split("</select>", 1)[0]
    assert unit_select.count("<option") == 1  # the empty choice only
    assert "Pilih instansi di bagian atas halaman" in html
    assert world.staff_a.unit.name not in html and world.staff_b.unit.name not in html

    html = client.get(url, {"instansi": world.instansi_a.pk}).content.decode()
    assert world.staff_a.unit.name in html and world.staff_b.unit.name not in html
    assert world.staff_a.jabatan.name in html and world.staff_b.jabatan.name not in html
    # an instansi that is not a choice (or not a number) offers none, as before choosing
    for bad in ("999999", "x"):
        assert world.staff_a.unit.name not in client.get(url, {"instansi": bad}).content.decode()

    chosen = f"{url}?instansi={world.instansi_a.pk}"
    refused = client.post(
        chosen, {"course": course.pk, "unit": world.staff_b.unit_id, "due_date": _due().isoformat()}
    )
    assert refused.status_code == 200 and 'id="id_unit_error"' in refused.content.decode()
    assert not Enrolment.objects.exists()
    done = client.post(
        chosen, {"course": course.pk, "unit": world.staff_a.unit_id, "due_date": _due().isoformat()}
    )
    assert done.status_code == 302 and done["Location"] == chosen
    assert Enrolment.objects.filter(course=course, asn=world.staff_a).exists()
    assert not Enrolment.objects.filter(course=course, asn__instansi=world.instansi_b).exists()


def test_instansi_hr_sees_its_own_units_without_choosing(world, client_for):
    html = client_for(world.hr_a.user).get(reverse("learning:assign")).content.decode()
    assert world.staff_a.unit.name in html and world.staff_b.unit.name not in html
    assert 'name="instansi" id="instansi"' not in html and 'id="instansi"' not in html  # no chooser
