"""Settings helpers, importable from ``cms.settings`` (no Django models here)."""

from django.core.exceptions import ImproperlyConfigured

LANGUAGES = ("fr", "en", "es")

BACKEND_MODULES = {"elasticsearch": "search.engines.elasticsearch", "opensearch": "search.engines.opensearch"}


def engine_backends(engine, url, index_prefix="toolbox_", timeout=30.0):
    """``WAGTAILSEARCH_BACKENDS`` entries for the per-language catalogue indices on one cluster.

    ``timeout`` bounds index updates and rebuilds; searches have their own, shorter one
    (``SEARCH_TIMEOUT``), passed with each request.
    """
    return {
        f"catalogue_{code}": {
            "BACKEND": BACKEND_MODULES[engine],
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "LANGUAGE": code,
            "AUTO_UPDATE": False,
            "ATOMIC_REBUILD": True,
            "TIMEOUT": timeout,
            # a failure is recorded and replayed later (search_catch_up): no retries inside a request
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        }
        for code in LANGUAGES
    }


def engine_from_environment(environ):
    """``(engine, url)`` from ``OPENSEARCH_URL`` or ``ELASTICSEARCH_URL``, or ``("", "")``; not both."""
    opensearch, elasticsearch = environ.get("OPENSEARCH_URL", ""), environ.get("ELASTICSEARCH_URL", "")
    if opensearch and elasticsearch:
        raise ImproperlyConfigured(
            "Set OPENSEARCH_URL or ELASTICSEARCH_URL, not both: the site uses one search engine."
        )
    if opensearch:
        return "opensearch", opensearch
    if elasticsearch:
        return "elasticsearch", elasticsearch
    return "", ""
