"""Counting attempts in the cache, per purpose, client and target, to refuse a burst of them.

Logins have django-axes; the other doors that can be knocked on (a private page's shared password, the
sign-up form) share this counter. An attempt is counted before it is tried, so that simultaneous
requests cannot all slip in under the limit; each attempt, refused ones included, keeps the counter
alive for ``period`` seconds more, so a client that keeps knocking stays locked out, as django-axes
does with ``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT``.

Expensive anonymous answers (searches, exports, filtered listings: views declared with
``core.parameters.reads(..., expensive=True)``) are a rate rather than a lockout: ``within_rate``
counts them in fixed windows of ``period`` seconds, and says how long until the next window. The
whole-answer cache calls it only for answers it has to make (caching/middleware.py), so visitors
reading what is cached are never counted.

With several server processes the cache must be shared (``REDIS_URL``): a per-process memory cache
counts each process's attempts apart.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
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

    def within_rate(self, *parts):
        """Count one request for ``parts`` in the current window: 0 if within the limit, else the
        whole seconds until the window ends (for Retry-After)."""
        now = time.time()
        window = int(now // self.period)
        key = self._key((*parts, window))
        timeout = max(1, math.ceil(self.period))
        if cache.add(key, 1, timeout):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between the two calls
                cache.add(key, 1, timeout)
                count = 1
        if count <= self.limit:
            return 0
        return max(1, math.ceil((window + 1) * self.period - now))

    def clear(self, *parts):
        cache.delete(self._key(parts))

    @property
    def minutes(self):
        """The lockout, in whole minutes, for messages."""
        return max(1, round(self.period / 60))


def expensive_answers():
    """Searches, exports and filtered listings made for one client (EXPENSIVE_ANSWERS_* settings)."""
    return Throttle("expensive-answer", settings.EXPENSIVE_ANSWERS_LIMIT, settings.EXPENSIVE_ANSWERS_PERIOD)
