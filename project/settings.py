"""Sanad settings, read from the environment.

Variables: DJANGO_DEBUG, DJANGO_SECRET_KEY (required unless debug), DJANGO_ALLOWED_HOSTS,
DATABASE_URL (unset: a SQLite file), DJANGO_SECURE_SSL_REDIRECT, DJANGO_SECURE_HSTS_SECONDS,
SANAD_ANONYMOUS_READS. Test-only values live in the pytest configuration, not here.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; an unknown spelling is a configuration error, not a silent False."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use one of {sorted(_TRUE | _FALSE)})")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off")
    # Development only: a fixed key is harmless when DEBUG is on and nothing is exposed.
    SECRET_KEY = "django-insecure-development-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "corpus",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves collected static files (the admin's) from gunicorn, with far-future caching.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "project.middleware.RejectUnstorableInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "project" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "project.wsgi.application"

# --- Database -----------------------------------------------------------------------------
SQLITE_PATH = BASE_DIR / "var" / "sanad.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 0),
        # With persistent connections (`make serve` keeps them 60 s), check a reused connection
        # before each request so a restarted database costs one reconnect, not one failed request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue on the busy timeout instead of failing with "database is locked", and
    # IMMEDIATE transactions take the write lock up front so a read-then-write cannot deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    if not os.environ.get("DATABASE_URL"):
        SQLITE_PATH.parent.mkdir(exist_ok=True)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Cap slow queries: a runaway filter gets an error after this long instead of holding a
    # worker and a connection. JIT off: the planner JIT-compiles the conflict scan (its cost
    # estimate is high) for ~70 ms of compilation, more than JIT saves on queries of this size.
    #
    # Server-side binding sends parameters apart from the SQL (psycopg's `Cursor` instead of its
    # `ClientCursor`), which is what lets psycopg prepare a statement: once a query has run
    # `prepare_threshold` times on a connection it is parsed and planned once and then only
    # executed. The claims page plans its joins in ~1.7 ms and runs them in ~0.3 ms, so this
    # halves a page. Prepared statements live in the server session: behind a pooler in
    # transaction mode (PgBouncer < 1.21) turn them off with SANAD_PG_PREPARE_THRESHOLD=off.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "options": f"-c statement_timeout={env_int('SANAD_STATEMENT_TIMEOUT_MS', 30_000)} -c jit=off",
            "server_side_binding": True,
            "prepare_threshold": (
                None
                if os.environ.get("SANAD_PG_PREPARE_THRESHOLD", "").strip().lower() == "off"
                else env_int("SANAD_PG_PREPARE_THRESHOLD", 2)
            ),
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names need `collectstatic` first, which `make serve` runs and then
    # turns this on; everywhere else (runserver, tests) plain names are served.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("SANAD_STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Security (production unless DJANGO_DEBUG) ---------------------------------------------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# HSTS: one year, subdomains and preload by default in production; set
# DJANGO_SECURE_HSTS_SECONDS=0 while trying HTTPS out on a new domain.
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- API ------------------------------------------------------------------------------------
ANONYMOUS_READS = env_bool("SANAD_ANONYMOUS_READS", True)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "project.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "project.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["project.renderers.ORJSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
    "EXCEPTION_HANDLER": "project.exceptions.api_exception_handler",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "project.permissions.ReadOpenOrModelPermissions",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("SANAD_ANON_RATE", "600/minute")},
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Sanad API",
    "DESCRIPTION": "Claims ledger for multilingual news: documents, sentences, claims and cross-checks.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models have a `status`, `origin` or `kind` of their own: name each choice set.
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "ClaimOriginEnum": "claims.models.ClaimOrigin",
        "VocabularyStatusEnum": "claims.models.VocabularyStatus",
        "VocabularyOriginEnum": "claims.models.VocabularyOrigin",
        "EntityKindEnum": "claims.models.EntityKind",
        "MentionKindEnum": "corpus.models.MentionKind",
    },
}

# Upload/body limit: API bodies over this get 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
# Ingest refuses files over this size.
SANAD_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
