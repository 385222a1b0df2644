"""Private uploads: files only a checked view may hand out (performance evidence).

They live under ``settings.PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, so no web server or
``DEBUG`` route for ``MEDIA_URL`` can ever serve them; the view that checks the reader's scope
(``performance:evidence_download``) streams them. Public media (Wagtail images) stay under
``MEDIA_ROOT``/``MEDIA_URL``.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import re_path
from django.utils.deconstruct import deconstructible
from django.views.static import serve

#: Folders of ``MEDIA_ROOT`` that are public: Wagtail's image renditions and originals.
PUBLIC_MEDIA_PREFIXES = ("images/", "original_images/")


@deconstructible
class PrivateFileStorage(FileSystemStorage):
    """A file system storage rooted at ``settings.PRIVATE_MEDIA_ROOT`` (read on every use, so
    tests may point it elsewhere) and without a URL."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; link to the view that checks access.")


private_storage = PrivateFileStorage()


def public_media_urlpatterns() -> list:
    """Development (``DEBUG``) routes for the public media folders only."""
    prefix = settings.MEDIA_URL.lstrip("/")
    return [
        re_path(rf"^{prefix}(?P<path>{folder}.*)$", serve, {"document_root": settings.MEDIA_ROOT})
        for folder in PUBLIC_MEDIA_PREFIXES
    ]
