"""Work done from threads, each with its own database connection that commits: what several workers of
the site do at once, which a test's own transaction (invisible to other connections) cannot show."""

import threading

from django.db import connections


def in_thread(function):
    """``function()`` run in a thread of its own, with its own committed connection; its result."""
    return at_once(1, lambda _n: function)[0]


def at_once(count, prepare):
    """``count`` threads, each with its own committed connection: thread ``n`` calls ``prepare(n)``,
    which returns what it is to do (a callable); a barrier then releases them all together.

    Their results, in order; an error in any thread is raised here once every thread has ended.
    """
    barrier = threading.Barrier(count)
    outcomes = [{} for _ in range(count)]

    def run(n):
        try:
            work = prepare(n)
            barrier.wait()
            outcomes[n]["value"] = work()
        except threading.BrokenBarrierError:
            pass  # another thread failed before the start: its error is the one raised
        except Exception as error:
            outcomes[n]["error"] = error
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for outcome in outcomes:
        if "error" in outcome:
            raise outcome["error"]
    return [outcome.get("value") for outcome in outcomes]
