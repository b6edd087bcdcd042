"""A django-tasks backend that runs tasks outside the request, in a few threads of the process.

Wagtail 8 sends its background work through django-tasks, whose default backend (``ImmediateBackend``)
runs each task inline, in the request that enqueued it. That is right for work the request depends
on (Wagtail's reference index), and wrong for talking to another server: a cache purge target that
accepts the connection and never answers held a moderator's publish for minutes. Such tasks go to
this backend instead (``TASKS`` in cms/settings/base.py names it for their queues only):

* a task is handed over once the current transaction commits (at once outside one), so it never acts
  on data that could still roll back, and the request goes on without waiting for it;
* it runs in one of ``THREADS`` daemon threads, exactly as ``ImmediateBackend`` would run it (the
  same result object, signals and logging of failures);
* at most ``MAX_PENDING`` tasks wait: beyond that a new one is dropped and logged, so a target that
  hangs cannot pile up work without end. What it was for must tolerate that (an edge purge does:
  the edge keeps nothing longer than its TTL anyway).

Why not a worker process now: the project has none yet. A later move to one (django-tasks-db, RQ)
changes only ``TASKS``: tasks are plain module functions with JSON arguments, as those require.
Tasks are lost if the process stops before running them, which is why only work whose loss is
harmless may be sent here.
"""

import logging
import queue
import threading

from django.db import close_old_connections, transaction
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

# django-tasks keeps one backend instance per thread: the pools are the process's, per alias
_pools = {}
_pools_lock = threading.Lock()


class _Pool:
    def __init__(self, name, threads, max_pending):
        self.name = name
        self.threads = threads
        self.queue = queue.Queue(maxsize=max_pending)
        self._started = []
        self._lock = threading.Lock()

    def submit(self, work):
        try:
            self.queue.put_nowait(work)
        except queue.Full:
            return False
        with self._lock:
            while len(self._started) < self.threads:
                thread = threading.Thread(
                    target=self._run, name=f"{self.name}-{len(self._started) + 1}", daemon=True
                )
                thread.start()
                self._started.append(thread)
        return True

    def _run(self):
        while True:
            work = self.queue.get()
            try:
                work()
            except Exception:  # a task's own failures are recorded on its result; this is a bug here
                logger.exception("background task runner failed")
            finally:
                close_old_connections()
                self.queue.task_done()

    def wait(self, timeout):
        """Whether every task handed over so far has finished within ``timeout`` seconds."""
        with self.queue.all_tasks_done:
            return self.queue.all_tasks_done.wait_for(lambda: not self.queue.unfinished_tasks, timeout)


class ThreadPoolBackend(ImmediateBackend):
    """``ImmediateBackend``'s way of running a task, in a background thread after the commit.

    Overrides ``ImmediateBackend._execute_task``, which its ``enqueue`` calls (django-tasks 0.12.0,
    registered in core/compat.py, whose canary fails when either changes);
    were that to change, tasks would run inline again, which tests/caching/test_edge_purge.py's
    hanging edge catches.
    """

    def __init__(self, alias, params):
        super().__init__(alias, params)
        threads = int(self.options.get("THREADS", 2))
        max_pending = int(self.options.get("MAX_PENDING", 100))
        with _pools_lock:
            pool = _pools.get(alias)
            if pool is None or (pool.threads, pool.queue.maxsize) != (threads, max_pending):
                pool = _pools[alias] = _Pool(f"tasks-{alias}", threads, max_pending)
        self.pool = pool

    def _execute_task(self, task_result):
        transaction.on_commit(lambda: self._hand_over(task_result), robust=True)

    def _hand_over(self, task_result):
        run = super()._execute_task  # ImmediateBackend's: status, signals, errors on the result
        if not self.pool.submit(lambda: run(task_result)):
            logger.error(
                "background tasks: %s dropped, %d already waiting",
                task_result.task.module_path,
                self.pool.queue.maxsize,
            )

    def wait(self, timeout=10):
        """Tests and commands: wait for what was handed over (True if all of it finished)."""
        return self.pool.wait(timeout)
