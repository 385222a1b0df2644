"""Production: refuses to start without SECRET_KEY, ALLOWED_HOSTS and PAMONG_BASE_URL; HTTPS everywhere."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")

_base_url = os.environ.get("PAMONG_BASE_URL", "").strip()
if not _base_url:
    raise ImproperlyConfigured(
        "PAMONG_BASE_URL must be set in the environment for production "
        "(e.g. https://pamong.jambiprov.go.id): every link in an email is built from it."
    )
if not _base_url.startswith(("https://", "http://")):
    raise ImproperlyConfigured("PAMONG_BASE_URL must start with https:// (or http://).")

DEBUG = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
