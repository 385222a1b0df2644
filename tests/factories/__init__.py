"""Builders of test data, one module per app.

The page and quiz builders skip Wagtail's reference index (:func:`unindexed`): it only feeds the
admin's "usage" of pages, images and documents, which no test of a built tree looks at, and updating
it was a quarter of the time of building a course. The admin and editing tests create pages through
the admin and still index them as production does.
"""

from __future__ import annotations

import functools

from wagtail.signal_handlers import disable_reference_index_auto_update, reference_index_auto_update_disabled


def unindexed(build):
    """Run ``build`` without updating Wagtail's reference index (nested builders are fine)."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        if getattr(reference_index_auto_update_disabled, "value", False):
            return build(*args, **kwargs)
        with disable_reference_index_auto_update():
            return build(*args, **kwargs)

    return wrapper
