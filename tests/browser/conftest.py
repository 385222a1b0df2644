"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

- Chromium is ``/usr/bin/chromium`` (never ``playwright install``). When it (or Playwright) is
  missing the tests are skipped with a plain message, unless ``PAMONG_REQUIRE_BROWSER=1`` (set by
  ``.ci/run``), which turns the skip into a failure.
- The page may only reach the live server: every other request is aborted (no internet in tests).
- ``journey`` saves numbered screenshots under ``test-results/screenshots/<journey>/NN-step.png``
  and runs axe-core (bundled in axe-playwright-python, injected from disk) on the key pages:
  no serious or critical violation. Content-Security-Policy violations reported by the browser
  fail the test too.
- Tests use ``transactional_db`` with ``serialized_rollback`` (the live server runs in another
  thread, and Wagtail's root page and site come from migrations).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    """Every test here is marked ``browser``; under pytest-xdist (``--dist loadgroup``) they all run on
    one worker, one after the other: one Chromium at a time, one module-scoped browser per module."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


def _unavailable(reason: str):
    if os.environ.get("PAMONG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} and PAMONG_REQUIRE_BROWSER=1: the browser tests must run.", pytrace=False)
    pytest.skip(f"{reason}: browser tests skipped.")


@pytest.fixture(scope="module")
def chromium():
    """One Chromium per test module (Playwright's event loop must not outlive the module: Django
    refuses ORM calls in a thread with a running loop, so it is allowed only while it runs)."""
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not executable:
        _unavailable(f"Chromium is not installed ({CHROMIUM})")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[dev]')")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Journey:
    """A browser page plus the journey's evidence: screenshots, axe checks, CSP reports."""

    def __init__(self, name: str, page, base_url: str):
        self.name = name
        self.page = page
        self.base_url = base_url
        self.step = 0
        self.folder = SCREENSHOTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.csp_violations: list[str] = []
        page.on("console", self._console)

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.csp_violations.append(f"{self.page.url}: {text}")

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None
        return response

    def shot(self, step: str) -> Path:
        self.step += 1
        slug = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        path = self.folder / f"{self.step:02d}-{slug}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def check_accessibility(self, context: str | None = None):
        """axe-core on the current page: no serious or critical violation."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page, context=context)
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v.get("impact") in BLOCKING_IMPACTS
        ]
        assert not blocking, f"axe on {self.page.url}:\n" + "\n".join(blocking)

    def key_page(self, step: str, *, context: str | None = None):
        """Screenshot and accessibility check of a key page of the journey."""
        self.shot(step)
        self.check_accessibility(context)

    def assert_no_csp_violation(self):
        assert not self.csp_violations, "\n".join(self.csp_violations)


@pytest.fixture
def journey(request, chromium, live_server):
    """``journey`` for the test; its screenshot folder is named after the test (``test_`` dropped)."""
    base_url = live_server.url
    context = chromium.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})

    def only_live_server(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_live_server)
    page = context.new_page()
    page.set_default_timeout(15_000)
    name = request.node.name.removeprefix("test_").split("[")[0]
    j = Journey(name, page, base_url)
    yield j
    context.close()


def sign_in(j: Journey, username: str, password: str, *, path: str = "/masuk/"):
    """Sign in through the site's login form, as a person would."""
    j.goto(path)
    j.page.locator("#id_username").fill(username)
    j.page.locator("#id_password").fill(password)
    j.page.locator("form:has(#id_password) [type=submit]").first.click()
    j.page.wait_for_load_state()


@pytest.fixture(autouse=True)
def wagtail_site(request):
    """The root page, home page and default site that migrations create. A transactional test's
    flush removes them, and serialized rollback does not bring all of them back: rebuild if missing."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    from pamong.home.models import HomePage

    _restore_reference_data()
    if Site.objects.filter(is_default_site=True).exists():
        return
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Pamong", slug="beranda"))
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Pamong"
    )


def _restore_reference_data():
    """The rows data migrations and ``post_migrate`` create (competency dictionary, regulatory
    tables, role groups). Serialized rollback does not bring them back after a plain ``db`` test
    has run earlier in the session, so a journey restores what is missing (each loader is
    idempotent)."""
    from importlib import import_module

    from django.apps import apps

    from competencies.models import Competency
    from pamong.people.roles import ensure_role_groups
    from performance.models import PredikatMatrixCell

    if not Competency.objects.exists():
        import_module("competencies.migrations.0002_permenpanrb_38_2017").load(apps, None)
    if not PredikatMatrixCell.objects.exists():
        import_module("performance.migrations.0002_regulatory_data").load(apps, None)
    ensure_role_groups()
