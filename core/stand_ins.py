"""Answers that stand in for the real one (a fallback while something they rely on fails).

Whatever makes the answer (the search engine's database fallback) says so with ``stand_in()``; the
page cache (``caching/middleware.py``) opens ``making_answer()`` around each answer and keeps none
marked so, so that the real answer shows once what failed is back.
"""

from contextlib import contextmanager
from contextvars import ContextVar

# the marks of the answer being made in this thread (or task), set by ``stand_in``
_making = ContextVar("page_cache_answer", default=None)


def stand_in():
    """Say that the answer being made stands in for the real one (a fallback): it is kept nowhere."""
    marks = _making.get()
    if marks is not None:
        marks.add("stand-in")


@contextmanager
def making_answer():
    """The marks (a set) that the answer made inside gets: ``"stand-in"`` for a stand-in."""
    marks = set()
    token = _making.set(marks)
    try:
        yield marks
    finally:
        _making.reset(token)
