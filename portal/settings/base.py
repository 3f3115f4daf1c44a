"""Settings shared by every environment; dev, test and prod adjust them."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "portal.backoffice.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "crispy_forms",
    "simple_history",
    "portal",
    "centres",
    "offerings",
    "requests.apps.RequestsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.web.middleware.ChosenLanguageMiddleware",
    "portal.web.middleware.RefuseNullCharactersInAdminMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "portal.web.middleware.PrivateWhenLoggedInMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.web.context_processors.content_language",
                "portal.web.context_processors.logged_in_user",
            ],
            # The site's template tags live with the web layer, not in an app of their own.
            "libraries": {"portal_tags": "portal.web.templatetags.portal_tags"},
        },
    },
]

# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL (or anything Django knows).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A write transaction takes SQLite's lock when it begins, so two parallel writers (two centres
    # taking the lead, two submissions numbering themselves) wait for each other instead of the
    # second failing with "database is locked" halfway through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set (production: shared by every gunicorn process and machine), else
# each process's own memory. Short timeouts: a slow cache must not hold up a page for long.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_TIMEOUT_SECONDS = 2
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kompetanseportalen"),
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
                "socket_timeout": CACHE_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Bokmål unless the person chooses another language with the switch (the browser's language is
# not asked: Norwegian public services open in Bokmål). The choice is kept for a year.
LANGUAGE_COOKIE_NAME = "sprak"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
# English dates the British way ("16 Dec 2026, 19:00"); nb and nn keep Django's own formats.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Only the npm folders the pages use are exposed, each under its own prefix.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/designsystemet", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist"),
    ("vendor/inter", NODE_MODULES / "@fontsource" / "inter" / "files"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["designsystemet"]
CRISPY_TEMPLATE_PACK = "designsystemet"
CRISPY_FAIL_SILENTLY = False

# Only staff and advisers log in, on one page; afterwards each role lands where its work is
# (`portal/backoffice/landing.py`).
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "login"
# A form sent with a missing or stale CSRF token gets the site's own page, not Django's.
CSRF_FAILURE_VIEW = "portal.web.views.csrf_failure"
# A back-office session ends after an hour without a request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 60 * 60))
SESSION_SAVE_EVERY_REQUEST = True
# Guessing passwords: this many failures for one username from one address locks that pair out.
LOGIN_FAILURE_LIMIT = 5
LOGIN_LOCKOUT_SECONDS = 15 * 60
# Behind a reverse proxy: the request header (Django META name) that carries the client's address,
# e.g. HTTP_X_REAL_IP, set by the proxy. Empty: REMOTE_ADDR.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
# An invitation link for new centre staff works once, for this long.
STAFF_INVITATION_MAX_AGE = 7 * 24 * 60 * 60
# Entries nobody has confirmed for this long are flagged to their centre's staff.
VERIFICATION_MAX_AGE_DAYS = 182
# Links in emails sent outside a request (reminders) start with this.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where people report errors on the portal itself and problems with its accessibility.
SERVICE_CONTACT_EMAIL = os.environ.get(
    "SERVICE_CONTACT_EMAIL", "redaksjonen@kompetanseportalen.example.no"
)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Kompetanseportalen <ikke-svar@example.no>"
)
# Requests for help: each address may post the form this many times an hour (colleagues behind
# one municipal network share an address, so the limit is generous).
HELP_REQUEST_RATE_LIMIT = int(os.environ.get("HELP_REQUEST_RATE_LIMIT", 20))
HELP_REQUEST_RATE_WINDOW_SECONDS = 60 * 60
# Closed requests keep the requester's contact details and free text this long, then
# `manage.py anonymise_requests` erases them; the statistics stay.
HELP_REQUEST_RETENTION_DAYS = int(os.environ.get("HELP_REQUEST_RETENTION_DAYS", 365))
# "Waiting for a reply" in the centres' queue: no answer after this many working days.
HELP_REQUEST_REPLY_WORKING_DAYS = 10
# Documents centres publish (grant letters, annual reports): stored here, served by a view that
# checks them, never straight from the web server.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
DOCUMENT_MAX_UPLOAD_BYTES = int(os.environ.get("DOCUMENT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
# The digest's subscription form: posts allowed per address and hour; confirmation link lifetime.
DIGEST_RATE_LIMIT = int(os.environ.get("DIGEST_RATE_LIMIT", 10))
DIGEST_RATE_WINDOW_SECONDS = 60 * 60
DIGEST_CONFIRMATION_MAX_AGE_DAYS = 7
# Reverting an entry from its history is for portal editors in the database shell, not the admin.
SIMPLE_HISTORY_REVERT_DISABLED = True

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# The finder remembers the last municipality for a year; it is not personal data on its own.
MUNICIPALITY_COOKIE_NAME = "kommune"
MUNICIPALITY_COOKIE_MAX_AGE = 60 * 60 * 24 * 365

# `make bench` only: serves the yardstick view (one query, one small template) that pages are
# measured against. Never set in production.
BENCHMARK_YARDSTICK = os.environ.get("BENCHMARK_YARDSTICK", "") == "1"
# The health endpoint gives each dependency this long to answer.
HEALTH_CHECK_TIMEOUT_SECONDS = 2

# Demo content (fictional people, invented courses) is refused where this is False.
DEMO_CONTENT_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
