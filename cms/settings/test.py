"""Test runs: fast password hashing, e-mails kept in memory, no stray files in the work tree."""

import os
import re

from .base import *  # noqa: F403

# Parallel runs (pytest -n, pytest-xdist): each worker has its own database (pytest-django adds the
# worker's name to it), media folder, content generation and Redis database, since a test clears
# the cache (Redis FLUSHDB) and bumps the generation while the other worker's tests run.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
WORKER_NUMBER = int(WORKER[2:]) if WORKER.startswith("gw") and WORKER[2:].isdigit() else None
_SUFFIX = f"-{WORKER}" if WORKER else ""

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / f".test-media{_SUFFIX}"  # noqa: F405  (kept with the reusable test database)
ALLOWED_HOSTS = ["*"]
# the tests serve their sources on 127.0.0.1 (tests/harvest/http.py); one test turns this off
HARVEST_PRIVATE_ADDRESSES = True
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# each test runs in a transaction no other thread can see: index updates are sent in the test's own
SEARCH_INDEX_WORKER = "inline"

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # a file rather than memory, so that `pytest --reuse-db` can skip the set-up between runs
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405

# The live engine of a run (OPENSEARCH_URL, ELASTICSEARCH_URL) is configured test by test, on indices
# of its own (tests/search/conftest.py ``live_engine``): the rest of the suite runs on the database
# search, and never writes the test pages of a rolled-back transaction into a shared index.
SEARCH_ENGINE = OPENSEARCH_URL = ELASTICSEARCH_URL = ""
_backends = WAGTAILSEARCH_BACKENDS  # noqa: F405
WAGTAILSEARCH_BACKENDS = {
    name: backend for name, backend in _backends.items() if not name.startswith("catalogue_")
}
# the tests create the demo accounts where they check them (manage.py load_demo --accounts)
DEMO_ACCOUNTS = True
# the public content's generation (core/freshness.py), apart from a development server's
FRESHNESS_FILE = BASE_DIR / f".test-freshness{_SUFFIX}"  # noqa: F405
# tests make many searches from one address; the rate limit's own tests lower it (tests/caching)
EXPENSIVE_ANSWERS_LIMIT = 1_000_000

if WORKER_NUMBER is not None and CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    # redis://host:port/N → the worker's own database N + 1 + worker (Redis has 16 by default)
    _location = CACHES["default"]["LOCATION"]  # noqa: F405
    _base = int(m.group(1)) if (m := re.search(r"/(\d+)$", _location)) else 0
    CACHES["default"]["LOCATION"] = re.sub(r"(/\d+)?$", f"/{_base + 1 + WORKER_NUMBER}", _location, count=1)  # noqa: F405
