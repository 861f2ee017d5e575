"""Settings for Policy Timeline, read from the environment.

Development defaults apply only while DJANGO_DEBUG is on; production needs DJANGO_SECRET_KEY and
DJANGO_ALLOWED_HOSTS, and then ``manage.py check --deploy --fail-level WARNING`` reports nothing.
The variables are listed in README.md, "Configuration".
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (a long random string), or DJANGO_DEBUG=1 for development."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver" if DEBUG else ""
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "timeline",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, sessions' users and every view: no control character reaches a database.
    "timeline.middleware.ControlCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "timeline.urls"
WSGI_APPLICATION = "timeline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# How long a query waits for a lock, and how long one statement may run, in seconds. Both sit
# well below gunicorn's 30 s timeout, so a request stuck behind a table lock or a long import
# ends in the database, and the reader gets the 503 page with Retry-After (timeline/health.py)
# instead of a worker killed mid-request. `manage.py db_worker` applies its own, longer statement
# limit (DJANGO_DB_WORKER_STATEMENT_TIMEOUT). 0 turns a limit off. docs/operations.md.
DB_LOCK_TIMEOUT = float(os.environ.get("DJANGO_DB_LOCK_TIMEOUT", "10"))
DB_STATEMENT_TIMEOUT = float(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT", "20"))
DB_WORKER_STATEMENT_TIMEOUT = float(os.environ.get("DJANGO_DB_WORKER_STATEMENT_TIMEOUT", "300"))

# SQLite unless DATABASE_URL names another database. SQLite runs in WAL mode with a busy timeout
# (the lock timeout) and BEGIN IMMEDIATE, so concurrent writers queue for the lock instead of
# failing at once with "database is locked"
# (https://docs.djangoproject.com/en/5.2/ref/databases/#database-is-locked-errors).
SQLITE_OPTIONS = {
    "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
    "transaction_mode": "IMMEDIATE",
    "timeout": DB_LOCK_TIMEOUT,
}
# Connections are kept between requests (SQLite's too: a new one re-reads the schema and starts
# with an empty page cache, 3 to 5 ms of every cold timeline request; docs/performance.md).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server settings for every connection (libpq's "options"), after any from DATABASE_URL.
    # https://www.postgresql.org/docs/current/runtime-config-client.html
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = " ".join(
        filter(
            None,
            [
                _options.get("options", ""),
                f"-c lock_timeout={int(DB_LOCK_TIMEOUT * 1000)}",
                f"-c statement_timeout={int(DB_STATEMENT_TIMEOUT * 1000)}",
                # Compiling each grouped count to machine code (JIT) cost 56 to 110 ms of its
                # time at 1,000,000 events and won nothing back (docs/performance.md).
                "-c jit=off",
            ],
        )
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The timeline caches counts and pages here, keyed by the database's data version
# (timeline/results.py), so every process sees a change at once whatever the cache. REDIS_URL
# (redis://host:6379/0) shares one cache between every worker and machine; without it each
# process keeps its own in memory.
# https://docs.djangoproject.com/en/5.2/topics/cache/#redis
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", ""),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "policy-timeline",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

# Milliseconds the facet counts of one page may take together (0: no limit); a facet past them
# fetches its counts with a request of its own, which may take the second figure.
TIMELINE_FACET_TIME_LIMIT_MS = int(os.environ.get("TIMELINE_FACET_TIME_LIMIT_MS", "50"))
TIMELINE_DEFERRED_FACET_TIME_LIMIT_MS = int(
    os.environ.get("TIMELINE_DEFERRED_FACET_TIME_LIMIT_MS", "10000")
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Where a sign-in goes when `next` is missing, empty or unsafe (off-site): the admin index, as the
# admin's own login does without `next`. Every account the admin login admits (staff) may open it;
# the review queue would refuse staff outside the Editors group. Django's default is a 404 here.
LOGIN_REDIRECT_URL = "admin:index"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Content-Security-Policy (django-csp 4): nothing inline, nothing evaluated, no plugins or framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Production hardening; each is a `check --deploy` item. Behind a TLS-terminating proxy that sets
# X-Forwarded-Proto (https://docs.djangoproject.com/en/5.2/ref/settings/#secure-proxy-ssl-header).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Uploaded articles are read in memory up to this size; the ingest form refuses larger files.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Background jobs (ingestion) run through django-tasks with its database backend: the web process
# enqueues a row, `manage.py db_worker` (started by `make run`) picks it up. No broker to run.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Ingestion limits (docs/ingest-and-review.md). One article, fetched or uploaded, is at most
# INGEST_MAX_BYTES; a fetch gets INGEST_FETCH_TIMEOUT seconds in all and follows at most
# INGEST_MAX_REDIRECTS redirects; one batch holds at most INGEST_MAX_ARTICLES articles.
INGEST_MAX_BYTES = int(os.environ.get("INGEST_MAX_BYTES", 5 * 1024 * 1024))
INGEST_FETCH_TIMEOUT = float(os.environ.get("INGEST_FETCH_TIMEOUT", "15"))
INGEST_MAX_REDIRECTS = 3
INGEST_MAX_ARTICLES = 20
# Tests only: lets the first request of a fetch reach a test server on 127.0.0.1 (never any other
# address, never a redirect target), so redirects, size and time limits can be tested without
# the internet. Never set it in production; there is no environment variable for it.
INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS = False

# Watches (docs/watches.md): at least WATCH_HOST_INTERVAL seconds between two requests to one
# host; a poll records at most WATCH_MAX_LINKS_PER_POLL new links and fetches at most
# WATCH_ARTICLES_PER_POLL articles (the rest wait for the next poll, a minute later); a page
# with less text than WATCH_MIN_ARTICLE_CHARS is taken for a consent wall, not an article. A
# sitemap index is read through its WATCH_MAX_CHILD_SITEMAPS newest sitemaps. An article that
# could not be fetched for a passing reason (timeout, 5xx) is tried WATCH_ARTICLE_TRIES times in
# all, WATCH_RETRY_MINUTES after the first failure, then twice as long after each.
WATCH_HOST_INTERVAL = float(os.environ.get("WATCH_HOST_INTERVAL", "1"))
WATCH_MAX_CHILD_SITEMAPS = 5
WATCH_MAX_LINKS_PER_POLL = 1000
WATCH_ARTICLES_PER_POLL = 50
WATCH_MIN_ARTICLE_CHARS = 300
WATCH_ARTICLE_TRIES = 4
WATCH_RETRY_MINUTES = 10

# A confirmed CSV import of more rows than this is written by the background worker, not inside
# the request (timeline/imports/jobs.py).
TIMELINE_IMPORT_BACKGROUND_ROWS = int(os.environ.get("TIMELINE_IMPORT_BACKGROUND_ROWS", "2000"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Sign-in protection (django-axes): after AXES_FAILURE_LIMIT failed attempts for one user name from
# one address, that pair is locked out for the cool-off period; a correct password does not help.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# X-Forwarded-For is trusted only when DJANGO_PROXY_COUNT says how many proxies append to it;
# otherwise a client could send its own header to dodge the lockout.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
