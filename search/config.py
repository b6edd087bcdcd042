"""Settings helpers, importable from ``cms.settings`` (no Django models here)."""

LANGUAGES = ("fr", "en", "es")


def elasticsearch_backends(url, index_prefix="toolbox_", timeout=5.0):
    """``WAGTAILSEARCH_BACKENDS`` entries for the per-language catalogue indices on one cluster."""
    return {
        f"catalogue_{code}": {
            "BACKEND": "search.engines.elasticsearch",
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "LANGUAGE": code,
            "AUTO_UPDATE": False,
            "ATOMIC_REBUILD": True,
            # a slow or absent cluster must not hold up publishing: fail fast, record, replay later
            "TIMEOUT": timeout,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        }
        for code in LANGUAGES
    }
