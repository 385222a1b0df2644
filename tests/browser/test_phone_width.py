"""No page scrolls sideways on a phone (issue 15, item 2).

Every URL pattern of the permission matrix (tests/security/test_permission_matrix.py) that answers
GET with an HTML page, for the first role the matrix allows (``200``), plus the Wagtail pages the
persona journeys walk through (start page, course, module, lesson, policy chapter), is loaded in
Chromium at 320 px and 390 px wide: the document may not be wider
than the screen (``scrollWidth - clientWidth`` of ``<html>`` must be 0). Wide tables scroll inside
their own ``.table-wrap``; the predikat matrix and the 9-box stack. A failure lists every page that
overflows with the outermost elements that stick out (tag, classes, right edge in px).

The Wagtail admin (``/admin/…``, including our report views wrapped in the admin: gap and JP
reports, coverage) is excluded: its layout is Wagtail's own. The REST API (JSON and the Swagger
UI), CSV and PDF downloads are excluded because they are not HTML pages of ours.

The key pages (``GALLERY_KEYS``) leave a screenshot at 390 px and 1366 px under
``test-results/screenshots/phone_width/`` (the gallery of the key pages).

Signing in: one browser context per role, carrying the session cookie of a Django test client's
``force_login`` (the login form itself is exercised by the journeys).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
from django.test import Client

from tests.browser.conftest import SCREENSHOTS
from tests.security.targets import build_objects, url_for
from tests.security.test_permission_matrix import ROLES, get_rows_allowed

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE_WIDTHS = (320, 390)
DESKTOP_WIDTH = 1366
GALLERY = SCREENSHOTS / "phone_width"
# The order in which an allowed role is picked: the richest view of a page first.
ROLE_PREFERENCE = ("asn", "atasan", "hr_same", "bkpsdm", "admin", "humas", "hr_other", "anonymous")
# Pages whose content differs by role and that every persona meets: also checked for these roles.
EXTRA_ROLES = {
    "start:home": ("atasan", "hr_same", "humas"),
    "performance:dashboard": ("atasan", "hr_same"),
    "performance:plan_periodic": ("atasan",),  # the atasan's page carries the forms
    "people:account": ("hr_same", "admin"),
}
# The gallery: screenshots at 390 px and 1366 px of the pages every persona meets.
GALLERY_KEYS = {
    "start:home",
    "people:account",
    "learning:dashboard",
    "page:course",
    "page:lesson",
    "page:chapter",
    "performance:dashboard",
    "performance:plan_detail",
    "performance:result",
    "performance:rating_form",
    "performance:period_detail",
    "competencies:profile",
    "competencies:team",
    "competencies:plan_detail",
    "hr:dashboard",
    "hr:talent",
    "hr:profile",
    "performance:public_feedback",
    # The rest of the persona journeys: visitor, learner, atasan, HR and the public.
    "page:home",
    "page:course_index",
    "page:module",
    "page:policy_index",
    "login",
    "socialization:search",
    "learning:attempt",
    "learning:certificate_verify",
    "performance:rating_tasks",
    "performance:raters",
    "performance:objection_list",
    "performance:period_list",
    "performance:moderation",
    "performance:audit_log",
    "performance:proposal_list",
    "performance:public_feedback_thanks",
    "people:asn_list",
    "people:asn_detail",
}
EXCLUDED_PREFIXES = ("api:", "wagtail")  # JSON / Swagger UI, the Wagtail admin and its serve views

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The outermost elements that stick out past the right edge, skipping those inside a scrolling box
# (a table inside .table-wrap sticks out of the screen but scrolls in its own container).
OFFENDERS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o !== 'visible') return true;
    }
    return false;
  };
  const sticks = (e) => e.getBoundingClientRect().right > width + 0.5;
  return Array.from(document.querySelectorAll('body *'))
    .filter(e => sticks(e) && !scrolls(e) && !(e.parentElement && e.parentElement !== document.body && sticks(e.parentElement)))
    .slice(0, 200)
    .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')
      + (e.id ? '#' + e.id : '') + ' → ' + Math.round(e.getBoundingClientRect().right) + 'px');
}"""


def _html_pages(world, objects) -> list[tuple[str, str, str]]:
    """(key, role, url) for every GET pattern that renders HTML for an allowed role."""
    pages = []
    for key, allowed in get_rows_allowed(ROLE_PREFERENCE, excluded_prefixes=EXCLUDED_PREFIXES):
        roles = [allowed[0], *[r for r in EXTRA_ROLES.get(key, ()) if r in allowed]]
        url = url_for(key, objects, world)
        for role in roles:
            pages.append((key, role, url))
    # Wagtail pages of the journeys (served by wagtail_serve, not in the matrix's walk).
    course, lesson, chapter = objects["course"], objects["lesson"], objects["chapter"]
    pages += [
        ("page:home", "anonymous", "/"),
        ("page:course_index", "asn", course.get_parent().url),
        ("page:course", "asn", course.url),
        ("page:module", "asn", lesson.get_parent().url),
        ("page:lesson", "asn", lesson.url),
        ("page:policy_index", "asn", chapter.get_parent().url),
        ("page:chapter", "asn", chapter.url),
    ]
    return pages


def _session_clients(world) -> dict[str, Client]:
    clients = {}
    for role, user in world.users().items():
        clients[role] = Client()
        if user is not None:
            clients[role].force_login(user)
    return clients


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def test_no_page_scrolls_sideways_on_a_phone(chromium, live_server, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    objects = build_objects(world)
    clients = _session_clients(world)
    shutil.rmtree(GALLERY, ignore_errors=True)
    GALLERY.mkdir(parents=True, exist_ok=True)

    # Only pages that answer 200 with HTML for the role (downloads and redirects are not pages).
    pages = []
    for key, role, url in _html_pages(world, objects):
        response = clients[role].get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append((key, role, url))
    assert len(pages) >= 40, f"too few HTML pages to check: {pages}"

    base_url = live_server.url

    def only_live_server(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    failures: list[str] = []
    for role in ROLES:
        role_pages = [(k, u) for k, r, u in pages if r == role]
        if not role_pages:
            continue
        context = chromium.new_context(locale="id-ID", viewport={"width": 390, "height": 800})
        context.route("**/*", only_live_server)
        cookie = clients[role].cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is not None:
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
            )
        page = context.new_page()
        page.set_default_timeout(15_000)
        for key, url in role_pages:
            page.set_viewport_size({"width": PHONE_WIDTHS[0], "height": 800})
            response = page.goto(base_url + url)
            assert response is not None and response.status == 200, f"{url} as {role}: {response}"
            name = f"{_slug(key)}-{role}"
            for width in PHONE_WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                overflow = page.evaluate(OVERFLOW)
                if overflow > 0:
                    offenders = [
                        f"{element} ×{n}" if n > 1 else element
                        for element, n in Counter(page.evaluate(OFFENDERS)).most_common(8)
                    ]
                    failures.append(
                        f"{url} [{key}] as {role} at {width}px: {overflow}px too wide — {offenders}"
                    )
                    page.screenshot(path=str(GALLERY / f"overflow-{name}-{width}.png"), full_page=True)
            if key in GALLERY_KEYS:
                page.screenshot(path=str(GALLERY / f"{name}-390.png"), full_page=True)
                page.set_viewport_size({"width": DESKTOP_WIDTH, "height": 900})
                page.screenshot(path=str(GALLERY / f"{name}-{DESKTOP_WIDTH}.png"), full_page=True)
        context.close()
    assert not failures, "pages that scroll sideways:\n" + "\n".join(failures)
