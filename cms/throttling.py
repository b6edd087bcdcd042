"""Counting attempts in the cache, per purpose, client and target, to refuse a burst of them.

Logins have django-axes; the other doors that can be knocked on (a private page's shared password, the
sign-up form) share this counter. An attempt is counted before it is tried, so that simultaneous
requests cannot all slip in under the limit; each attempt, refused ones included, keeps the counter
alive for ``period`` seconds more, so a client that keeps knocking stays locked out, as django-axes
does with ``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT``.

With several server processes the cache must be shared (``REDIS_URL``): a per-process memory cache
counts each process's attempts apart.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Throttle:
    purpose: str
    limit: int
    period: float  # seconds

    def _key(self, parts):
        digest = hashlib.sha256("\0".join([self.purpose, *map(str, parts)]).encode()).hexdigest()
        return f"throttle:{digest}"

    def attempt(self, *parts):
        """Count one attempt for ``parts`` (client, target…): True if it is within the limit."""
        key = self._key(parts)
        timeout = max(1, round(self.period))
        if cache.add(key, 1, timeout):
            return self.limit >= 1
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, timeout)
            count = 1
        cache.touch(key, timeout)
        return count <= self.limit

    def clear(self, *parts):
        cache.delete(self._key(parts))

    @property
    def minutes(self):
        """The lockout, in whole minutes, for messages."""
        return max(1, round(self.period / 60))
