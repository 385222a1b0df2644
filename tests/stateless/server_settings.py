"""Settings of the app servers that ``tests/stateless/test_two_servers.py`` starts.

Production settings (``pamong.settings.production``: DEBUG off, the environment chooses database,
cache, sessions and media) with three changes a test needs and production does not:

- static files come from the finders (no ``collectstatic`` and manifest in a test run);
- the test's fast password hasher, so the users that factories create can sign in;
- a cache key prefix of the test's own (``PAMONG_TEST_CACHE_PREFIX``): test runs sharing one Redis
  never read each other's counters or pages.
"""

import os

from pamong.settings.production import *  # noqa: F403
from pamong.settings.production import CACHES, STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES["default"]["KEY_PREFIX"] = os.environ["PAMONG_TEST_CACHE_PREFIX"]
