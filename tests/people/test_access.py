"""The access module: who sees which ASN, and how denials look."""

import pytest

from pamong.people.access import asn_scope_q, can_evaluate, can_manage_instansi, scope_for, visible_asn
from pamong.people.models import ASN

pytestmark = pytest.mark.django_db


def visible_names(user):
    return set(visible_asn(user).values_list("name", flat=True))


def test_asn_sees_only_self(world):
    assert visible_names(world.staff_a.user) == {"Staf A"}


def test_atasan_sees_self_and_direct_reports(world):
    assert visible_names(world.atasan_a.user) == {"Atasan A", "Staf A", "Staf A Dua"}


def test_atasan_of_atasan_sees_two_levels(world):
    assert visible_names(world.kepala_a.user) == {"Kepala A", "Atasan A", "Staf A", "Staf A Dua"}


def test_hr_instansi_sees_own_instansi_only(world):
    names = visible_names(world.hr_a.user)
    assert "Staf A" in names and "HR A" in names
    assert "Staf B" not in names and "HR B" not in names
    assert set(visible_asn(world.hr_a.user).values_list("instansi__code", flat=True)) == {"DINKES"}


def test_bkpsdm_and_admin_see_everyone(world):
    total = ASN.objects.count()
    assert visible_asn(world.bkpsdm.user).count() == total
    assert visible_asn(world.admin).count() == total


def test_humas_without_asn_sees_nobody(world):
    assert visible_asn(world.humas_editor).count() == 0


def test_anonymous_sees_nobody(world):
    from django.contrib.auth.models import AnonymousUser

    assert visible_asn(AnonymousUser()).count() == 0


def test_scope_roles(world):
    assert scope_for(world.staff_a.user).roles == ["asn"]
    assert scope_for(world.atasan_a.user).roles == ["asn", "atasan"]
    assert scope_for(world.hr_a.user).roles == ["asn", "hr_instansi"]
    assert scope_for(world.bkpsdm.user).roles == ["asn", "hr_provinsi"]
    assert scope_for(world.humas_editor).roles == ["humas"]
    assert scope_for(world.admin).roles == ["admin"]


def test_scope_is_computed_once_per_user_object(world, django_assert_num_queries):
    user = world.atasan_a.user
    scope_for(user)
    with django_assert_num_queries(0):
        scope_for(user)


def test_only_the_direct_atasan_evaluates(world):
    assert can_evaluate(world.atasan_a.user, world.staff_a)
    assert not can_evaluate(world.kepala_a.user, world.staff_a)
    assert not can_evaluate(world.staff_a2.user, world.staff_a)
    assert not can_evaluate(world.hr_a.user, world.staff_a)
    assert can_evaluate(world.admin, world.staff_a)


def test_can_manage_instansi(world):
    a, b = world.instansi_a.pk, world.instansi_b.pk
    assert can_manage_instansi(world.hr_a.user, a) and not can_manage_instansi(world.hr_a.user, b)
    assert can_manage_instansi(world.bkpsdm.user, b)
    assert not can_manage_instansi(world.atasan_a.user, a)


def test_scope_q_works_through_a_relation(world):
    """Other apps filter their rows through the ASN relation with the same rule."""
    from django.contrib.auth import get_user_model

    q = asn_scope_q(world.atasan_a.user, prefix="asn__")
    users = get_user_model().objects.filter(q).values_list("asn__name", flat=True)
    assert set(users) == {"Atasan A", "Staf A", "Staf A Dua"}


def test_scope_costs_one_query(world, django_assert_num_queries):
    from django.contrib.auth import get_user_model

    for person in (world.atasan_a, world.hr_a, world.bkpsdm, world.staff_b):
        user = get_user_model().objects.get(pk=person.user_id)
        with django_assert_num_queries(1):
            scope_for(user)
