"""Site-wide template helpers used by ``base.html``."""

from __future__ import annotations

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator

from pamong.fragments import ContentFragmentNode
from pamong.home.chrome import ChromeNode, PerRequestNode

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


@register.tag
def chrome(parser, token) -> ChromeNode:
    """``{% chrome %}…{% endchrome %}``: the page chrome, rendered once per language and set of
    roles (:mod:`pamong.home.chrome`)."""
    return ChromeNode(_body(parser, "endchrome"))


@register.tag
def per_request(parser, token) -> PerRequestNode:
    """``{% per_request %}…{% endper_request %}``: a part of ``{% chrome %}`` rendered for each
    request (:mod:`pamong.home.chrome`)."""
    return PerRequestNode(_body(parser, "endper_request"))


@register.tag
def content_fragment(parser, token) -> ContentFragmentNode:
    """``{% content_fragment key %}…{% endcontent_fragment %}``: rendered once per ``key``
    (:class:`pamong.fragments.ContentFragmentNode`)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("content_fragment takes one argument, the key")
    return ContentFragmentNode(parser.compile_filter(bits[1]), _body(parser, "endcontent_fragment"))


def _body(parser, end: str):
    """The nodes of a block tag up to its ``end`` tag (which is consumed)."""
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return nodelist


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
