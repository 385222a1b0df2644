"""HR dashboard (issue 15 item 5): which period it shows by default and says so; shares of too
few people are marked instead of drawn; single-series charts use one fill; labels wrap."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pamong.hr import charts, selectors
from performance.models import Period
from tests.factories.performance import PeriodFactory

from .conftest import YEAR

pytestmark = pytest.mark.django_db

BAR = re.compile(r'<rect[^>]*fill="url\(#hr-pat-(\w+)\)"')


def _dashboard(client, **params):
    response = client.get(reverse("hr:dashboard"), params)
    assert response.status_code == 200
    return response


def test_default_is_the_running_period_and_the_page_says_so(hr_world, client_for):
    PeriodFactory(year=YEAR + 1, name="Kinerja Berjalan", status=Period.Status.RUNNING)
    PeriodFactory(year=YEAR + 2, name="Kinerja Rencana", status=Period.Status.PLANNING)
    response = _dashboard(client_for(hr_world.world.bkpsdm.user))
    filters = response.context["data"].filters
    assert (filters.year, filters.year_reason) == (YEAR + 1, selectors.YEAR_RUNNING)
    body = response.content.decode()
    assert f"Menampilkan periode berjalan: Kinerja Berjalan ({YEAR + 1})." in body


def test_without_a_running_period_the_latest_with_data(hr_world, client_for):
    # 2025 is closed and has final evaluations; a later period being planned has none.
    PeriodFactory(year=YEAR + 2, name="Kinerja Rencana", status=Period.Status.PLANNING)
    response = _dashboard(client_for(hr_world.world.hr_a.user))
    filters = response.context["data"].filters
    assert (filters.year, filters.year_reason) == (YEAR, selectors.YEAR_LATEST_DATA)
    assert response.context["data"].evaluated == 3
    assert "periode terakhir yang memiliki hasil penilaian final" in response.content.decode()


def test_without_periods_this_year_and_a_chosen_year_is_named_as_chosen(world, client_for):
    client = client_for(world.bkpsdm.user)
    filters = _dashboard(client).context["data"].filters
    assert (filters.year, filters.year_reason) == (timezone.localdate().year, selectors.YEAR_FALLBACK)
    response = _dashboard(client, tahun=2024)
    assert response.context["data"].filters.year_reason == selectors.YEAR_CHOSEN
    assert "Menampilkan tahun 2024 (dipilih)." in response.content.decode()


def test_small_groups_are_marked_not_drawn(hr_world, client_for):
    """DINKES has 3 final evaluations and 2 enrolments in 2025: below the default minimum of 5."""
    response = _dashboard(client_for(hr_world.world.hr_a.user), tahun=YEAR)
    predikat = response.context["predikat_chart"]()["rows"]
    assert predikat and all(r["too_few"] for r in predikat)
    assert all(r["too_few"] for r in response.context["training_chart"]()["rows"])
    body = response.content.decode()
    assert "terlalu sedikit: 3 orang (min. 5)" in body
    assert "terlalu sedikit: 2 orang (min. 5)" in body
    assert "100 % (" not in body and "50 % (1)" not in body
    predikat_svg = body.split('id="g-predikat-t"', 1)[1].split("</svg>", 1)[0]
    assert not BAR.findall(predikat_svg)  # no bar drawn for a share of three people


@pytest.mark.parametrize("minimum", [1, 3])
def test_the_minimum_is_a_setting(hr_world, client_for, settings, minimum):
    settings.PAMONG_HR_MIN_GROUP_SIZE = minimum
    response = _dashboard(client_for(hr_world.world.hr_a.user), tahun=YEAR)
    rows = response.context["predikat_chart"]()["rows"]
    assert not any(r["too_few"] for r in rows)  # 3 evaluated ≥ minimum
    assert "33,3 % (1)" in response.content.decode()
    assert response.context["training_chart"]()["rows"][0]["too_few"] is (minimum > 2)


def test_single_series_bars_use_one_fill_and_labels_wrap(hr_world, client_for, settings):
    settings.PAMONG_HR_MIN_GROUP_SIZE = 1
    body = _dashboard(client_for(hr_world.world.bkpsdm.user), tahun=YEAR).content.decode()
    predikat_svg = body.split('id="g-predikat-t"', 1)[1].split("</svg>", 1)[0]
    assert set(BAR.findall(predikat_svg)) == {"solid"}
    long = "Mengelola Perubahan dan Transformasi Organisasi Sektor Publik Daerah"
    row = selectors.CountRow("x", long, 6, 10)
    chart = charts.bar_chart([row])
    lines = [line["text"] for line in chart["rows"][0]["lines"]]
    assert " ".join(lines) == long  # nothing cut off
    assert all(len(line) <= charts.LABEL_CHARS for line in lines)
    assert chart["height"] >= 8 + len(lines) * 14
