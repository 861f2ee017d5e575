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

# Background jobs run inline, inside the request or command that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Parallel test processes (pytest-xdist) share one Redis when REDIS_URL is set: each keeps its
# own keys.
if "RedisCache" in CACHES["default"]["BACKEND"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = "test-" + os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
