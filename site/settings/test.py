"""Test settings: fast hashing, in-memory mail, same database selection as everywhere.

On SQLite the test database is a file, as in use, not memory (``tests/conftest.py`` names it): threads
and the live server then open their own connections and meet the real locking (WAL, BEGIN IMMEDIATE,
busy timeout)."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, ON_POSTGRES

if not ON_POSTGRES:
    # The same write-ahead log and locking as in use, but no fsync: a test database is thrown away (or
    # rebuilt with --create-db), so it need not survive a power cut. Flushes and the transactional
    # tests' restores write thousands of rows; with synchronous=NORMAL each checkpoint waits for the disk.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF"

DEBUG = False
SECRET_KEY = "test-only-key-pamong"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# tests/notifications/test_worker.py starts worker processes with a backend of its own (one that hangs)
EMAIL_BACKEND = os.environ.get("PAMONG_TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pamong-test"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # whatever REDIS_URL says: query budgets count it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PAMONG_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = PAMONG_BASE_URL
# One media folder per test process: parallel workers (pytest-xdist sets PYTEST_XDIST_WORKER to gw0,
# gw1, ...) have databases handing out the same primary keys, so files named after a row must not meet.
MEDIA_ROOT = BASE_DIR / "test-results" / "media" / os.environ.get("PYTEST_XDIST_WORKER", "main")

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# tests/sso runs single sign-on against a real OpenID Connect provider (django-oauth-toolkit, a dev
# dependency) served by the live server; its tables exist only in the test database.
INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider"]  # noqa: F405
# Private uploads (evidence) of the tests: one folder per test process, like MEDIA_ROOT, outside the checkout's private/.
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-results" / "private" / os.environ.get("PYTEST_XDIST_WORKER", "main")

# Background tasks run at once in the tests (django-tasks' ImmediateBackend; our code enqueues on
# commit, so a test runs them with django_capture_on_commit_callbacks(execute=True)).
# tests/notifications/test_worker.py switches to the database backend and starts a real
# `manage.py db_worker` process, which reads the backend from this variable.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": os.environ.get(
            "PAMONG_TEST_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    },
}
