"""Walk every URL pattern of the project: one :class:`Route` per pattern, keyed the way the
permission matrix and the CSRF sweep name them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name" when named, else the full route text
    route: str  # the full route text (regex or path syntax, prefixes joined)
    pattern: URLPattern
    converters: tuple[str, ...]  # names of the pattern's arguments, in order

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/") or self.route.startswith("^admin/")


def _route_text(p) -> str:
    return str(p.pattern)


def iter_routes(patterns=None, prefix: str = "", namespace: str | None = None, args: tuple[str, ...] = ()):
    """Yield a Route for every URLPattern, recursing into includes."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        text = prefix + _route_text(p)
        arg_names = args + tuple(p.pattern.regex.groupindex)
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from iter_routes(p.url_patterns, text, ns, arg_names)
        elif isinstance(p, URLPattern):
            key = (f"{namespace}:{p.name}" if namespace else p.name) if p.name else text
            yield Route(key=key, route=text, pattern=p, converters=arg_names)
