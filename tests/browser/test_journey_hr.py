"""The HR journey in Chromium, on the real demo data (``seed_demo``): ``hr.dinkes`` opens the
instansi dashboard, downloads the predikat distribution as CSV, opens the talent 9-box, picks a box
and downloads its list as CSV. The files are the ones the browser saved, read as a spreadsheet would.

One test per module: the transactional database is flushed after each test, so the demo seed
(about 20 s) is paid once per journey.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from pamong.people.models import ASN, Instansi
from performance.models import Period
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Jambi2026!"
TALENT_HEADER = [
    "Kotak",
    "NIP",
    "Nama",
    "Instansi",
    "Unit kerja",
    "Jabatan",
    "Predikat",
    "Kinerja",
    "JPM (%)",
    "Potensial",
    "Sumber potensial",
    "Rekomendasi tindakan",
    "Rekomendasi pengembangan",
]


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, no_progress=True, asn=120, stdout=io.StringIO())


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def _download(page, link) -> tuple[str, list[list[str]]]:
    """Click ``link``, wait for the browser's download; its suggested name and its CSV rows."""
    with page.expect_download() as info:
        link.click()
    download = info.value
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV starts with a BOM so spreadsheets read UTF-8"
    return download.suggested_filename, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


# Tables whose content is wider than their scrolling box (a column or its values hidden until one
# scrolls), and captions or chart labels cut at the right.
CLIPPED = """() => [
  ...Array.from(document.querySelectorAll('.table-wrap'))
    .filter(box => box.scrollWidth > box.clientWidth + 1)
    .map(box => 'table ' + (box.querySelector('caption') || box).textContent.trim().slice(0, 60)
      + ': ' + box.scrollWidth + ' > ' + box.clientWidth + 'px'),
  ...Array.from(document.querySelectorAll('caption, figcaption, svg text'))
    .filter(e => { const r = e.getBoundingClientRect(), c = e.closest('.table-wrap, svg, figure');
      return c && r.width > 0 && r.right > c.getBoundingClientRect().right + 1; })
    .map(e => 'label ' + e.textContent.trim().slice(0, 60)),
]"""


def _nothing_clipped_at(page, width: int):
    """At a desktop width no table of the page hides a column and no caption or chart label is cut."""
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": 900})
    clipped = page.evaluate(CLIPPED)
    page.set_viewport_size(size)
    assert not clipped, f"clipped at {width}px on {page.url}:\n" + "\n".join(clipped)


def test_hr_opens_the_dashboard_and_the_9_box_and_downloads_csv(journey, demo):
    dinkes = Instansi.objects.get(code="DINKES")
    active = ASN.objects.filter(instansi=dinkes, is_active=True).count()
    page = journey.page

    sign_in(journey, "hr.dinkes", PASSWORD)
    journey.goto("/hr/dasbor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor kepegawaian")
    summary = page.get_by_role("region", name="Ringkasan")
    expect(summary.get_by_role("listitem").filter(has_text="ASN aktif")).to_contain_text(str(active))
    journey.key_page("dasbor instansi")
    _nothing_clipped_at(page, 1366)

    # The dashboard opens on the running period and says so; HR picks last year's closed period,
    # which has final results.
    expect(page.locator("#periode-ditampilkan")).to_be_visible()
    closed_year = Period.objects.exclude(status=Period.Status.RUNNING).order_by("-year").first().year
    page.locator("#f-tahun").select_option(str(closed_year))
    page.locator("form:has(#f-tahun) [type=submit]").first.click()
    page.wait_for_load_state()
    _nothing_clipped_at(page, 1366)

    # The predikat distribution, as the CSV the dashboard offers next to its table.
    name, rows = _download(page, page.get_by_role("link", name="CSV distribusi predikat"))
    assert re.fullmatch(r"predikat-\d{4}\.csv", name), name
    assert rows[0] == ["Predikat", "Jumlah ASN", "Persentase"]
    labels = [r[0] for r in rows[1:]]
    assert "Sangat Baik" in labels and "Baik" in labels
    assert sum(int(r[1]) for r in rows[1:]) > 0, "the closed demo year has final results"

    # The talent 9-box of the same year and instansi.
    page.get_by_role("link", name="Lihat manajemen talenta (9-box)").click()
    page.wait_for_url(re.compile(r"/hr/talenta/\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Manajemen talenta (9-box)")
    grid = page.get_by_role("table", name=re.compile("ASN terpetakan"))
    boxes = grid.get_by_role("link", name=re.compile(r"Kotak \d"))
    expect(boxes).to_have_count(9)
    journey.key_page("9-box talenta")

    # The list of the 9 boxes, downloaded: the header, and only ASN of the HR user's instansi.
    name, rows = _download(page, page.locator(".hr-downloads").get_by_role("link", name="CSV", exact=True))
    assert re.fullmatch(r"talenta-\d{4}\.csv", name), name
    assert rows[0] == TALENT_HEADER
    assert len(rows) > 1, "the demo data maps some ASN of Dinas Kesehatan on the grid"
    assert {r[3] for r in rows[1:]} == {dinkes.name}
    placed = rows[1][0]

    # One box: its recommendations, and its own download.
    grid.get_by_role("link", name=re.compile(rf"Kotak {placed}\b")).click()
    page.wait_for_url(re.compile(rf"kotak={placed}"))
    expect(
        page.get_by_role("heading", level=2, name=re.compile(rf"Daftar ASN kotak {placed}"))
    ).to_be_visible()
    expect(page.get_by_role("term").filter(has_text="Rekomendasi tindakan")).to_be_visible()
    journey.key_page("satu kotak dengan rekomendasi")
    name, rows = _download(page, page.locator(".hr-downloads").get_by_role("link", name="CSV", exact=True))
    assert name.endswith(f"-kotak-{placed}.csv"), name
    assert rows[0] == TALENT_HEADER
    assert len(rows) > 1 and {r[0] for r in rows[1:]} == {placed}
    journey.assert_no_csp_violation()
