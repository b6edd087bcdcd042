"""Test runs: fast password hashing, e-mails kept in memory, no stray files in the work tree."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405  (kept with the reusable test database)
ALLOWED_HOSTS = ["*"]
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
FRESHNESS_FILE = BASE_DIR / ".test-freshness"  # noqa: F405
# tests make many searches from one address; the rate limit's own tests lower it (tests/caching)
EXPENSIVE_ANSWERS_LIMIT = 1_000_000
