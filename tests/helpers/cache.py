"""What the shared cache holds, whichever backend the run uses (local memory, or Redis with REDIS_URL)."""

from django.core.cache import cache


def entries(kind):
    """The keys of the cache's ``kind`` entries (``page`` for whole answers: caching/middleware.py)."""
    marker = f":{kind}:"
    backend = cache._cache
    if hasattr(backend, "get_client"):  # Django's Redis backend: this run's own prefix only
        client = backend.get_client(None, write=False)
        pattern = f"{cache.key_prefix}*{marker}*" if cache.key_prefix else f"*{marker}*"
        return [key.decode() for key in client.scan_iter(match=pattern)]
    return [key for key in backend if marker in key]  # local memory: the dict of the process
