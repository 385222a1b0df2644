"""The site serving a request, read from Wagtail's cached site root paths."""

from __future__ import annotations

from wagtail.models import Site


def site_root_url_path(request) -> str:
    """The ``url_path`` of the site serving ``request`` (``"/beranda/"`` on the default site).

    With one site (the usual installation) it comes from Wagtail's cached list of site root paths
    (``Site.get_site_root_paths()``, kept in the cache and cleared by Wagtail when a site changes):
    no query. With several, the site is found for the request's host (two queries)."""
    roots = Site.get_site_root_paths()
    if len(roots) == 1:
        return roots[0].root_path
    site = Site.find_for_request(request)
    return site.root_page.url_path if site else "/"
