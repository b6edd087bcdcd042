"""A circuit breaker per engine, per process.

A hanging engine (it accepts connections and never answers) costs every request its timeout. After
``SEARCH_BREAKER_FAILURES`` failures in a row the engine is not tried for ``SEARCH_BREAKER_SECONDS``:
searches fall back to the database at once, with the notice, and index updates stay queued. The next
try after that is a probe: one success closes the breaker, one failure opens it again.
"""

import threading
import time

from django.conf import settings

_lock = threading.Lock()
_failures = {}
_open_until = {}


def allows(name):
    with _lock:
        return time.monotonic() >= _open_until.get(name, 0.0)


def failed(name):
    with _lock:
        count = _failures.get(name, 0) + 1
        _failures[name] = count
        if count >= settings.SEARCH_BREAKER_FAILURES:
            _open_until[name] = time.monotonic() + settings.SEARCH_BREAKER_SECONDS


def succeeded(name):
    with _lock:
        _failures.pop(name, None)
        _open_until.pop(name, None)


def is_open(name):
    return not allows(name)


def reset():
    """Forget every failure (tests, and ``search_catch_up``, which is asked to try now)."""
    with _lock:
        _failures.clear()
        _open_until.clear()
