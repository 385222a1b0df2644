"""The shapes of the start page — :class:`Item`, :class:`Group`, :class:`Section`,
:class:`StartPage` — and the helpers every section uses."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

#: Items shown per group; the rest are one "lihat semua" link away.
LIMIT = 10


@dataclass
class Item:
    """One thing to do: ``text`` is the link text (an action), ``url`` where it is done (empty: no
    page to act on yet), ``due`` a deadline, ``since`` how long it has been waiting."""

    text: str
    url: str
    due: datetime.date | None = None
    since: datetime.datetime | datetime.date | None = None
    note: str = ""
    overdue: bool = False

    @property
    def rank(self) -> tuple:
        """Smaller is more urgent: overdue, then due (earliest first), then undated (oldest first)."""
        tier = 0 if self.overdue else 1 if self.due else 2
        due = self.due.toordinal() if self.due else math.inf
        since = self.since
        if isinstance(since, datetime.datetime):
            waited = since.timestamp()
        elif isinstance(since, datetime.date):
            waited = datetime.datetime.combine(since, datetime.time()).timestamp()
        else:
            waited = math.inf
        return (tier, due, waited)


@dataclass
class Group:
    """One kind of work. ``empty`` says what is in order when there is nothing to do; ``status`` is
    a line shown whatever the items (e.g. JP this year); ``more_url`` lists everything."""

    key: str
    title: str
    items: list[Item]
    empty: str
    more_url: str = ""
    more: bool = False
    status: str = ""
    progress: tuple[int, int] | None = None  # (value, maximum) for a progress bar

    @property
    def rank(self) -> tuple:
        return min(item.rank for item in self.items) if self.items else (math.inf,)


@dataclass
class Section:
    key: str
    title: str
    groups: list[Group] = field(default_factory=list)

    @property
    def ordered_groups(self) -> list[Group]:
        """Groups with work first, the most urgent first; then the groups that are in order."""
        return sorted(self.groups, key=lambda g: g.rank)  # sorted() is stable: ties keep their order

    @property
    def active_groups(self) -> list[Group]:
        """Groups with work or a status line, most urgent first (shown as cards)."""
        return [g for g in self.ordered_groups if g.items or g.status]

    @property
    def done_groups(self) -> list[Group]:
        """Groups with nothing to do: one line each saying what is in order."""
        return [g for g in self.ordered_groups if not (g.items or g.status)]

    @property
    def waiting(self) -> int:
        return sum(len(g.items) for g in self.groups)


@dataclass
class StartPage:
    name: str
    roles: list[str]
    sections: list[Section]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def url_or_empty(name: str, *args) -> str:
    """``reverse(name, args)``, or ``""`` when no such URL is installed (a link is then omitted)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def limited(rows) -> tuple[list, bool]:
    """The first :data:`LIMIT` rows and whether there are more, reading ``LIMIT + 1`` (one query)."""
    rows = list(rows[: LIMIT + 1])
    return rows[:LIMIT], len(rows) > LIMIT


def group_of(rows, *, key: str, title: str, item, empty: str, more_url: str = "") -> Group:
    """A group of the first :data:`LIMIT` ``rows`` (one query, :func:`limited`), each made an
    :class:`Item` by ``item(row)``; ``more`` says whether there are others."""
    shown, more = limited(rows)
    return Group(
        key=key, title=title, items=[item(row) for row in shown], empty=empty, more=more, more_url=more_url
    )
