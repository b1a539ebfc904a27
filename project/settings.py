"""Sanad settings, read from the environment.

Variables: DJANGO_DEBUG, DJANGO_SECRET_KEY (else the key file `make run`/`make serve` generate;
required unless debug), DJANGO_ALLOWED_HOSTS, DATABASE_URL (unset: a SQLite file),
DJANGO_SECURE_SSL_REDIRECT, DJANGO_SECURE_HSTS_SECONDS, SANAD_ANONYMOUS_READS, SANAD_CACHE_URL,
CELERY_BROKER_URL (unset: tasks run in process). Test-only values live in the pytest
configuration, not here.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import secrets
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


def read_secret_key_file(path: Path) -> str:
    """The key in `path`, generated there once (mode 600) when there is none; "" when it can be
    neither read nor written (a read-only install must then set DJANGO_SECRET_KEY).

    Why generate it here and not only in `make run`: every `manage.py` command must work in a
    fresh shell of a checkout, debug off, whichever command runs first. `O_EXCL` makes two
    processes starting at once (gunicorn workers) agree on one key.
    """
    try:
        return path.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return ""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it a moment ago
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(secrets.token_urlsafe(50) + "\n")
    return path.read_text(encoding="utf-8").strip()


DEBUG = env_bool("DJANGO_DEBUG", False)

# The key comes from DJANGO_SECRET_KEY, else from a local file generated once (`var/secret-key`,
# never committed; `make run` and `make serve` use the same file), so every `manage.py` command
# works in a fresh shell with DEBUG off. Nothing here turns debug on: where no key can be read
# or written and debug is off, the settings refuse to load.
SECRET_KEY_FILE = Path(os.environ.get("SANAD_SECRET_KEY_FILE") or BASE_DIR / "var" / "secret-key")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or read_secret_key_file(SECRET_KEY_FILE)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off and {SECRET_KEY_FILE} can be neither read "
            "nor written"
        )
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
    # Swagger UI's files served by the project itself, so /api/docs/ works offline.
    "drf_spectacular_sidecar",
    # Failed logins (admin and token creation) limited per user and per address.
    "axes",
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
    "project.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Django >= 6.0 sends SECURE_CSP itself; on the Django 5.2 pin (Python 3.11) a small
    # middleware sends the same header.
    "django.middleware.csp.ContentSecurityPolicyMiddleware"
    if importlib.util.find_spec("django.middleware.csp")
    else "project.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its answer.
    "axes.middleware.AxesMiddleware",
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

# The axes backend first: it refuses a locked-out user or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

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
# Content-Security-Policy: only this origin's scripts, styles and images (the admin, the
# browsable API and the self-hosted Swagger UI need nothing else), nothing framed or framing.
# Plain strings rather than django.utils.csp.CSP so the Django 5.2 fallback can read them.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- Failed logins (django-axes) -------------------------------------------------------------
# After AXES_FAILURE_LIMIT failures a username is locked, whatever the address, and so is an
# address, whatever the username, for the cool-off time. Attempts are counted in the database,
# so every gunicorn worker and machine sees the same count. Behind a proxy, REMOTE_ADDR is the
# proxy's: put the client address there (e.g. gunicorn's forwarded_allow_ips) before relying on
# the per-address limit.
AXES_FAILURE_LIMIT = env_int("SANAD_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("SANAD_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "project.lockout.lockout_response"
AXES_VERBOSE = False

# --- Cache (throttles) ---------------------------------------------------------------------
# The API throttles count in this cache, so it must be shared by every worker process: Redis
# when SANAD_CACHE_URL names one (redis://host:6379/N), else a table in the database
# (created by a migration). `locmem://` is per process: for tests only.
CACHE_URL = os.environ.get("SANAD_CACHE_URL", "").strip()
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL == "locmem://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL in ("", "db://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sanad_cache",
            # Culling at Django's default of 300 entries would forget throttle counts.
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }
    }
else:
    raise ImproperlyConfigured(f"SANAD_CACHE_URL={CACHE_URL!r}: expected redis://…, db:// or locmem://")

# --- API ------------------------------------------------------------------------------------
ANONYMOUS_READS = env_bool("SANAD_ANONYMOUS_READS", True)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "project.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "project.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PARSER_CLASSES": ["project.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["project.renderers.ORJSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
    "EXCEPTION_HANDLER": "project.exceptions.api_exception_handler",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "project.filters.OrderingFilter",
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
    # Swagger UI from drf-spectacular-sidecar's static files: no CDN, works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `status`, `origin` or `kind` of their own: name each choice set.
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "ClaimOriginEnum": "claims.models.ClaimOrigin",
        "VocabularyStatusEnum": "claims.models.VocabularyStatus",
        "VocabularyOriginEnum": "claims.models.VocabularyOrigin",
        "EntityKindEnum": "claims.models.EntityKind",
        "MentionKindEnum": "corpus.models.MentionKind",
        "IngestJobStatusEnum": "claims.models.IngestJob.Status",
        "IngestStatusEnum": ["ingested", "unchanged"],
    },
}

# --- Jobs (Celery) -------------------------------------------------------------------------
# Batch ingestion runs as Celery tasks, one document per task. With CELERY_BROKER_URL set
# (Redis in production: redis://host:6379/N) `make worker` processes them; without it they run
# in the submitting process, so the embedded default needs nothing else installed. Job state
# lives in the database (IngestJob rows), so no result backend is needed.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip()
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
# Late acknowledgement: a message is acknowledged after its task ran, so a worker killed
# mid-task leaves it to be delivered again (tasks are idempotent); one message reserved per
# worker process at a time, so a killed worker strands as few as possible.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a message nobody acknowledged after `visibility_timeout` seconds (its worker
# died without a word): longer than the slowest task, short enough that a crash costs little.
# Every worker looks for such messages every `unacked_restore_interval` seconds (one cheap
# Redis query; kombu's default would look only every tenth time).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("SANAD_CELERY_VISIBILITY_TIMEOUT", 600),
    "unacked_restore_interval": env_int("SANAD_CELERY_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("SANAD_CELERY_QUEUE", "sanad")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

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
