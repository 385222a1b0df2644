"""Test settings: fast hashing, in-memory mail, same database selection as everywhere."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-pamong"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pamong-test"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Private uploads of the tests go to a temporary folder, not the checkout.
PRIVATE_MEDIA_ROOT = Path(tempfile.gettempdir()) / "pamong-test-private"  # noqa: F405
