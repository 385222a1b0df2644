"""StreamField data operations that moved stored lessons and policy pages (and their revisions) to
the one block library of :mod:`pamong.home.blocks`.

The migrations ``learning`` 0004 and ``socialization`` 0002 reference these classes by import path:
keep them, and keep what they do, as long as those migrations exist.
"""

from __future__ import annotations

from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.operations import BaseBlockOperation


@deconstructible
class MarkDecorativeImagesOperation(BaseBlockOperation):
    """An image block stored before ``decorative`` existed: an empty alt text meant "decorative"
    (the help text said so), so it becomes ``decorative: true``; any other image is not decorative.
    A value that already has ``decorative`` is left alone (running twice changes nothing)."""

    def apply(self, block_value):
        if "decorative" in block_value:
            return block_value
        return {**block_value, "decorative": not (block_value.get("alt_text") or "").strip()}

    @property
    def operation_name_fragment(self):
        return "mark_decorative_images"
