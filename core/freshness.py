"""The public content's generation: one value that changes whenever anything visitors see changes.

Everything cached for visitors (whole anonymous answers, the header and footer of a language,
similar tools…) is stored under a key that includes the generation, so one change makes every
cached copy unreachable at once: the page itself, its listings, the pages that cite it, the home
page. Nothing has to know which pages show which; an old copy simply expires from the cache.

The generation must be the same for every worker process (gunicorn runs several): it lives in
Redis when ``REDIS_URL`` is set (every machine sees it), otherwise in a small file next to the
database (every process of this machine sees it, even with a per-process local-memory cache).
Reading it is one Redis GET or one ``stat`` per request, never an SQL query.
"""

import hashlib
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

KEY = "freshness:generation"


def _file():
    return Path(settings.FRESHNESS_FILE)  # from the environment (cms/settings/base.py)


def _shared_cache():
    return bool(getattr(settings, "FRESHNESS_IN_CACHE", os.environ.get("REDIS_URL")))


def generation():
    """The current generation (a string; it only ever changes, never repeats)."""
    if _shared_cache():
        value = cache.get(KEY)
        if value is None:
            value = bump()
        return str(value)
    try:
        return str(_file().stat().st_mtime_ns)
    except FileNotFoundError:
        return bump()


def bump():
    """Start a new generation: everything cached for visitors is stale from now on."""
    value = str(time.time_ns())
    if _shared_cache():
        cache.set(KEY, value, timeout=None)
        return value
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value)
    # two bumps within the file system's clock resolution must still differ
    now = time.time_ns()
    previous = path.stat().st_mtime_ns
    os.utime(path, ns=(now, max(now, previous + 1)))
    return str(path.stat().st_mtime_ns)


def cached(key, build, timeout=24 * 3600):
    """``build()``'s value, computed once per generation (then read from the cache)."""
    # hashed: keys hold visitors' paths, of any length and alphabet (memcached takes 250 ASCII)
    name = key.split(":", 1)[0]
    digest = hashlib.sha256(key.encode()).hexdigest()
    full = f"fresh:{generation()}:{name}:{digest}"
    value = cache.get(full)
    if value is None:
        value = build()
        cache.set(full, value, timeout)
    return value


# Models whose saves no public answer shows, declared by the features that own them and read by the
# cache's invalidation (caching/invalidation.py): saving their rows starts no new generation.
_UNSHOWN = set()


def declare_unshown(*models):
    _UNSHOWN.update(models)


def declared_unshown():
    return frozenset(_UNSHOWN)
