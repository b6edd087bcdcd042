"""Settings of the benchmark servers: production's, on plain http://127.0.0.1, with a trivial view.

Production refuses to start without a strong key and host names, and redirects to https: here the
key is a fixed throw-away one (the bench databases hold nothing secret) and the server is plain http.
``bench.urls`` adds the trivial view, the ceiling every page is compared with; the site's own
URLconf never has it.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-Zq8wX2cV4bN6mL1kJ3hG5fD7sA9pO0iU")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# as site/env.example recommends for production: a worker keeps its PostgreSQL connection (a new
# one per request costs more than a cached page)
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
# the benchmark asks for many searches and exports from one address: speed, not the rate limit
os.environ.setdefault("EXPENSIVE_ANSWERS_LIMIT", "1000000")

from cms.settings.production import *  # noqa: F403
from cms.settings.production import BASE_DIR

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# hashed static files need a manifest: bench/pages.py collects them here once (gitignored)
STATIC_ROOT = BASE_DIR / ".bench-static"
# the whole-answer cache (caching/): PAGE_CACHE=0 serves every page rendered
PAGE_CACHE = os.environ.get("PAGE_CACHE", "1") != "0"
# the generation file of the bench database, shared by the bench process and the server's workers
FRESHNESS_FILE = BASE_DIR / os.environ.get("BENCH_FRESHNESS_FILE", ".bench-freshness")
