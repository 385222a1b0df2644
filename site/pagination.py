"""One paginator for long HR lists: its cost does not grow with the province.

Django's :class:`~django.core.paginator.Paginator` counts every matching row (``COUNT(*)`` over
90,000 ASN for BKPSDM) to number the pages. :class:`BoundedPaginator` counts at most
``max_count`` rows (``SELECT COUNT(*) FROM (… LIMIT max_count + 1)``): a list longer than that
shows "more than …" and its first ``max_count`` rows in pages; narrowing the filter reaches the
rest. Together with an index matching the list's filter and order, every page touches at most
``max_count`` index entries, whatever the size of the province.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

#: 200 pages of 50: more than anybody reads; a filter is the way to the rest.
MAX_COUNT = 10_000


class BoundedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, max_count: int = MAX_COUNT, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_count = max_count

    @cached_property
    def _bounded_count(self) -> int:
        rows = self.object_list
        if hasattr(rows, "order_by"):  # a queryset: the order changes no count, so the database skips it
            return rows.order_by()[: self.max_count + 1].count()
        return len(rows[: self.max_count + 1])

    @cached_property
    def count(self) -> int:
        """The number of rows, at most ``max_count`` (see :attr:`capped`)."""
        return min(self._bounded_count, self.max_count)

    @property
    def capped(self) -> bool:
        """True when there are more rows than :attr:`count` says."""
        return self._bounded_count > self.max_count
