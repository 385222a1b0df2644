"""Humas's section: pages awaiting their moderation in the Wagtail workflow, pages sent back, drafts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pamong.people.access import Scope
from pamong.socialization import selectors as socialization_selectors

from .items import LIMIT, Group, Item, Section, limited, url_or_empty


def humas_section(*, user, scope: Scope) -> Section:
    groups = []
    if scope.is_humas_moderator or scope.is_admin:
        pages, more = limited(socialization_selectors.pages_to_moderate(user=user, limit=LIMIT + 1))
        groups.append(
            Group(
                key="moderasi",
                title=_("Menunggu moderasi Anda"),
                items=[
                    Item(
                        text=_("Tinjau “%(title)s”") % {"title": p.title},
                        url=url_or_empty("wagtailadmin_pages:edit", p.page_id),
                        since=p.since,
                        note=_("diajukan oleh %(name)s") % {"name": p.by} if p.by else "",
                    )
                    for p in pages
                ],
                more=more,
                more_url=url_or_empty("wagtailadmin_home"),
                empty=_("Tidak ada halaman yang menunggu moderasi Anda."),
            )
        )
    returned, returned_more = limited(socialization_selectors.pages_returned_to(user=user, limit=LIMIT + 1))
    drafts, drafts_more = limited(socialization_selectors.drafts_of(user=user, limit=LIMIT + 1))
    groups += [
        Group(
            key="dikembalikan",
            title=_("Dikembalikan untuk diperbaiki"),
            items=[
                Item(
                    text=_("Perbaiki “%(title)s”") % {"title": p.title},
                    url=url_or_empty("wagtailadmin_pages:edit", p.page_id),
                    since=p.since,
                )
                for p in returned
            ],
            more=returned_more,
            more_url=url_or_empty("wagtailadmin_home"),
            empty=_("Tidak ada halaman Anda yang dikembalikan moderator."),
        ),
        Group(
            key="draf",
            title=_("Draf Anda"),
            items=[
                Item(
                    text=_("Lanjutkan draf “%(title)s”") % {"title": p.title},
                    url=url_or_empty("wagtailadmin_pages:edit", p.page_id),
                    since=p.since,
                )
                for p in drafts
            ],
            more=drafts_more,
            more_url=url_or_empty("wagtailadmin_home"),
            empty=_("Tidak ada draf Anda yang belum diajukan."),
        ),
    ]
    return Section(key="humas", title=_("Konten humas"), groups=groups)
