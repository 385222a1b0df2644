"""Kept only because migration ``0001_initial`` names ``AnonymousPageCacheMixin`` among the bases.

The per-section page cache that lived here was retired: anonymous pages are cached once, in front
of routing, by :mod:`pamong.frontcache` (invalidated on every publish, unpublish, move and delete).
"""

from __future__ import annotations


class AnonymousPageCacheMixin:
    """No behaviour: a base class the historical migrations refer to."""
