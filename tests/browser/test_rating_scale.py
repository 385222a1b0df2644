"""The one 1–5 rating control (360° forms and the public feedback form) at phone and desktop width:
every option is a target of at least 44 × 44 px, the row fits a 320 px screen without sideways
scrolling, the end labels are shown, and the keyboard moves between options."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from performance.models import RaterAssignment, RaterGroup
from tests.browser.conftest import sign_in
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator, channel_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Skala-2026!"
WIDTHS = (320, 390, 1366)
OFFENDERS = """() => Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))"""


def _check_scales(journey, *, expected_groups: int, label: str):
    page = journey.page
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        groups = page.locator(".scale")
        assert groups.count() == expected_groups
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            journey.shot(f"overflow {label} {width}px")
        wide = page.evaluate(OFFENDERS)
        assert overflow <= 0, f"{label} scrolls sideways by {overflow}px at {width}px: {wide}"
        for g in range(expected_groups):
            options = groups.nth(g).locator(".scale-option")
            assert options.count() == 5
            for i in range(5):
                box = options.nth(i).bounding_box()
                assert box is not None
                assert box["width"] >= 44 and box["height"] >= 44, (
                    f"{label} option {i + 1} at {width}px: {box}"
                )
            ends = groups.nth(g).locator(".scale-ends").inner_text()
            assert "sangat buruk" in ends and "sangat baik" in ends
        journey.shot(f"{label} {width}px")
    page.set_viewport_size({"width": 1366, "height": 900})


def _check_keyboard(journey):
    page = journey.page
    first = page.locator(".scale").first.locator("input[type=radio]")
    first.nth(0).focus()
    page.keyboard.press("Space")
    assert first.nth(0).is_checked()
    page.keyboard.press("ArrowRight")
    assert first.nth(1).is_checked()
    # the whole option is the target: a click on the box (not the hidden input's centre) selects it
    box = page.locator(".scale").first.locator(".scale-option").nth(4).bounding_box()
    page.mouse.click(box["x"] + 4, box["y"] + box["height"] - 4)
    assert first.nth(4).is_checked()


def test_rating_scales_fit_phones_with_large_targets(journey, world):
    rater = world.staff_a2
    rater.user.password = make_password(PASSWORD)
    rater.user.save(update_fields=["password"])
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    add_indicator(plan)
    assignment = RaterAssignment.objects.create(plan=plan, rater=rater, group=RaterGroup.PEER)
    channel = channel_for(world.staff_a.unit)

    journey.goto(reverse("performance:public_feedback", args=[channel.token]))
    _check_scales(journey, expected_groups=1, label="umpan balik publik")
    _check_keyboard(journey)
    journey.check_accessibility()

    sign_in(journey, rater.user.username, PASSWORD)
    journey.goto(reverse("performance:rating_form", args=[assignment.pk]))
    _check_scales(journey, expected_groups=7, label="penilaian 360")
    _check_keyboard(journey)
    journey.key_page("formulir penilaian 360")
    journey.assert_no_csp_violation()
