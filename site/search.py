"""The search backend of every Pamong search (``/cari/``, the admin, choosers): Wagtail's
database backend for the current database (SQLite FTS5 or PostgreSQL full text), with the
query reduced to plain words first.

Visitors type punctuation (``"``, ``*``, ``(``, ``:``, ``'``, ``-``, ``^``, NUL…); FTS5 and
``to_tsquery`` read some of it as query syntax, and an unbalanced quote was a 500. Only letters,
digits and ``_`` of any script are kept, so a query can never be syntax on any backend; a query
with no word left finds nothing.
"""

from __future__ import annotations

import re

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

_NOT_WORD = re.compile(r"[\W]+")


def search_query_clean(query: str) -> str:
    """``query`` as plain words separated by single spaces (may be empty)."""
    return " ".join(_NOT_WORD.sub(" ", query).split())


def _clean(query):
    """A copy-free clean of a string or a Wagtail ``SearchQuery`` tree (in place)."""
    if isinstance(query, str):
        return search_query_clean(query)
    if isinstance(query, PlainText | Phrase | Fuzzy):
        query.query_string = search_query_clean(query.query_string)
    elif isinstance(query, And | Or):
        query.subqueries = [_clean(q) for q in query.subqueries]
    elif isinstance(query, Not | Boost):
        query.subquery = _clean(query.subquery)
    return query


def _is_empty(query) -> bool:
    if isinstance(query, str):
        return query == ""
    if isinstance(query, PlainText | Phrase | Fuzzy):
        return query.query_string == ""
    if isinstance(query, And | Or):
        return any(_is_empty(q) for q in query.subqueries)
    if isinstance(query, Not | Boost):
        return _is_empty(query.subquery)
    return False


class _CleanQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = _clean(query)
        if _is_empty(query):
            query = ""  # the base backend answers an empty query with no results
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


_CLASSES: dict[type, type] = {}


def SearchBackend(params):
    """Wagtail's database backend for the current database, cleaning every query."""
    base = type(database_backend(params))
    if base not in _CLASSES:
        _CLASSES[base] = type(f"Clean{base.__name__}", (_CleanQueryMixin, base), {})
    return _CLASSES[base](params)
