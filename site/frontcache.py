"""A page cache in front of the site for anonymous visitors.

Anonymous readers are most of the traffic during a socialization push: the home page, the policy
chapters, the news and the course catalogue. Rendering those through Wagtail's router, sessions,
CSRF and authentication costs far more than serving bytes, so this middleware (placed right after
the security and static-file middleware) answers a repeated anonymous GET from the shared cache
without running the rest of the stack. A page rendered for a signed-in person is marked
``Cache-Control: private, no-cache`` so that no proxy keeps it.

What is stored: only responses to Wagtail pages whose type is listed in
``PAMONG_FRONT_CACHE_PAGE_TYPES`` (``app_label.ModelName``), served with status 200 to a visitor
with no session cookie, setting no cookie. Certificates, forms, search results and everything
personal are never stored.

When it is invalidated: every publish, unpublish, delete or move of any page bumps a content
version (:func:`front_cache_bump`) that is part of every key, so a new version is visible on the
next request in every process sharing the cache. Entries also expire after
``PAMONG_FRONT_CACHE_SECONDS`` as a safety net.
"""

from __future__ import annotations

import hashlib
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from pamong.middleware import language_for

VERSION_KEY = "front:version"
HEADER = "X-Pamong-Cache"
SKIPPED_PREFIXES = ("/admin/", "/api/", "/masuk/", "/keluar/", "/dokumen/", "/static/", "/media/", "/bahasa/")
_KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options", "Cache-Control", "Vary")


def front_cache_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY) or 0
    return version


def front_cache_bump(**kwargs) -> None:
    """Make every stored page stale (a signal receiver; safe to call anywhere)."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


#: The query parameters the cached page types read (``?tag=`` on the policy, news and course
#: lists, ``?delivery=`` on the catalogue, ``?page=`` on the news), each with the values that may
#: be stored. A request with any other parameter, a repeated one or an odd value is answered
#: without the cache: random ``?x=`` values can no longer fill it.
QUERY_ALLOWED = {
    "tag": re.compile(r"[\w-]{1,50}"),
    "delivery": re.compile(r"[\w-]{1,30}"),
    "page": re.compile(r"[1-9]\d{0,3}"),
}


def _cache_query(request) -> str | None:
    """The canonical query string the key uses, or ``None`` when the request must bypass the cache."""
    params = []
    for name in request.GET:
        values = request.GET.getlist(name)
        allowed = QUERY_ALLOWED.get(name)
        if allowed is None or len(values) != 1 or not allowed.fullmatch(values[0]):
            return None
        params.append((name, values[0]))
    return urlencode(sorted(params))


def _eligible(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def _key(request, version: int, query: str) -> str:
    raw = f"{version}|{language_for(request)}|{request.get_host()}|{request.path}|{query}"
    return "front:page:" + hashlib.sha256(raw.encode()).hexdigest()


def mark_page(request, page) -> None:
    """Remember which Wagtail page answers this request (called from ``before_serve_page``)."""
    request._front_cache_page_type = page.specific_class._meta.label if page.specific_class else ""


def _personal(request, response):
    """A page rendered for a signed-in person is never kept by a browser's or a proxy's shared cache."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = _cache_query(request) if _eligible(request) else None
        if query is None:
            return _personal(request, self.get_response(request))
        version = front_cache_version()
        key = _key(request, version, query)
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], status=200)
            for name, value in stored["headers"].items():
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
            cache.set(
                key, {"content": response.content, "headers": headers}, settings.PAMONG_FRONT_CACHE_SECONDS
            )
            response[HEADER] = "miss"
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        page_type = getattr(request, "_front_cache_page_type", None)
        return (
            page_type in settings.PAMONG_FRONT_CACHE_PAGE_TYPES
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not getattr(request, "is_preview", False)
        )
