"""Test settings: fast hashing, in-memory mail, same database selection as everywhere."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, ON_POSTGRES

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

if not ON_POSTGRES:
    # The SQLite test database is a file, as in use, not memory: threads and the live server then
    # open their own connections and meet the real locking (WAL, BEGIN IMMEDIATE, busy timeout).
    # One file per test process (pytest-xdist workers get their own suffix as well).
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"pamong-test-{os.getpid()}.sqlite3"),
    }

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
