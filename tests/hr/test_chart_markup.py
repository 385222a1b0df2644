"""Charts are SVG drawn on the server: their coordinates must not follow the Indonesian decimal comma."""

import re

import pytest
from django.urls import reverse

from .conftest import YEAR

pytestmark = pytest.mark.django_db

NUMERIC_ATTRIBUTE = re.compile(r'\s(?:x|y|width|height|viewBox)="([^"]*)"')


def test_dashboard_svg_coordinates_use_a_decimal_point(hr_world, client_for):
    html = client_for(hr_world.world.hr_a.user).get(reverse("hr:dashboard"), {"tahun": YEAR}).content.decode()
    svgs = re.findall(r"<svg role=\"img\".*?</svg>", html, flags=re.S)
    assert svgs, "the dashboard draws its charts as SVG"
    values = [value for svg in svgs for value in NUMERIC_ATTRIBUTE.findall(svg)]
    assert values and not [v for v in values if "," in v]
