"""Settings shared by every environment.

Safe by default: DEBUG is off, the secret key and allowed hosts come from the environment, and
``DATABASE_URL`` selects the database (unset means a SQLite file next to ``manage.py``).

One module, longer than most: Django reads settings from one place, and every setting here carries
the comment that says why it has its value (the environment-specific ones are in dev, test and
production).
"""

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # repository root


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
ON_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if env_bool("PGBOUNCER_TRANSACTION_POOLING"):
    # PgBouncer in transaction mode hands each transaction any server connection: no server-side
    # cursors (QuerySet.iterator() would open one outside a transaction). Prepared statements are
    # already off (Django's psycopg 3 default); the role's time zone must be UTC (README, Deployment).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# HR reports from a PostgreSQL replica (pamong.dbrouters): off unless DATABASE_REPLICA_URL is set.
PAMONG_REPLICA_VIEWS = ("hr:dashboard", "hr:dashboard_export", "hr:talent", "hr:talent_export")
DATABASE_ROUTERS: list[str] = []
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"]["DISABLE_SERVER_SIDE_CURSORS"] = DATABASES["default"].get(
        "DISABLE_SERVER_SIDE_CURSORS", False
    )
    DATABASE_ROUTERS = ["pamong.dbrouters.ReportReplicaRouter"]
if not ON_POSTGRES:
    # SQLite for several users at once: write-ahead logging (readers never wait for the writer),
    # every transaction takes the write lock when it begins (BEGIN IMMEDIATE: two transactions can
    # no longer both read and then both try to write, which SQLite answers with "database is locked"
    # at once, without waiting), and a writer waits up to `timeout` seconds for the lock.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    _sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite_options.setdefault("timeout", 20)
    _sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite_options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")

INSTALLED_APPS = [
    # Pamong
    "pamong.people",
    "pamong.home",
    "pamong.socialization",
    "pamong.hr",
    "pamong.start",
    "pamong.siasn",
    "pamong.signing",
    "learning",
    "competencies",
    "performance",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    # REST API (/api/v1/)
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pamong.api",
    # After wagtail.admin: replaces Wagtail's moderation emails with notifications (its ready()).
    "pamong.notifications",
    # Background tasks: django-tasks with its database backend (pamong.notifications).
    "django_tasks",
    "django_tasks_db",
]
if ON_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pamong.security.ContentSecurityPolicyMiddleware",
    "pamong.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pamong.frontcache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pamong.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]
if "replica" in DATABASES:  # marks the HR report views' reads for the replica (pamong.dbrouters)
    MIDDLEWARE.insert(
        MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "pamong.dbrouters.ReportReplicaMiddleware"
    )

ROOT_URLCONF = "pamong.urls"
WSGI_APPLICATION = "pamong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pamong.people.context_processors.roles",
                "pamong.sso.context_processors.sso",
                "pamong.notifications.context_processors.bell",
            ],
            # {{ x|percent }}, {{ d|date_short }}...: the one number and date format (pamong.formats).
            "builtins": ["pamong.home.templatetags.pamong_formats"],
        },
    },
]
# Django's form renderer, with <select> written without one template include per option.
FORM_RENDERER = "pamong.forms_renderer.FormRenderer"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The number of reverse proxies in front of Pamong whose X-Forwarded-For is believed (production:
# nginx in front of gunicorn, so 1). Every per-client limit keys on pamong.clientip.client_ip.
PAMONG_TRUSTED_PROXIES = int(os.environ.get("PAMONG_TRUSTED_PROXIES", "0"))

# Failed logins are counted per username + client address (django-axes, site and Wagtail admin login
# alike): after AXES_FAILURE_LIMIT failures that pair is refused for AXES_COOLOFF_TIME. Failures
# from elsewhere do not lock the real user out; only PAMONG_LOGIN_USERNAME_FAILURE_LIMIT failures on
# one username from all addresses together (a distributed guess) lock the username itself.
AUTHENTICATION_BACKENDS = [
    "pamong.security.LoginAttemptBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "pamong.clientip.client_ip"
AXES_HANDLER = "pamong.security.LoginAttemptHandler"
PAMONG_LOGIN_USERNAME_FAILURE_LIMIT = 30
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_LOCKOUT_CALLABLE = "pamong.security.lockout_response"
AXES_VERBOSE = False

# Single sign-on with OpenID Connect (pamong.sso; README, "SSO"): off unless OIDC_ISSUER,
# OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set. The provider's endpoints come from its discovery
# document; the person is matched by the NIP claim to an imported ASN, never created.
PAMONG_OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").strip().rstrip("/")
PAMONG_OIDC_NIP_CLAIM = os.environ.get("OIDC_NIP_CLAIM", "").strip() or "nip"
PAMONG_OIDC_DISCOVERY_SECONDS = 3600
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "").strip()
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "").strip() or "openid profile"
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "").strip() or "RS256"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10  # seconds, for each call to the provider
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
if PAMONG_OIDC_ISSUER and OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET:
    AUTHENTICATION_BACKENDS.append("pamong.sso.backends.NipOIDCBackend")
# A refused SSO sign-in is not a password guess: django-axes does not count it.
AXES_WHITELIST_CALLABLE = "pamong.sso.backends.sso_callback_whitelisted"

LOGIN_URL = "login"
# After signing in without a ``next`` (or with ``next`` pointing at the public home page) everyone
# lands on their start page, where they can act (pamong.people.account_views.LoginView).
LOGIN_REDIRECT_URL = "start:home"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: Indonesian first, English available.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where collectstatic gathers the files the web server (nginx) serves; STATIC_ROOT in the environment
# moves it (a shared volume, a release folder).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
#: Private uploads (performance evidence): outside MEDIA_ROOT, never under MEDIA_URL; only the
#: views that check access serve them (pamong/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The cache holds what every app process must share: rate-limit counters, the API token throttle,
# the front cache and its version, Wagtail's site lookup, sessions (below). With several processes
# (gunicorn workers, several app servers) it must be Redis (REDIS_URL) or a table in the database
# (DATABASE_CACHE_TABLE, after `manage.py createcachetable`); the in-process default suits one
# process only (`make run`), and `check --deploy` says so (pamong.checks).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pamong",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
elif os.environ.get("DATABASE_CACHE_TABLE"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": os.environ["DATABASE_CACHE_TABLE"],
    }
if os.environ.get("REDIS_URL"):
    # Sessions are read from Redis and written through to PostgreSQL: any app server continues any
    # session, a restarted or emptied Redis loses none, and a request saves the session query.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Anonymous visitors of these page types are answered from the shared cache (pamong.frontcache).
PAMONG_FRONT_CACHE_PAGE_TYPES = {
    "home.HomePage",
    "socialization.PolicyIndexPage",
    "socialization.PolicyPage",
    "socialization.ArticleIndexPage",
    "socialization.ArticlePage",
    "learning.CourseIndexPage",
    "learning.CoursePage",
}
PAMONG_FRONT_CACHE_SECONDS = 600

# HR dashboard: a share (percentage) of fewer people than this is marked "too few to show", never
# drawn as a bar — one person is not "100 %" and small groups identify individuals.
PAMONG_HR_MIN_GROUP_SIZE = int(os.environ.get("PAMONG_HR_MIN_GROUP_SIZE", "5"))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security defaults that hold everywhere; production adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (pamong.security): no inline script and no inline style anywhere on the
# site (all CSS is in static/css/, loaded by base.html; progress bars are <progress> elements). The
# Wagtail admin still has inline scripts, event handlers and style attributes, so paths under
# /admin/ get the same policy with inline scripts and styles allowed.
PAMONG_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
PAMONG_CSP_ADMIN = {
    **PAMONG_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],  # the page preview panel frames an /admin/ URL
}
PAMONG_CSP_RELAXED_PREFIXES = ("/admin/",)

# External video embeds (the lesson "Video" block's oEmbed links): only these hosts, and the CSP's
# frame-src lists exactly them (pamong.security). Empty on an intranet; set PAMONG_EMBED_HOSTS to a
# comma-separated list ("www.youtube-nocookie.com,player.vimeo.com") where the internet is reachable.
PAMONG_EMBED_HOSTS = [h.strip() for h in os.environ.get("PAMONG_EMBED_HOSTS", "").split(",") if h.strip()]

# Files of uploaded SCORM packages (learning.views.scorm_file) run in a sandboxed frame of the lesson
# page: scripts allowed (authoring tools write inline scripts), same origin (the SCO must reach the
# runtime in the parent window), no plugins, framed only by this site.
PAMONG_CSP_SCORM = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
    "sandbox": ["allow-scripts", "allow-same-origin"],
}

# Lesson content uploads (learning.lesson_content). Sizes in bytes.
PAMONG_SCORM_MAX_UPLOAD_BYTES = int(os.environ.get("PAMONG_SCORM_MAX_UPLOAD_BYTES", 300 * 1024 * 1024))
PAMONG_SCORM_MAX_UNPACKED_BYTES = int(os.environ.get("PAMONG_SCORM_MAX_UNPACKED_BYTES", 600 * 1024 * 1024))
PAMONG_SCORM_MAX_FILES = int(os.environ.get("PAMONG_SCORM_MAX_FILES", 5000))
PAMONG_VIDEO_MAX_BYTES = int(os.environ.get("PAMONG_VIDEO_MAX_BYTES", 500 * 1024 * 1024))
PAMONG_CAPTIONS_MAX_BYTES = 1024 * 1024
#: A video lesson is done when the learner has watched this share (percent) of the video.
PAMONG_VIDEO_COMPLETION_PERCENT = int(os.environ.get("PAMONG_VIDEO_COMPLETION_PERCENT", 90))
#: Watched time reported may exceed the real time between two reports by this factor (the player's
#: fastest playback rate) plus a few seconds of slack.
PAMONG_VIDEO_MAX_RATE = 2
PAMONG_VIDEO_SLACK_SECONDS = 5

# API tokens expire this long after they were issued, and are deleted when the password changes.
PAMONG_API_TOKEN_LIFETIME = timedelta(days=int(os.environ.get("PAMONG_API_TOKEN_DAYS", "30")))

# REST API (pamong.api): read-only, scoped like the UI (pamong.people.access). Session or token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "pamong.api.auth.ExpiringTokenAuthentication",  # first: anonymous gets 401
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "pamong.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"token": "10/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pamong API",
    "DESCRIPTION": "Data kepegawaian, kompetensi, pembelajaran dan kinerja ASN Provinsi Jambi (baca saja).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["pamong.api.schema.only_api_paths"],
    # Separate request and response components: a generated client (openapi-python-client) sends
    # the write-only fields (the token request's username/password) and never expects them back.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DevelopmentPlanStatusEnum": "competencies.models.DevelopmentPlan.Status",
        "EvaluationStatusEnum": "performance.models.Evaluation.Status",
        "FollowUpStatusEnum": "performance.models.FollowUpProposal.Status",
        "PeriodStatusEnum": "performance.models.Period.Status",
        "GoalStatusEnum": "competencies.models.Goal.Status",
    },
}

# Accounts (pamong.people.account_views): every link in an email or a letter is built from
# PAMONG_BASE_URL (scheme and host, no trailing slash), never from the request's host. Production
# refuses to start without it; here it defaults to the development server.
PAMONG_BASE_URL = os.environ.get("PAMONG_BASE_URL", "").strip().rstrip("/") or "http://127.0.0.1:8000"
# An emailed activation link is valid this long (a password-reset link: PASSWORD_RESET_TIMEOUT).
PAMONG_ACTIVATION_TIMEOUT = int(os.environ.get("PAMONG_ACTIVATION_TIMEOUT", str(60 * 60 * 24 * 3)))
# A printed activation code (HR's letters) is valid this many days.
PAMONG_ACTIVATION_CODE_DAYS = int(os.environ.get("PAMONG_ACTIVATION_CODE_DAYS", "30"))
# Attempts on the activation and password-reset forms: (count, seconds) per client and per NIP.
PAMONG_ACCOUNT_RATE_LIMITS = {"client": (10, 15 * 60), "nip": (5, 60 * 60)}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pamong@jambiprov.go.id")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Notifications and background tasks (pamong.notifications; README, "Notifications"). Tasks are rows
# in the database, enqueued when the caller's transaction commits, run by
# `manage.py db_worker --backend background`.
# Pamong's own tasks use the "background" backend; "default" stays immediate, so what Wagtail runs
# as tasks (its search index updates) keeps happening in the request, as before.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# Outgoing channels besides the inbox (pamong.notifications.channels.Channel); add a WhatsApp or
# SMS gateway here.
PAMONG_NOTIFICATION_CHANNELS = ["pamong.notifications.channels.EmailChannel"]
# How long a batch of emails claimed for sending belongs to its worker (pamong.notifications.delivery):
# a batch left "sending" by a killed worker is taken over by the next delivery run after this. It must
# exceed the time one batch of 500 takes to send (about 2 s measured, see Notifications).
PAMONG_NOTIFICATION_SENDING_LEASE_SECONDS = float(
    os.environ.get("NOTIFICATION_SENDING_LEASE_SECONDS", "") or 600
)

# SIASN, BKN's national personnel system (pamong.siasn; README, "SIASN"): off unless SIASN_API_URL,
# the APIM client credentials and the SSO user are all set. Read at call time, never at import.
PAMONG_SIASN = {
    # e.g. https://apimws.bkn.go.id:8243/apisiasn/1.0 (training: training-apimws.bkn.go.id)
    "API_URL": os.environ.get("SIASN_API_URL", "").strip().rstrip("/"),
    "APIM_TOKEN_URL": os.environ.get("SIASN_APIM_TOKEN_URL", "").strip()
    or "https://apimws.bkn.go.id/oauth2/token",
    "APIM_KEY": os.environ.get("SIASN_APIM_KEY", "").strip(),
    "APIM_SECRET": os.environ.get("SIASN_APIM_SECRET", "").strip(),
    "SSO_TOKEN_URL": os.environ.get("SIASN_SSO_TOKEN_URL", "").strip()
    or "https://sso-siasn.bkn.go.id/auth/realms/public-siasn/protocol/openid-connect/token",
    "SSO_CLIENT_ID": os.environ.get("SIASN_SSO_CLIENT_ID", "").strip(),
    "SSO_USERNAME": os.environ.get("SIASN_SSO_USERNAME", "").strip(),
    "SSO_PASSWORD": os.environ.get("SIASN_SSO_PASSWORD", ""),
    # SIASN's id of the provincial government (kursus/save's instansiId)
    "INSTANSI_ID": os.environ.get("SIASN_INSTANSI_ID", "").strip(),
    "TIMEOUT": float(os.environ.get("SIASN_TIMEOUT", "") or 30),
}
# How long a claimed outbox row belongs to the worker sending it (pamong.siasn.outbox): a worker
# killed mid-send leaves it "sending", and the next run takes it over (and reconciles) only after
# this. It must exceed the longest send of one row (a few calls of SIASN_TIMEOUT each).
PAMONG_SIASN_LEASE_SECONDS = float(os.environ.get("SIASN_LEASE_SECONDS", "") or 600)

# Electronic signatures of certificates and piagam (pamong.signing; README, "SIASN"): "" (off),
# "local" (PAdES with pyHanko and a PKCS#12 file) or "bsre" (BSSN's BSrE API).
# pyHanko imports cryptography's DSA support, which warns on import; Pamong signs with RSA only.
warnings.filterwarnings("ignore", message="DSA is deprecated")
PAMONG_SIGNER = {
    "BACKEND": os.environ.get("SIGNER_BACKEND", "").strip(),
    "LOCAL_PKCS12": os.environ.get("SIGNER_PKCS12_PATH", "").strip(),
    "LOCAL_PASSPHRASE": os.environ.get("SIGNER_PKCS12_PASSPHRASE", ""),
    "BSRE_URL": os.environ.get("BSRE_URL", "").strip().rstrip("/"),
    "BSRE_USERNAME": os.environ.get("BSRE_USERNAME", "").strip(),
    "BSRE_PASSWORD": os.environ.get("BSRE_PASSWORD", ""),
    "BSRE_NIK": os.environ.get("BSRE_NIK", "").strip(),
    "BSRE_PASSPHRASE": os.environ.get("BSRE_PASSPHRASE", ""),
    "TIMEOUT": float(os.environ.get("BSRE_TIMEOUT", "") or 30),
}

# Wagtail
WAGTAIL_SITE_NAME = "Pamong"
# The admin never asks releases.wagtail.org for a newer version: Pamong reaches nothing outside
# its own server (and the Content-Security-Policy would block it anyway).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "pamong.people.forms.AdminLoginForm"  # a failed login reads naturally
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no external requests: admin avatars are the default icon
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_BASE_URL = PAMONG_BASE_URL  # the admin's own emails link to the same site
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend (PostgreSQL full text or SQLite FTS5) with punctuation removed
        # from every query (pamong/search.py).
        "BACKEND": "pamong.search",
        "SEARCH_CONFIG": "simple",
    }
    if ON_POSTGRES
    else {"BACKEND": "pamong.search"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]
TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
