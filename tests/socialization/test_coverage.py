"""Coverage report: figures on a fixture with known counts, scope per role, CSV, flat query count."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from pamong.hr.figures import figures_refresh
from pamong.socialization.models import PolicyPage
from pamong.socialization.selectors import coverage_report
from pamong.socialization.services import acknowledgement_record
from tests.factories import socialization as f
from tests.factories.people import ASNFactory, JabatanFactory, UnitKerjaFactory, UserFactory

URL = "/admin/sosialisasi/cakupan/"


def _ack(asn, *pages):
    for page in pages:
        acknowledgement_record(user=asn.user, page=page)


@pytest.fixture
def known(world, section):
    """DINKES/YANKES: 5 active ASN; DLH/SAMPAH: 2 active ASN; BKPSDM/KINERJA: 1. Three live chapters."""
    c1, c2, c3 = (PolicyPage.objects.get(pk=p.pk) for p in section.chapters)
    f.chapter(index=section, title="Bab draf", slug="bab-draf", live=False)  # never counts
    _ack(world.atasan_a, c1, c2, c3)
    _ack(world.staff_a2, c1)
    inactive = ASNFactory(jabatan=world.staff_a.jabatan, is_active=False)
    _ack(inactive, c1, c2, c3)
    # Chapter 2 is republished with "minta konfirmasi ulang": atasan_a's confirmation of it lapses.
    draft = c2.get_latest_revision_as_object()
    draft.require_reconfirmation = True
    draft.save_revision(user=world.humas_moderator).publish(user=world.humas_moderator)
    c2.refresh_from_db()
    _ack(world.staff_a, c1, c2, c3)
    _ack(world.staff_b, c1, c2, c3)
    empty_unit = UnitKerjaFactory(instansi=world.instansi_a, code="ZZKOSONG", name="Unit Kosong")
    return {"chapters": [c1, c2, c3], "empty_unit": empty_unit}


def _rows(report):
    return {
        (row.instansi.code, row.unit.code if row.unit else None): (
            row.active,
            row.per_chapter,
            row.all_chapters,
            row.percent,
        )
        for row in report.rows
    }


@pytest.mark.django_db
def test_figures_are_right(known):
    report = coverage_report(instansi_ids=None)
    assert [c.title for c in report.chapters] == [
        "Pendahuluan",
        "Pemberian Penghargaan dan Sanksi",
        "Kesimpulan",
    ]
    rows = _rows(report)
    assert rows[("DINKES", "YANKES")] == (5, [3, 1, 2], 1, 20.0)
    assert rows[("DINKES", "ZZKOSONG")] == (0, [0, 0, 0], 0, 0.0)
    assert rows[("DINKES", None)] == (5, [3, 1, 2], 1, 20.0)
    assert rows[("DLH", "SAMPAH")] == (2, [1, 1, 1], 1, 50.0)
    assert rows[("BKPSDM", "KINERJA")] == (1, [0, 0, 0], 0, 0.0)
    assert (report.total.active, report.total.per_chapter, report.total.all_chapters) == (8, [4, 2, 3], 2)
    assert report.total.percent == 25.0


@pytest.mark.django_db
def test_filters(known, world):
    report = coverage_report(instansi_ids=None, instansi_id=world.instansi_b.pk)
    assert set(_rows(report)) == {("DLH", "SAMPAH"), ("DLH", None)}
    report = coverage_report(instansi_ids=None, unit_id=known["empty_unit"].pk)
    assert set(_rows(report)) == {("DINKES", "ZZKOSONG"), ("DINKES", None)}
    report = coverage_report(instansi_ids={world.instansi_a.pk})
    assert {k[0] for k in _rows(report)} == {"DINKES"}


@pytest.mark.django_db
def test_roles(known, world, client_for):
    expected = {
        "anonymous": 302,
        "asn": 302,  # no admin access: Wagtail sends them to the admin login
        "atasan": 302,
        "hr_same": 200,
        "hr_other": 200,
        "bkpsdm": 200,
        "humas": 200,
        "admin": 200,
    }
    for role, user in world.users().items():
        response = client_for(user).get(URL)
        assert response.status_code == expected[role], role
        if response.status_code == 200:
            html = response.content.decode()
            assert ("Dinas Kesehatan" in html) == (role != "hr_other"), role
            assert ("Dinas Lingkungan Hidup" in html) == (role != "hr_same"), role
    # Admin access without an HR or humas role: 403.
    outsider = UserFactory(username="pengunjung.admin")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert client_for(outsider).get(URL).status_code == 403
    assert client_for(outsider).get(URL, {"format": "csv"}).status_code == 403
    assert client_for(world.staff_a.user).get(URL, {"format": "csv"}).status_code == 302


@pytest.mark.django_db
def test_other_instansi_ids_are_404_for_hr_instansi(known, world, client_for):
    client = client_for(world.hr_a.user)
    assert client.get(URL, {"instansi": world.instansi_b.pk}).status_code == 404
    assert client.get(URL, {"unit": world.staff_b.unit_id}).status_code == 404
    assert client.get(URL, {"unit": 999999}).status_code == 404
    assert client.get(URL, {"instansi": world.instansi_a.pk}).status_code == 200
    assert client_for(world.bkpsdm.user).get(URL, {"instansi": world.instansi_b.pk}).status_code == 200


@pytest.mark.django_db
def test_province_view_summarises_per_instansi_and_instansi_view_per_unit(known, world, client_for):
    client = client_for(world.bkpsdm.user)
    html = client.get(URL).content.decode()
    assert f'href="?instansi={world.instansi_a.pk}"' in html
    assert "Bidang Pelayanan Kesehatan</th>" not in html
    html = client.get(URL, {"instansi": world.instansi_a.pk}).content.decode()
    assert "Bidang Pelayanan Kesehatan</th>" in html
    # HR of one instansi sees its units straight away.
    assert "Bidang Pelayanan Kesehatan</th>" in client_for(world.hr_a.user).get(URL).content.decode()


@pytest.mark.django_db
def test_csv_download(known, world, client_for):
    response = client_for(world.humas_moderator).get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == [
        "Instansi",
        "Unit kerja",
        "ASN aktif",
        "Pendahuluan",
        "Pemberian Penghargaan dan Sanksi",
        "Kesimpulan",
        "Semua bab",
        "Persentase semua bab",
    ]
    assert ["Dinas Kesehatan", "Bidang Pelayanan Kesehatan", "5", "3", "1", "2", "1", "20.0"] in rows
    assert rows[-1][0] == "Total" and rows[-1][2:] == ["8", "4", "2", "3", "2", "25.0"]
    hr = b"".join(client_for(world.hr_b.user).get(URL, {"format": "csv"}).streaming_content).decode(
        "utf-8-sig"
    )
    assert "Dinas Lingkungan Hidup" in hr and "Dinas Kesehatan" not in hr


@pytest.mark.django_db
def test_menu_item_only_for_hr_and_humas(known, world, client_for):
    assert URL in client_for(world.hr_a.user).get("/admin/").content.decode()
    outsider = UserFactory(username="pengunjung.admin")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert URL not in client_for(outsider).get("/admin/").content.decode()


def _grow(world, section, *, units: int, per_unit: int) -> None:
    chapters = list(PolicyPage.objects.live())
    for u in range(units):
        unit = UnitKerjaFactory(instansi=world.instansi_a if u % 2 else world.instansi_b)
        job = JabatanFactory(unit=unit)
        for i in range(per_unit):
            asn = ASNFactory(jabatan=job)
            _ack(asn, *chapters[: (i % len(chapters)) + 1])


@pytest.mark.django_db
def test_query_count_is_flat(world, section, client_for, django_assert_max_num_queries):
    client = client_for(world.bkpsdm.user)
    client.get(URL)  # warm up session and admin menus
    _grow(world, section, units=2, per_unit=2)
    figures_refresh(limit=10_000)  # the new units, recomputed (budgeted in tests/hr/test_figure_budgets.py)
    with django_assert_max_num_queries(30) as small:
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(URL, {"format": "csv"}).status_code == 200
    _grow(world, section, units=12, per_unit=6)
    figures_refresh(limit=10_000)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(URL)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    with django_assert_max_num_queries(30):
        assert client.get(URL, {"format": "csv"}).status_code == 200
    print(
        f"coverage report queries: {len(small.captured_queries)} (4 units) = {len(large.captured_queries)} (16)"
    )


@pytest.mark.django_db
def test_cached_table_and_filter_follow_acknowledgements_and_renames(known, world, client_for):
    """The table and the filter fields are cached HTML: a new acknowledgement and a renamed unit
    show on the next request, exactly as a page rendered with an empty cache."""
    client = client_for(world.hr_a.user)

    def page() -> str:  # without the CSRF token, masked afresh on every request
        return re.sub(
            r'(CSRF_TOKEN": "|name="csrfmiddlewaretoken" value=")[^"]+', "", client.get(URL).content.decode()
        )

    before = page()
    c1, c2, c3 = known["chapters"]
    _ack(world.staff_a2, c2, c3)
    unit = world.staff_a2.unit
    old_name = unit.name
    unit.name = "Bidang Kesehatan Masyarakat Baru"
    unit.save(update_fields=["name"])
    after = page()
    assert after != before
    assert old_name not in after
    assert after.count("Bidang Kesehatan Masyarakat Baru") == 2  # the table row and the unit option
    cache.clear()
    assert page() == after
