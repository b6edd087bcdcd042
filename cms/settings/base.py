"""Settings shared by every environment.

Everything that differs between a laptop and a production host is read from the environment, with
defaults that need no set-up: no DATABASE_URL means a SQLite file, no OPENSEARCH_URL or ELASTICSEARCH_URL
means the database search backend, no REDIS_URL means a local-memory cache. ``site/env.example`` lists every
variable read here.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from search.config import engine_backends, engine_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "cms",
    "moderation",
    "localisation",
    "access",
    "history",
    "demo",
    "pages",
    "snippets",
    # before wagtail.search: its ``update_index`` also rebuilds the per-language catalogue indices
    "search",
    "wiki",
    "opendata",
    "harvest",
    "vitality",  # each tool's vitality and every link checked (vitality/checks.py)
    "atlas",  # the map and the figures page
    "community",  # endorsements, arguments for and against, votes, reports
    "caching",  # whole anonymous answers per content generation, and their invalidation
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales, adds synchronisation settings
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
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
    "django_countries",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy: the site's policy, or the admin's under /admin/ (cms/csp.py)
    "cms.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # an answer to a signed-in visitor is private; every answer varies with the cookie
    "cms.private_answers.PrivateWhenSignedInMiddleware",
    # before anything that reads the session, the redirects or a view: refuses NUL bytes and huge ids
    "core.hostile_input.HostileInputMiddleware",
    # who is asking, for the publish-right check of page and taxonomy saves (moderation/publishing.py)
    "moderation.publishing.CurrentRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # anonymous answers from the cache: after the session, CSRF and messages, which it checks
    "caching.middleware.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # a page's edit form is saved in one transaction, from the stale-version check to the save
    "wiki.conflicts.EditTransactionMiddleware",
    # the page an address leads to, found once per publish (pages/routing.py)
    "pages.routing.CachedRouteMiddleware",
    # last, as django-axes asks: turns a locked-out login into its lockout response
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one account from one
# address, that pair is locked out for AXES_COOLOFF_TIME hours, whatever password comes next.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_TIME", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "wiki/locked_out.html"
AXES_VERBOSE = False
# Behind the reverse proxy (site/nginx.conf) every request comes from 127.0.0.1: throttling keys on the
# address the proxy puts in X-Forwarded-For, believed only from these addresses (core/clients.py). The
# same variable tells gunicorn whose X-Forwarded-Proto to believe (site/gunicorn.conf.py).
TRUSTED_PROXIES = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1")
AXES_CLIENT_IP_CALLABLE = "core.clients.limited_address"
# Login by e-mail address or user name, in any case (wiki/login.py); axes counts failures per account
AXES_USERNAME_CALLABLE = "wiki.login.axes_username"
WAGTAILADMIN_USER_LOGIN_FORM = "wiki.login.EmailLoginForm"
# demo accounts with known passwords (demo/accounts.py): on only in cms/settings/dev.py and the tests
DEMO_ACCOUNTS = False
# Expensive anonymous answers (searches, suggestions, exports, the API's lists, filtered listings, the
# map's counts, comparisons, recent changes) that do not come from the cache: at most this many per
# client address (an IPv6 /64) in each period of seconds, then 429 with Retry-After (core/throttling.py).
EXPENSIVE_ANSWERS_LIMIT = int(os.environ.get("EXPENSIVE_ANSWERS_LIMIT", "40"))
EXPENSIVE_ANSWERS_PERIOD = float(os.environ.get("EXPENSIVE_ANSWERS_PERIOD", "60"))
# Sign-up: applications allowed per client address, and per e-mail address, within SIGNUP_RATE_PERIOD hours.
SIGNUP_RATE_LIMIT = int(os.environ.get("SIGNUP_RATE_LIMIT", "5"))
SIGNUP_RATE_PERIOD = float(os.environ.get("SIGNUP_RATE_PERIOD", "1"))
# Password reset e-mails (wiki/password_reset.py): requests per e-mail address, and per client address,
# within PASSWORD_RESET_RATE_PERIOD hours; over either, the answer is the same and nothing is sent.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "wiki.password_reset.ThrottledPasswordResetForm"
PASSWORD_RESET_RATE_LIMIT = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT", "3"))
PASSWORD_RESET_CLIENT_RATE_LIMIT = int(os.environ.get("PASSWORD_RESET_CLIENT_RATE_LIMIT", "10"))
PASSWORD_RESET_RATE_PERIOD = float(os.environ.get("PASSWORD_RESET_RATE_PERIOD", "1"))

# --- Content-Security-Policy (django-csp) ------------------------------------------------------------
# The public site runs nothing inline: scripts, styles, images and fonts come from the site itself, the
# only requests its scripts make are to the site itself, and no page may be framed. Under /admin/,
# Wagtail and wagtail-localize need what CONTENT_SECURITY_POLICY_ADMIN adds (see cms/csp.py for why).
# CSP_REPORT_URI, when set, is where browsers send their reports of what the policy blocked.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": os.environ.get("CSP_REPORT_URI") or None,
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "blob:"],
        "frame-ancestors": [SELF],
    }
}

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The text parts of e-mails (``*.txt``: subjects and bodies) are text, not HTML: rendered
        # without HTML escaping ("D'Arc & Fils", not "D&#x27;Arc &amp; Fils"), by this engine only
        # (localisation/mail.py ``render_part``); their HTML parts stay escaped by the one above.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- Database ---------------------------------------------------------------------------------------
# postgres://… selects PostgreSQL through psycopg 3; without DATABASE_URL, a SQLite file next to manage.py.
# DATABASE_CONN_MAX_AGE: seconds a connection is kept for the next requests of its thread (0: one per
# request). A kept connection is checked before a request reuses it (CONN_HEALTH_CHECKS), so one that
# died meanwhile (PostgreSQL restarted, an idle timeout) is replaced instead of failing the request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A transaction takes SQLite's write lock when it begins, not at its first write: two writers
    # then wait for each other (up to the timeout) instead of failing with "database is locked",
    # and a check made at the start of a transaction still holds when it writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "toolbox"),
        }
    }
else:
    # one per process: the content generation (core/freshness.py) still makes every copy stale at once
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOCAL_CACHE_ENTRIES", "1000"))},
        }
    }

# The content generation (core/freshness.py) without Redis: a file every process of the machine can write.
FRESHNESS_FILE = Path(os.environ.get("FRESHNESS_FILE") or BASE_DIR / ".freshness")

# Whole anonymous answers, kept per content generation (caching/): PAGE_CACHE=0 turns it off.
PAGE_CACHE = os.environ.get("PAGE_CACHE", "1") != "0"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600"))  # seconds
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(20 * 1024 * 1024)))
# How long a cache in front (nginx, Varnish, a CDN) may keep a public answer (Cache-Control s-maxage)
FRONTEND_CACHE_TTL = int(os.environ.get("FRONTEND_CACHE_TTL", "60"))

# Taking part (community/): arguments a new contributor must have had published before theirs appear
# without a moderator, and per-account limits as "action=count/seconds,…" (community/rules.py).
COMMUNITY_TRUSTED_AFTER = int(os.environ.get("COMMUNITY_TRUSTED_AFTER", "2"))


def _rate_limits(text):
    limits = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        action, _, limit = item.partition("=")
        count, _, seconds = limit.partition("/")
        if not (count.strip().isdigit() and seconds.strip().isdigit()):
            raise ImproperlyConfigured(f"COMMUNITY_RATE_LIMITS: {item!r} is not action=count/seconds")
        limits[action.strip()] = (int(count), int(seconds))
    return limits


COMMUNITY_RATE_LIMITS = _rate_limits(os.environ.get("COMMUNITY_RATE_LIMITS", ""))

# Purging that cache on publish (caching/frontend.py): one of a purge URL (Varnish, nginx with a
# purge module: an HTTP PURGE per address, each given FRONTEND_CACHE_PURGE_TIMEOUT seconds),
# Cloudflare, or CloudFront. Purges run in the background ("background" in TASKS below), never in
# the publishing request.
FRONTEND_CACHE_PURGE_TIMEOUT = float(os.environ.get("FRONTEND_CACHE_PURGE_TIMEOUT", "5"))
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["edge"] = {
        "BACKEND": "caching.frontend.HTTPPurgeBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }

# --- Background work (django-tasks, as Wagtail 8 uses it) ------------------------------------------
# Wagtail's own tasks (its reference index…) run inline, as django-tasks does by default. Work that
# talks to another server and whose loss is harmless (the edge cache's purges: its TTL bounds what a
# lost one costs) runs after the commit in a few threads of the process (cms/task_backends.py), so a
# request never waits on it. A later worker process (django-tasks-db, RQ) replaces this setting only.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": "cms.task_backends.ThreadPoolBackend",
        "QUEUES": ["edge-purge", "harvest"],
        "OPTIONS": {
            "THREADS": int(os.environ.get("BACKGROUND_THREADS", "2")),
            "MAX_PENDING": int(os.environ.get("BACKGROUND_MAX_PENDING", "100")),
        },
    },
}

# --- Harvesting other catalogues (harvest/) ----------------------------------------------------------
# A source whose address is on this machine's own network (127.0.0.1, 10.x, 169.254.x…) is refused, so
# that no moderator's typo or trick publishes what only that network may read. The tests and a
# developer's machine serve sources on 127.0.0.1 (cms/settings/test.py and dev.py allow it).
HARVEST_PRIVATE_ADDRESSES = env_bool("HARVEST_PRIVATE_ADDRESSES", False)

# --- Vitality and link checks (vitality/) -------------------------------------------------------------
# manage.py check_vitality (cron) asks each external address again once its last check is this old
VITALITY_PERIOD_HOURS = float(os.environ.get("VITALITY_PERIOD_HOURS", "24"))
VITALITY_CONCURRENCY = int(os.environ.get("VITALITY_CONCURRENCY", "8"))  # hosts asked at once
VITALITY_PER_HOST = int(os.environ.get("VITALITY_PER_HOST", "2"))  # requests to one host at once
VITALITY_MAX_WAIT = float(os.environ.get("VITALITY_MAX_WAIT", "30"))  # a longer Retry-After: next run
VITALITY_CONNECT_TIMEOUT = float(os.environ.get("VITALITY_CONNECT_TIMEOUT", "5"))
VITALITY_READ_TIMEOUT = float(os.environ.get("VITALITY_READ_TIMEOUT", "15"))
VITALITY_SILENT_DAYS = int(os.environ.get("VITALITY_SILENT_DAYS", "730"))  # a repository this quiet: flagged
VITALITY_GITHUB_API = os.environ.get("VITALITY_GITHUB_API", "https://api.github.com")
# hosts whose forge is known by name (others: by "gitlab", "gitea" or "forgejo" in the name, or asked)
VITALITY_FORGES = {
    "github.com": "github",
    "gitlab.com": "gitlab",
    "framagit.org": "gitlab",
    "gitlab.adullact.net": "gitlab",
    "codeberg.org": "gitea",
    "gitea.com": "gitea",
}
# optional API tokens per forge host ("github.com=…,gitlab.com=…"): higher rate limits; sent to that
# host's API only, never logged or stored
VITALITY_FORGE_TOKENS = dict(
    item.split("=", 1) for item in os.environ.get("VITALITY_FORGE_TOKENS", "").split(",") if "=" in item
)

# --- Passwords --------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages --------------------------------------------------------------------------------------
# French is the default; every public URL carries its language (/fr/, /en/, /es/).
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", "Français"),
    ("en", "English"),
    ("es", "Español"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")

# --- Static and media files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files are served by Django only in development, or where SERVE_MEDIA says so (a single-machine
# deployment, the browser tests); a real deployment lets its web server or object store do it.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail -----------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "OGP Toolbox <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Wagtail e-mails moderators when a revision is submitted, and the submitter when it is approved or
# rejected (with the moderator's comment).
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# --- Wagtail ----------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "OGP Toolbox"
# The public address (scheme, host and port, no path): every absolute link the site gives out starts
# with it (API and export records, sitemaps, canonical links, feeds, e-mails), and `bootstrap` gives it
# to the Wagtail Site. Unset: the address `make run` serves, which a system check refuses with DEBUG
# off (core/site_address.py). Wagtail's admin links follow it unless WAGTAILADMIN_BASE_URL is set.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL or "http://127.0.0.1:8000"
# The admin's search (pages, images, snippets) uses Wagtail's database backend. Visitors' searches go
# through the ``search`` app: its own database index, and with OPENSEARCH_URL or ELASTICSEARCH_URL one
# index per language on that engine, declared here as modelsearch backends only the ``search`` app updates.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
SEARCH_ENGINE, _search_url = engine_from_environment(os.environ)
OPENSEARCH_URL = _search_url if SEARCH_ENGINE == "opensearch" else ""
ELASTICSEARCH_URL = _search_url if SEARCH_ENGINE == "elasticsearch" else ""
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "toolbox_")
# A search waits this long (seconds) for the engine before the database answers instead; index updates
# and rebuilds, which run outside requests, wait SEARCH_INDEX_TIMEOUT.
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "1"))
SEARCH_INDEX_TIMEOUT = float(os.environ.get("SEARCH_INDEX_TIMEOUT", "30"))
# After this many failures in a row the engine is left alone for this many seconds (search.engines.breaker).
SEARCH_BREAKER_FAILURES = int(os.environ.get("SEARCH_BREAKER_FAILURES", "3"))
SEARCH_BREAKER_SECONDS = float(os.environ.get("SEARCH_BREAKER_SECONDS", "30"))
# Index updates for the engine are queued in the database as the change commits and sent by a worker
# thread of the process ("thread"), at once in the same thread ("inline": tests, commands), or only
# by `manage.py search_catch_up` ("queue": a cron job or a separate worker sends them).
SEARCH_INDEX_WORKER = os.environ.get("SEARCH_INDEX_WORKER", "thread")
if SEARCH_ENGINE:
    WAGTAILSEARCH_BACKENDS |= engine_backends(
        SEARCH_ENGINE, _search_url, SEARCH_INDEX_PREFIX, SEARCH_INDEX_TIMEOUT
    )

# Every image upload form of the admin (add, multiple upload, the chooser's upload, a new file for an
# image): a damaged image or a decompression bomb is a form error, and originals are stored without
# their EXIF (GPS positions), XMP, IPTC and comments (cms/images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.ImageForm"

# Moderation: an approved revision that is edited again must be approved again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# Translators have page rights in their own tree only, and Wagtail 8 has no read-only page right
# (wagtail/wagtail#2401): the admin's page search would hide the pages they translate from. Its
# searches and listings keep Wagtail's filter by permission (this setting's default), with a policy
# that adds the live public pages of every tree (access/admin_pages.py); those one may not edit are
# listed unlinked, with "View live" and "Translate".
WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = True

# wagtail-localize: submitting a live page for translation must not publish untranslated copies.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

LOGIN_URL = "wagtailadmin_login"
# Admin avatars: the ones people upload, else Wagtail's default; never gravatar.com, which would learn
# who uses the admin (a hash of each e-mail address) and is not allowed by the admin's CSP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Countries are shown with their names in the visitor's language (django-countries ships fr/en/es).
COUNTRIES_FIRST = ["FR", "US", "AR", "SN", "TN", "MX", "CO", "GB", "UA", "MY"]
COUNTRIES_FIRST_BREAK = "──────────"
