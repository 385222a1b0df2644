"""A tiny HTTP client for 127.0.0.1 (no redirects followed, cookies handled by hand).

Production settings mark the session and CSRF cookies ``Secure``; over plain HTTP on the loopback a
browser would not send them back, so the benchmark reads ``Set-Cookie`` itself and sends ``Cookie``.
"""

from __future__ import annotations

import http.client
import re
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str
    cookies: dict[str, str] = field(default_factory=dict)


def request(
    url: str,
    *,
    method: str = "GET",
    cookies: dict[str, str] | None = None,
    data: dict | None = None,
    timeout: float = 30,
) -> Response:
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise ValueError("benchmark traffic stays on 127.0.0.1")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(
            method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body, headers=headers
        )
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        jar = {}
        for value in resp.headers.get_all("Set-Cookie") or []:
            c = SimpleCookie()
            c.load(value)
            jar.update({k: m.value for k, m in c.items()})
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, text, jar)
    finally:
        conn.close()


_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def login(base: str, *, username: str, password: str) -> dict[str, str]:
    """Log in through the login form; the cookies of the session (sessionid, csrftoken)."""
    page = request(base + "/masuk/")
    match = _CSRF_INPUT.search(page.body)
    if page.status != 200 or not match:
        raise RuntimeError(f"login form: HTTP {page.status}, no CSRF token")
    cookies = dict(page.cookies)
    resp = request(
        base + "/masuk/",
        method="POST",
        cookies=cookies,
        data={"username": username, "password": password, "csrfmiddlewaretoken": match.group(1)},
    )
    cookies.update(resp.cookies)
    if resp.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login as {username} failed: HTTP {resp.status}")
    return cookies
