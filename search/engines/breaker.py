"""A circuit breaker per engine, per process.

A hanging engine (it accepts connections and never answers) costs every request its timeout. After
``SEARCH_BREAKER_FAILURES`` failures in a row the engine is not tried for ``SEARCH_BREAKER_SECONDS``:
searches fall back to the database at once, with the notice, and index updates stay queued. When the
pause ends, one request probes the engine (the others keep falling back): a success closes the
breaker — and what was queued meanwhile is sent (``on_recovery``) — a failure opens it again.
"""

import threading
import time

from django.conf import settings

_lock = threading.Lock()
_failures = {}
_open_until = {}
_recovery = []


def allows(name):
    with _lock:
        until = _open_until.get(name)
        if until is None:
            return True
        now = time.monotonic()
        if now < until:
            return False
        _open_until[name] = now + settings.SEARCH_BREAKER_SECONDS  # this caller is the probe
        return True


def failed(name):
    with _lock:
        count = _failures.get(name, 0) + 1
        _failures[name] = count
        if count >= settings.SEARCH_BREAKER_FAILURES:
            _open_until[name] = time.monotonic() + settings.SEARCH_BREAKER_SECONDS


def succeeded(name):
    with _lock:
        recovered = _failures.pop(name, 0) > 0
        _open_until.pop(name, None)
    if recovered:
        for callback in list(_recovery):
            callback()


def on_recovery(callback):
    """Call ``callback`` whenever an engine answers again after failures."""
    if callback not in _recovery:
        _recovery.append(callback)


def reset():
    """Forget every failure (tests, and ``search_catch_up``, which is asked to try now)."""
    with _lock:
        _failures.clear()
        _open_until.clear()
