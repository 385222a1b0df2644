"""A per-page cache for anonymous visitors of the policy and news sections.

The key holds everything the rendered page depends on: the page, its live revision and publish time,
the live children of its section (count and latest publish), a section-wide version bumped on every
publish/unpublish/delete/move (signals in :mod:`.signals`), the language and the full path. A new
publish therefore never serves a stale page, even across processes that share no memory (the
section state is read from the database).

Logged-in users, previews and non-GET requests are never cached: they see their own
acknowledgement state. The CSRF token in a cached page (the language form) is swapped for the
visitor's own token on every hit.
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control

VERSION_KEY = "socialization:pages:version"
PAGE_TIMEOUT = 60 * 60
CSRF_PLACEHOLDER = "__pamong_csrf_token__"
_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CACHE_HEADER = "X-Pamong-Cache"


def pages_cache_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version or 0


def pages_cache_bump() -> None:
    """Invalidate every cached page of the sections (time-based, so a value is never reused)."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def _cacheable(request) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not getattr(request, "is_preview", False)
        and "messages" not in request.COOKIES
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class AnonymousPageCacheMixin:
    """Mixed into the section page models, before ``Page``."""

    def _section_children(self):
        """Live pages of this page's section: an index's children, or a leaf page's siblings."""
        from wagtail.models import Page

        if type(self).subpage_types:
            path, depth = self.path, self.depth + 1
        else:
            path, depth = self.path[: -Page.steplen], self.depth
        return Page.objects.filter(path__startswith=path, depth=depth, live=True)

    def page_cache_key(self, request) -> str:
        state = self._section_children().aggregate(n=Count("id"), last=Max("last_published_at"))
        parts = [
            pages_cache_version(),
            self.pk,
            self.live_revision_id,
            self.last_published_at.isoformat() if self.last_published_at else "",
            state["n"],
            state["last"].isoformat() if state["last"] else "",
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.get_full_path(),
        ]
        digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
        return f"socialization:page:{digest}"

    def serve(self, request, *args, **kwargs):
        if not _cacheable(request):
            response = super().serve(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        key = self.page_cache_key(request)
        cached = cache.get(key)
        state = "hit"
        if cached is None:
            state = "miss"
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code != 200:
                return response
            content = _CSRF_INPUT.sub(
                rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode(response.charset)
            )
            cached = {"content": content, "content_type": response["Content-Type"]}
            cache.set(key, cached, PAGE_TIMEOUT)
        content = cached["content"]
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request))
        response = HttpResponse(content, content_type=cached["content_type"])
        response[CACHE_HEADER] = state
        return response
