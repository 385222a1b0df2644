"""Humas's section: pages awaiting their moderation in the Wagtail workflow, pages sent back, drafts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pamong.people.access import Scope
from pamong.socialization import selectors as socialization_selectors

from .items import LIMIT, Item, Section, group_of, url_or_empty


def _edit_url(p) -> str:
    return url_or_empty("wagtailadmin_pages:edit", p.page_id)


def humas_section(*, user, scope: Scope) -> Section:
    admin_home = url_or_empty("wagtailadmin_home")
    groups = []
    if scope.is_humas_moderator or scope.is_admin:
        groups.append(
            group_of(
                socialization_selectors.pages_to_moderate(user=user, limit=LIMIT + 1),
                key="moderasi",
                title=_("Menunggu moderasi Anda"),
                item=lambda p: Item(
                    text=_("Tinjau “%(title)s”") % {"title": p.title},
                    url=_edit_url(p),
                    since=p.since,
                    note=_("diajukan oleh %(name)s") % {"name": p.by} if p.by else "",
                ),
                more_url=admin_home,
                empty=_("Tidak ada halaman yang menunggu moderasi Anda."),
            )
        )
    groups += [
        group_of(
            socialization_selectors.pages_returned_to(user=user, limit=LIMIT + 1),
            key="dikembalikan",
            title=_("Dikembalikan untuk diperbaiki"),
            item=lambda p: Item(
                text=_("Perbaiki “%(title)s”") % {"title": p.title}, url=_edit_url(p), since=p.since
            ),
            more_url=admin_home,
            empty=_("Tidak ada halaman Anda yang dikembalikan moderator."),
        ),
        group_of(
            socialization_selectors.drafts_of(user=user, limit=LIMIT + 1),
            key="draf",
            title=_("Draf Anda"),
            item=lambda p: Item(
                text=_("Lanjutkan draf “%(title)s”") % {"title": p.title}, url=_edit_url(p), since=p.since
            ),
            more_url=admin_home,
            empty=_("Tidak ada draf Anda yang belum diajukan."),
        ),
    ]
    return Section(key="humas", title=_("Konten humas"), groups=groups)
