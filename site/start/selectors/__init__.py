"""What needs one person now, gathered from every app's selectors for the start page (``/saya/``).

The page is a list of :class:`Section` (one per role the person has: ASN, atasan, HR, humas), each
a list of :class:`Group` (one kind of work: policy chapters, courses, SKP, …), each a list of
:class:`Item` linking to where the person acts. Inside a section the groups with work come first,
the most urgent first: overdue before due, due before undated, the earliest date first; a group
without work says what is in order.

Every group costs a fixed number of queries whatever the number of rows: lists are read with a
limit (one row more than shown, to know whether to offer "lihat semua"), counts are aggregates.
"""

from __future__ import annotations

import datetime

from pamong.home.sites import site_root_url_path
from pamong.people.access import get_visible_asn_or_404, scope_for

from .asn import asn_section
from .atasan import atasan_section
from .hr import hr_section
from .humas import humas_section
from .items import LIMIT, Group, Item, Section, StartPage, url_or_empty

__all__ = [
    "LIMIT",
    "Group",
    "Item",
    "Section",
    "StartPage",
    "site_root_url_path",
    "start_page_for",
    "url_or_empty",
]


def start_page_for(*, user, root_url_path: str, today: datetime.date) -> StartPage:
    """Everything the start page shows for ``user``, section by section."""
    scope = scope_for(user)
    asn = get_visible_asn_or_404(user, pk=scope.asn_id) if scope.asn_id else None
    sections = []
    if asn is not None:
        sections.append(asn_section(user=user, asn=asn, root_url_path=root_url_path, today=today))
    if scope.is_atasan:
        sections.append(atasan_section(user=user, scope=scope, today=today))
    if scope.is_hr:
        sections.append(hr_section(user=user, scope=scope, asn=asn))
    if scope.is_humas:
        sections.append(humas_section(user=user, scope=scope))
    name = asn.name if asn else (user.get_full_name() or user.get_username())
    return StartPage(name=name, roles=scope.roles, sections=sections)
