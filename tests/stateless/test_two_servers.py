"""App processes are stateless: two app servers on one database and one cache act as one site.

Each test starts two gunicorn servers (production settings, ``server_settings.py``) on two ports the
OS hands out, against the test database (SQLite file or PostgreSQL) and a shared cache: Redis when
one answers, and the cache table in the database (``DATABASE_CACHE_TABLE``), the PostgreSQL-only
way. A person signs in on one and goes on on the other; a publish through one is served by the
other's front cache; every rate limit and the login lockout counts the attempts made on both.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import connection
from wagtail.models import Page

from pamong.frontcache import HEADER as FRONT_CACHE_HEADER
from performance.models import PublicFeedback
from tests.factories.performance import channel_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("PAMONG_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
CACHE_TABLE = "pamong_test_shared_cache"
PASSWORD = "rahasia-uji-123"  # tests/factories/people.py
STARTUP_SECONDS = 180  # a bound on waiting for gunicorn on a busy box, not a measurement
SITE_HOST = "pamong.test"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _database_url() -> str:
    """The test database as a ``DATABASE_URL`` the servers' settings read."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    assert connection.vendor == "postgresql", connection.vendor
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module", params=["redis", "database"])
def shared_cache(request, django_db_setup, django_db_blocker) -> dict[str, str]:
    """The environment that gives both servers one cache (and the key prefix of this test)."""
    prefix = f"pamong-test-{secrets.token_hex(6)}"
    if request.param == "redis":
        if not _redis_answers():
            pytest.skip(f"no Redis answers at {REDIS_URL} (PAMONG_TEST_REDIS_URL); the database cache runs")
        yield {"REDIS_URL": REDIS_URL, "PAMONG_TEST_CACHE_PREFIX": prefix}
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
    else:
        with django_db_blocker.unblock():
            command = CreateCacheTable()
            command.verbosity = 0
            command.create_table("default", CACHE_TABLE, dry_run=False)
        yield {"DATABASE_CACHE_TABLE": CACHE_TABLE, "PAMONG_TEST_CACHE_PREFIX": prefix}


class AppServer:
    """One gunicorn (one sync worker) serving ``pamong.wsgi`` on a socket the OS chose."""

    def __init__(self, name: str, env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.log = log_dir / f"gunicorn-{name}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "pamong.wsgi",
                    "--bind",
                    f"fd://{self.socket.fileno()}",
                    "--workers",
                    "1",
                    "--timeout",
                    "120",
                    "--graceful-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=env,
                pass_fds=(self.socket.fileno(),),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if httpx.get(f"{self.url}/healthz/", timeout=30).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.5)
        pytest.fail(f"app server {self.name} did not start:\n{self.log.read_text()[-4000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.socket.close()


@pytest.fixture(scope="module")
def servers(shared_cache, django_db_blocker, tmp_path_factory):
    """Two app servers A and B on the test database and the shared cache, for every test of the
    module (each test's rows are its own: the servers read the database the test wrote)."""
    tmp_path = tmp_path_factory.mktemp("stateless")
    with django_db_blocker.unblock():
        database_url = _database_url()
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_CACHE_TABLE"}}
    env.update(
        shared_cache,
        DJANGO_SETTINGS_MODULE="tests.stateless.server_settings",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS=f"127.0.0.1,{SITE_HOST}",
        PAMONG_BASE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        PAMONG_TRUSTED_PROXIES="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
    )
    started = [AppServer(name, env, tmp_path) for name in ("a", "b")]
    try:
        for server in started:
            server.wait_until_ready()
        yield started
    finally:
        for server in started:
            server.stop()


class Visitor:
    """One person with a browser behind the load balancer: the site's one host name and the
    person's cookies go to whichever server is asked (cookies kept by hand: the production cookies
    are ``Secure``, the servers speak plain HTTP to the test)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        # behind a load balancer every app server is asked for the site's one name
        headers = {"Host": SITE_HOST, **kwargs.pop("headers", {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = httpx.request(method, url, headers=headers, follow_redirects=False, timeout=60, **kwargs)
        for header in response.headers.get_list("set-cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post_form(
        self, page_url: str, data: dict[str, str], *, action_url: str | None = None
    ) -> httpx.Response:
        """Open the form page, then post ``data`` with its CSRF token (to ``action_url`` when the
        form posts elsewhere, e.g. to the other server)."""
        page = self.get(page_url)
        assert page.status_code == 200, (page_url, page.status_code)
        token = CSRF_INPUT.search(page.text)
        assert token, f"no CSRF token on {page_url}"
        return self.request("POST", action_url or page_url, data={**data, "csrfmiddlewaretoken": token[1]})

    def sign_in(self, server: AppServer, username: str, password: str = PASSWORD) -> httpx.Response:
        return self.post_form(f"{server.url}/masuk/", {"username": username, "password": password})


def test_a_session_begun_on_one_server_goes_on_and_ends_on_the_other(servers, world):
    a, b = servers
    person = Visitor()
    assert person.sign_in(a, world.staff_a.user.username).status_code == 302
    on_b = person.get(f"{b.url}/akun/")
    assert on_b.status_code == 200
    assert world.staff_a.name in on_b.text

    # a form opened on B is accepted by A (one CSRF secret, one session)
    assert person.post_form(f"{b.url}/akun/", {}, action_url=f"{a.url}/keluar/").status_code == 302
    for server in (a, b):
        after_logout = person.get(f"{server.url}/akun/")
        assert after_logout.status_code == 302 and "/masuk/" in after_logout.headers["location"]


def test_a_publish_through_one_server_is_served_by_the_others_front_cache(servers, world):
    a, b = servers
    home = Page.objects.get(depth=2).specific
    reader = Visitor()
    assert reader.get(f"{b.url}/").headers[FRONT_CACHE_HEADER] == "miss"
    assert reader.get(f"{b.url}/").headers[FRONT_CACHE_HEADER] == "hit"
    assert reader.get(f"{a.url}/").headers[FRONT_CACHE_HEADER] == "hit"  # one cache for both

    home.intro = "Versi baru diterbitkan lewat server A"
    home.save_revision()  # a draft: nothing changes for readers yet
    assert "Versi baru" not in reader.get(f"{b.url}/").text

    editor = Visitor()
    assert editor.sign_in(a, world.admin.username).status_code == 302
    publish = f"{a.url}/admin/bulk/wagtailcore/page/publish/?id={home.pk}"
    assert editor.post_form(publish, {}).status_code == 302

    fresh = reader.get(f"{b.url}/")
    assert fresh.status_code == 200 and fresh.headers[FRONT_CACHE_HEADER] == "miss"
    assert "Versi baru diterbitkan lewat server A" in fresh.text
    again = reader.get(f"{b.url}/")
    assert (
        again.headers[FRONT_CACHE_HEADER] == "hit" and "Versi baru diterbitkan lewat server A" in again.text
    )


def test_the_login_lockout_counts_failures_on_both_servers(servers, world):
    a, b = servers
    username = world.staff_a2.user.username
    guesser = Visitor()
    for attempt, server in enumerate([a, b, a, b], start=1):
        failed = guesser.sign_in(server, username, password=f"salah-{attempt}")
        assert failed.status_code == 200, attempt  # the form again, with its error
    assert guesser.sign_in(a, username, "salah-5").status_code == 429  # the fifth failure locks
    for server in (a, b):  # locked everywhere, even with the right password
        assert Visitor().sign_in(server, username).status_code == 429


def test_the_password_reset_limit_counts_attempts_on_both_servers(servers, settings):
    a, b = servers
    limit = settings.PAMONG_ACCOUNT_RATE_LIMITS["client"][0]
    visitor = Visitor()
    for attempt in range(limit):
        server = (a, b)[attempt % 2]
        sent = visitor.post_form(f"{server.url}/akun/lupa-sandi/", {"email": f"orang{attempt}@contoh.go.id"})
        assert sent.status_code == 302, attempt
    for server in (a, b):
        refused = visitor.post_form(f"{server.url}/akun/lupa-sandi/", {"email": "lagi@contoh.go.id"})
        assert refused.status_code == 429
        assert "Terlalu banyak percobaan" in refused.text


def test_the_public_feedback_limit_counts_answers_on_both_servers(servers, world):
    a, b = servers
    channel = channel_for(world.staff_a.unit)
    answer = {"rating": "4", "comment": "Cepat dan ramah", "asn": "", "website": ""}
    public = Visitor()
    for attempt in range(5):  # PERFORMANCE_PUBLIC_FEEDBACK_RATE_LIMIT
        server = (a, b)[attempt % 2]
        assert public.post_form(f"{server.url}/umpan-balik/{channel.token}/", answer).status_code == 302
    for server in (a, b):
        refused = public.post_form(f"{server.url}/umpan-balik/{channel.token}/", answer)
        assert refused.status_code == 429
        assert "Terlalu banyak kiriman" in refused.text
    assert PublicFeedback.objects.filter(channel=channel).count() == 5


def test_the_api_token_throttle_counts_requests_on_both_servers(servers, world):
    a, b = servers
    credentials = {"username": world.staff_b.user.username, "password": PASSWORD}
    for attempt in range(10):  # REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"]: 10/minute
        server = (a, b)[attempt % 2]
        issued = httpx.post(f"{server.url}/api/v1/token/", json=credentials, timeout=60)
        assert issued.status_code == 200 and issued.json()["token"], attempt
    for server in (a, b):
        throttled = httpx.post(f"{server.url}/api/v1/token/", json=credentials, timeout=60)
        assert throttled.status_code == 429
        assert "Retry-After" in throttled.headers
