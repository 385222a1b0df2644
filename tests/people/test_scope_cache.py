"""The scope row of each person is kept in the shared cache (access.py) and follows every change of
an ASN record or a role group at once; the navigation is the person's own after any other's."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.people.access import scope_for, scopes_changed
from pamong.people.models import ASN
from pamong.people.roles import GROUP_HR_INSTANSI, GROUP_HUMAS_EDITOR
from tests.factories.people import ASNFactory, JabatanFactory

pytestmark = pytest.mark.django_db

HR_LINK = 'href="/hr/dasbor/"'
PEOPLE_LINK = 'href="/pegawai/"'
ADMIN_LINK = '<a href="/admin/">'


def fresh(user):
    """The user as a new request loads them (no scope remembered on the object)."""
    return get_user_model().objects.get(pk=user.pk)


def scope_queries(client, path="/akun/") -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return sum("auth_user_groups" in q["sql"] and "EXISTS" in q["sql"] for q in ctx.captured_queries)


def test_scope_is_read_once_then_served_from_the_cache(world, client_for):
    client = client_for(world.hr_a.user)
    assert scope_queries(client) == 1
    assert scope_queries(client) == 0
    assert scope_for(fresh(world.hr_a.user)).is_hr_instansi


def test_a_role_group_added_or_removed_shows_on_the_next_page(world, client_for):
    user = world.staff_a.user
    client = client_for(user)
    assert HR_LINK not in client.get("/akun/").content.decode()
    assert not scope_for(fresh(user)).is_hr
    user.groups.add(Group.objects.get(name=GROUP_HR_INSTANSI))
    assert HR_LINK in client.get("/akun/").content.decode()
    assert scope_for(fresh(user)).hr_instansi_ids() == {world.instansi_a.pk}
    user.groups.remove(Group.objects.get(name=GROUP_HR_INSTANSI))
    assert HR_LINK not in client.get("/akun/").content.decode()
    assert scope_for(fresh(user)).hr_instansi_ids() == set()


def test_a_group_emptied_from_its_side_shows_at_once(world, client_for):
    client = client_for(world.humas_editor)
    assert ADMIN_LINK in client.get("/akun/").content.decode()
    Group.objects.get(name=GROUP_HUMAS_EDITOR).user_set.clear()
    assert ADMIN_LINK not in client.get("/akun/").content.decode()
    assert not scope_for(fresh(world.humas_editor)).is_humas


def test_a_new_report_makes_an_atasan_and_a_moved_one_unmakes_them(world, client_for):
    boss = world.staff_b
    client = client_for(boss.user)
    assert PEOPLE_LINK not in client.get("/akun/").content.decode()
    report = ASNFactory(jabatan=JabatanFactory(unit=boss.unit), atasan=boss)
    assert PEOPLE_LINK in client.get("/akun/").content.decode()
    assert scope_for(fresh(boss.user)).is_atasan
    report.atasan = None
    report.save()
    assert PEOPLE_LINK not in client.get("/akun/").content.decode()
    assert not scope_for(fresh(boss.user)).is_atasan


def test_an_asn_moved_to_another_instansi_gets_that_scope(world):
    hr = world.hr_a
    assert scope_for(fresh(hr.user)).hr_instansi_ids() == {world.instansi_a.pk}
    hr.instansi = world.instansi_b
    hr.save()
    assert scope_for(fresh(hr.user)).hr_instansi_ids() == {world.instansi_b.pk}


def test_a_set_based_write_calls_scopes_changed(world):
    """``update()`` sends no signal: the writers that use it (the SIASN pull, the importer) call
    :func:`scopes_changed`, without which the cached row would stay."""
    assert scope_for(fresh(world.atasan_a.user)).is_atasan
    ASN.objects.filter(atasan=world.atasan_a).update(is_active=False)
    assert scope_for(fresh(world.atasan_a.user)).is_atasan  # still the cached row
    scopes_changed()
    assert not scope_for(fresh(world.atasan_a.user)).is_atasan


def test_two_people_of_different_roles_get_their_own_navigation(world, client_for):
    hr, staff = client_for(world.hr_a.user), client_for(world.staff_a.user)
    for _ in range(2):
        hr_page = hr.get("/akun/").content.decode()
        staff_page = staff.get("/akun/").content.decode()
        assert HR_LINK in hr_page and PEOPLE_LINK in hr_page and ADMIN_LINK in hr_page
        assert HR_LINK not in staff_page and PEOPLE_LINK not in staff_page and ADMIN_LINK not in staff_page
        assert 'href="/kinerja/"' in staff_page
    anonymous = client_for(None).get(reverse("login")).content.decode()
    assert 'href="/belajar/"' not in anonymous and 'href="/kebijakan/"' in anonymous
