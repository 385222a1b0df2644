"""``{% export_links %}``: the download links of one table, XLSX first (see ``pamong.exports``)."""

from __future__ import annotations

from django import template

from pamong.exports import export_links as links_for

register = template.Library()


@register.inclusion_tag("includes/export_links.html")
def export_links(url: str = "", query: str = "", name: str = "", admin: bool = False) -> dict:
    """``url``: the export address (empty: this page); ``query``: its filters, urlencoded;
    ``name``: what the table is, for screen readers; ``admin``: Wagtail admin buttons."""
    return {"url": url, "links": links_for(query=query), "name": name, "admin": admin}
