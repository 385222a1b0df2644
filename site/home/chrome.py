"""The page chrome of ``base.html`` (head, header, navigation, footer), rendered once per language and
set of roles, with the per-request parts filled in on every page.

``{% chrome %}…{% endchrome %}`` (in ``pamong_tags``) wraps the whole page. Most of it is the same
for everyone who reads it in the same language with the same roles: links, labels, the stylesheet's
URL, the navigation for those roles, the language form. That part is rendered once per process for
each such combination (the :func:`chrome_key`) and kept as text; the parts marked
``{% per_request %}…{% endper_request %}`` (the page's title and blocks, the CSRF token, the bell,
the messages, the current path, the userbar) are rendered with the request's own context every time.

What makes this safe:

* the shared part is rendered with a context that holds the key's values and nothing else
  (``LANGUAGE_CODE``, ``signed_in``, ``has_asn``, ``is_atasan``, ``is_hr``, ``is_humas``): a
  reference to anything personal outside ``{% per_request %}`` renders empty for everyone (and the
  tests see it), it never leaks one person's data into another's page;
* every ``{% block %}`` inside ``{% chrome %}`` must be inside a ``{% per_request %}`` (a template
  error otherwise): a child template's blocks are never kept;
* the roles come from :func:`pamong.people.access.scope_for`, whose cached row follows every role
  change at once (:func:`pamong.people.access.scopes_changed`): a person who gains or loses a role
  has another key on their next page;
* translations, static file URLs and URL patterns only change with a new deploy (a new process);
  a changed setting (tests) forgets everything rendered.
"""

from __future__ import annotations

import re
import secrets

from django.core.signals import setting_changed
from django.template import Context, Node, NodeList, TemplateSyntaxError
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from pamong.people.access import scope_for

#: The text a per-request part leaves in the shared render (``<marker><index>\0``): random per
#: process, so no page content can forge one.
_MARKER = f"\x00pamong-per-request-{secrets.token_hex(8)}-"
_SPLIT = re.compile(re.escape(_MARKER) + r"(\d+)\x00")
_CAPTURING = f"{_MARKER}capturing"
#: Combinations kept per template before they are forgotten (there are at most
#: languages × 2⁵ of them; a bound all the same).
MAX_KEYS = 256

_generation = 0


def forget_rendered(**kwargs) -> None:
    """Forget every rendered chrome (a receiver of ``setting_changed``: languages, static files or
    URLs may differ now)."""
    global _generation
    _generation += 1


setting_changed.connect(forget_rendered, dispatch_uid="pamong.home.chrome.forget_rendered")


def chrome_key(context) -> dict:
    """What the shared part of the chrome may depend on: the language and the person's roles."""
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    scope = scope_for(user)
    return {
        "LANGUAGE_CODE": translation.get_language(),
        "signed_in": signed_in,
        "has_asn": signed_in and scope.asn_id is not None,
        "is_atasan": signed_in and scope.is_atasan,
        "is_hr": signed_in and scope.is_hr,
        "is_humas": signed_in and scope.is_humas,
    }


class PerRequestNode(Node):
    """``{% per_request %}…{% endper_request %}``: rendered with the request's context every time."""

    def __init__(self, nodelist: NodeList):
        self.nodelist = nodelist
        self.index = -1

    def render(self, context) -> SafeString:
        if self.index >= 0 and context.get(_CAPTURING):
            return mark_safe(f"{_MARKER}{self.index}\x00")
        return self.nodelist.render(context)


class ChromeNode(Node):
    """``{% chrome %}…{% endchrome %}``: see the module docstring."""

    def __init__(self, nodelist: NodeList):
        self.nodelist = nodelist
        self.holes = _holes(nodelist)
        for index, hole in enumerate(self.holes):
            hole.index = index
        # every block is inside a per-request part (checked above): Django looks for the blocks of
        # a parent template on each render, and needs to look in those parts only
        self._blocks = [block for hole in self.holes for block in hole.get_nodes_by_type(BlockNode)]
        self._rendered: dict[tuple, list[str | PerRequestNode]] = {}
        self._generation = _generation

    def get_nodes_by_type(self, nodetype) -> list[Node]:
        if nodetype is BlockNode:
            return list(self._blocks)
        return super().get_nodes_by_type(nodetype)

    def render(self, context) -> SafeString:
        values = chrome_key(context)
        key = (get_script_prefix(), get_urlconf(), *values.values())
        if self._generation != _generation:
            self._rendered = {}
            self._generation = _generation
        parts = self._rendered.get(key)
        if parts is None:
            parts = self._render_shared(context, values)
            if len(self._rendered) >= MAX_KEYS:
                self._rendered = {}
            self._rendered[key] = parts
        return mark_safe(
            "".join(part if isinstance(part, str) else part.nodelist.render(context) for part in parts)
        )

    def _render_shared(self, context, values: dict) -> list[str | PerRequestNode]:
        shared = Context({**values, _CAPTURING: True}, autoescape=context.autoescape)
        with shared.bind_template(context.template):
            text = self.nodelist.render(shared)
        pieces = _SPLIT.split(text)
        # split() alternates text and the captured indexes: text, index, text, …, text
        return [
            str(piece) if i % 2 == 0 else self.holes[int(piece)] for i, piece in enumerate(pieces) if piece
        ]


def _holes(nodelist: NodeList) -> list[PerRequestNode]:
    """The outermost ``{% per_request %}`` nodes of ``nodelist``; a ``{% block %}`` or a nested
    ``{% chrome %}`` outside them is a template error."""
    holes: list[PerRequestNode] = []

    def walk(nodes) -> None:
        for node in nodes:
            if isinstance(node, PerRequestNode):
                holes.append(node)
                continue
            if isinstance(node, BlockNode | ChromeNode):
                name = getattr(node, "name", "chrome")
                raise TemplateSyntaxError(
                    f"{{% block {name} %}} inside {{% chrome %}} must be inside {{% per_request %}}: "
                    "the shared part of the chrome is kept for everyone with the same language and roles"
                )
            for attr in node.child_nodelists:
                walk(getattr(node, attr, None) or ())

    walk(nodelist)
    return holes
