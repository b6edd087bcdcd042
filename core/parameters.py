"""Numbers read from URLs: ASCII digits only, within the range the database can compare.

Python reads more as a number than a URL should mean: ``"²".isdigit()`` is true but ``int("²")``
fails, ``int("١٢")`` (Arabic-Indic digits) is 12, and ``int`` of 5,000 digits raises. An id beyond
a bigint makes SQLite raise OverflowError and PostgreSQL a DataError. Every view reads its numbers
through here, so each of these is one case everywhere: not a number.

Repeated parameters follow one rule: a parameter that holds one value (``page``, ``sort``, ``q``…)
reads its last occurrence, as Django's ``QueryDict.get`` does; the few that hold several (search
filters, compared tools) read them all.
"""

import re

# SQLite INTEGER and PostgreSQL bigint
BIGINT_MAX = 2**63 - 1
ASCII_NUMBER = re.compile(r"[0-9]{1,19}")


def whole_number(raw, minimum=0, maximum=BIGINT_MAX):
    """The number ``raw`` writes in ASCII digits if it lies within [minimum, maximum], else None."""
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    if not ASCII_NUMBER.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def is_out_of_range_id(segment):
    """A path segment of ASCII digits that no database id can equal."""
    return segment.isascii() and segment.isdigit() and whole_number(segment) is None


def reads(*names, expensive=False):
    """Declares the query parameters a view (or a page type) reads, and whether its answer is expensive.

    The whole-answer cache (caching/middleware.py) keys an anonymous answer on these parameters alone,
    and the view never sees the others: a made-up parameter neither makes a new cache entry nor
    reaches a page (or its links). An expensive answer (a search, an export, a filtered listing) that
    does not come from the cache counts towards the client's rate limit (core/throttling.py).
    ``names`` may include a callable giving names, for those known once the apps are loaded (facets).
    Works on functions, methods (Wagtail's sub-page routes), view instances (feeds) and page classes.
    """

    def declare(view):
        view.query_parameters = names
        view.expensive_answer = expensive
        return view

    return declare


def declared_names(declared):
    """The parameter names of a ``reads`` declaration, callables called."""
    found = set()
    for item in declared:
        found.update(item() if callable(item) else (item,))
    return frozenset(found)
