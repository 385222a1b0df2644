"""Keys of cached template fragments: the digest of everything a fragment shows.

A page whose HTML is a pure function of data the view has already read (the HR dashboard: counts
from the stored figures) renders that HTML once per distinct content and language, and serves it
from the shared cache afterwards (``{% cache … render_key %}``). The key is the digest of the
data itself, so a change of any figure, filter or language is a new key: nothing to invalidate.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.template import Node
from django.template.defaulttags import CsrfTokenNode
from django.utils import translation
from django.utils.safestring import mark_safe

#: Seconds a rendered fragment stays in the cache (a new key replaces it as soon as data change).
TIMEOUT = 600


def content_key(*parts) -> str:
    """A digest of ``parts`` (any picklable data: dataclasses, model instances, strings) and the
    active language."""
    payload = pickle.dumps((translation.get_language(), parts), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(payload).hexdigest()


def versions_replace(keys: Iterable[str], *, timeout: int | None = None) -> None:
    """Give each cache key of ``keys`` a new version (a timestamp), at once and again after the
    commit: a request that read the data before the commit cannot keep a version that is still
    current. The cached values stored under the old versions are stale from then on."""
    keys = sorted(set(keys))
    if not keys:
        return

    def replace() -> None:
        now = time.time_ns()
        cache.set_many(dict.fromkeys(keys, now), timeout)

    replace()
    transaction.on_commit(replace)


#: What ``{% csrf_token %}`` writes inside a fragment while it is rendered for the cache: each
#: request puts its own token in its place (a token never reaches the cache or another person).
CSRF_SENTINEL = "\ue000pamong-csrf\ue000"
_CSRF_SENTINEL_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_SENTINEL}">'


class ContentFragmentNode(Node):
    """``{% content_fragment key %}…{% endcontent_fragment %}``: the enclosed HTML is rendered once
    per ``key`` (a :func:`content_key` of everything it shows) and read from the shared cache after;
    with an empty key it is rendered every time. Forms inside keep working: the CSRF token of the
    request is put in on every read."""

    def __init__(self, key, nodelist):
        self.key = key
        self.nodelist = nodelist

    def render(self, context) -> str:
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        cache_key = f"fragment:{key}"
        html = cache.get(cache_key)
        if html is None:
            with context.push(csrf_token=CSRF_SENTINEL):
                html = str(self.nodelist.render(context))
            cache.set(cache_key, html, TIMEOUT)
        if CSRF_SENTINEL in html:
            html = html.replace(_CSRF_SENTINEL_INPUT, CsrfTokenNode().render(context)).replace(
                CSRF_SENTINEL, str(context.get("csrf_token", ""))
            )
        return mark_safe(html)
