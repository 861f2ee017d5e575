"""The production settings module, run with a throwaway key and fast password hashing.

Tests exercise the real settings (DEBUG off, CSP, secure cookies); only what a test machine
cannot provide is filled in here.
"""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef"
)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from timeline.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files from the app directories, as runserver does, without a collectstatic step.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# SQLite tests use a file, not the in-memory database: only a file exercises WAL, the busy
# timeout and immediate transactions that concurrent writers depend on. (pytest-django adds a
# suffix per xdist worker.)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405

# A shared cache (REDIS_URL) must not mix one test process's cached counts with another's, nor
# let one process's clear() empty another's cache mid-test. Servers a test starts to share one
# cache are given their common prefix (TEST_CACHE_KEY_PREFIX).
CACHES["default"]["KEY_PREFIX"] = os.environ.get("TEST_CACHE_KEY_PREFIX", f"test-{os.getpid()}")  # noqa: F405
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":  # noqa: F405
    CACHES["default"]["BACKEND"] = "tests.cache.PrefixedRedisCache"  # noqa: F405

# Background jobs run inline, inside the request or command that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
