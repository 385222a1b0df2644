"""Site-wide template helpers used by ``base.html``."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from pamong.people.access import scope_for

register = template.Library()

SITE_NAME = "Pamong"


@register.filter
def site_title(value: str) -> str:
    """``"Kebijakan"`` → ``"Kebijakan · Pamong"``; an empty title or one that already is, or ends with,
    the site's name is not repeated (the home page is titled "Pamong")."""
    title = " ".join(str(value).split())
    if not title or title == SITE_NAME:
        return SITE_NAME
    if title.endswith(f"· {SITE_NAME}") or title.endswith(f"- {SITE_NAME}"):
        return title
    return f"{title} · {SITE_NAME}"


@register.simple_tag(takes_context=True)
def site_nav(context) -> SafeString:
    """The main navigation's items for the signed-in person's roles (``includes/site_nav.html``).

    Every page shows it and its HTML depends only on the language and on which roles the person has
    (links and labels, nothing personal), so each combination is rendered once per process; the
    person's :class:`~pamong.people.access.Scope` is read for each request as before."""
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    scope = scope_for(user)
    return _site_nav_html(
        translation.get_language(),
        get_script_prefix(),
        get_urlconf(),
        signed_in=signed_in,
        has_asn=signed_in and scope.asn_id is not None,
        is_atasan=signed_in and scope.is_atasan,
        is_hr=signed_in and scope.is_hr,
        is_humas=signed_in and scope.is_humas,
    )


@lru_cache(maxsize=256)
def _site_nav_html(language: str, _script_prefix: str, _urlconf, **roles: bool) -> SafeString:
    with translation.override(language):
        return mark_safe(render_to_string("includes/site_nav.html", roles))


SNIPPET_WORDS = 30


def _stream_text(stream) -> str:
    """The text of a StreamField's first text-like blocks (paragraphs, rich text, plain strings)."""
    parts: list[str] = []
    for child in stream:
        value = child.value
        source = getattr(value, "source", None)  # RichText
        if source is None and isinstance(value, str):
            source = value
        if source:
            parts.append(strip_tags(source))
        if sum(len(p.split()) for p in parts) >= SNIPPET_WORDS:
            break
    return " ".join(parts)


@register.filter
def search_snippet(page) -> str:
    """A short text under a search result: the page's summary or description, else its intro, else
    the start of its body — so lessons and modules carry a snippet like chapters do."""
    for attr in ("summary", "search_description", "intro"):
        text = getattr(page, attr, "") or ""
        if text.strip():
            return Truncator(strip_tags(text)).words(SNIPPET_WORDS)
    body = getattr(page, "body", None)
    if body is None:
        return ""
    try:
        text = _stream_text(body)
    except TypeError:  # a plain text body
        text = strip_tags(str(body))
    return Truncator(" ".join(text.split())).words(SNIPPET_WORDS)
