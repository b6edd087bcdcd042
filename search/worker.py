"""Sending queued index updates to OpenSearch or Elasticsearch, outside the request that queued them.

A publish, an unpublish or a privacy change queues its pages in its own transaction
(``indexing.enqueue``) and asks for them to be sent once it commits (``kick``). How depends on
``SEARCH_INDEX_WORKER``:

* ``thread`` (the default): one background thread per process sends the queue until it is empty,
  then stops; a kick while it runs makes it look again. The response does not wait for the engine,
  and a hanging engine holds up only that thread (``breaker`` then skips it for a while).
* ``inline``: sent at once, in the thread that committed — for the tests (each runs in a
  transaction that no other thread can see) and for management commands that must finish indexed.
* ``queue``: nothing here; ``manage.py search_catch_up`` (a cron job or a separate worker) sends them.

Whatever is not sent stays in the queue; nothing is lost if the process stops.
"""

import logging
import threading

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_sending = threading.local()
_thread = None
_again = False


def kick(send):
    """Have ``send`` (``indexing.send_queued``) run as ``SEARCH_INDEX_WORKER`` says."""
    mode = settings.SEARCH_INDEX_WORKER
    if mode == "inline":
        _safely(send)
    elif mode == "thread":
        _start(send)


def _safely(send):
    if getattr(_sending, "active", False):
        return  # already sending in this thread (a recovery noticed while sending the queue)
    _sending.active = True
    try:
        send()
    except Exception:  # a worker must never take the request or the process down with it
        logger.exception("Sending queued search index updates failed; they stay queued")
    finally:
        _sending.active = False


def _start(send):
    global _thread, _again
    with _lock:
        if _thread is not None:
            _again = True
            return
        # not a daemon: a management command's process waits for the queue it filled to be sent
        _thread = threading.Thread(target=_run, args=(send,), name="search-index-worker")
        _thread.start()


def _run(send):
    global _thread, _again
    try:
        while True:
            _safely(send)
            with _lock:
                if not _again:
                    _thread = None
                    return
                _again = False
    finally:
        connection.close()  # this thread's own database connection


def wait(timeout=None):
    """Wait until the worker thread, if any, has sent what it was asked to (tests, commands)."""
    thread = _thread
    if thread is not None:
        thread.join(timeout)
