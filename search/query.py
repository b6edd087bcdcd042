"""A visitor's search, read from the URL's query parameters and checked before any engine sees it.

Everything lives in the URL (``/fr/search/?q=outils&kind=tool&country=FR``) so that a search can be
bookmarked and shared. Parameters that make no sense are dropped with a message saying why; the rest
of the search still runs.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.utils.translation import gettext as _

from core.parameters import whole_number

from . import rankings
from .documents import facet_names
from .facets import is_valid

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 20
PER_PAGE = 20
# "endorsed": most declared uses first (``service``: ordered after the engine matched, by title on ties)
SORTS = ("relevance", "title", "recent", "newest", "endorsed")


@dataclass
class SearchRequest:
    text: str = ""
    language: str = "fr"
    all_languages: bool = False
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    per_page: int = PER_PAGE
    sort: str = "relevance"
    # the visitor asked for their own words, not for a spelling correction
    exact: bool = False
    # only entries first published since then (the API's ``since``)
    since: datetime | None = None
    # the ranked entries alone, without facets, highlights or spelling (the API and exports)
    listing: bool = False
    # the facets to count (a section counts its type's only); None: every facet
    counted: tuple | None = None

    @property
    def counted_facets(self):
        return list(self.counted) if self.counted is not None else facet_names()

    @property
    def is_empty(self):
        return not self.text and not self.filters

    @property
    def languages(self):
        from .languages import language_codes

        return language_codes() if self.all_languages else [self.language]

    def with_text(self, text):
        return replace(self, text=text, page=1, exact=True)


def parameter_names():
    """Every query parameter ``parse_request`` reads (declared by the views built on it)."""
    return ["q", "page", "sort", "languages", "exact", *facet_names()]


def parse_request(params, language):
    """``(SearchRequest, [error messages])`` from a QueryDict (or any mapping with ``getlist``)."""
    errors = []
    text = " ".join(params.get("q", "").split())
    if len(text) > MAX_QUERY_LENGTH:
        errors.append(
            _("Your search was shortened to its first %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
        )
        text = text[:MAX_QUERY_LENGTH]

    filters, filter_errors = parse_filters(params, facet_names())
    errors += filter_errors

    page = 1
    raw_page = params.get("page", "1").strip() or "1"
    if (number := whole_number(raw_page, minimum=1)) is not None:
        page = min(number, 10_000)
    else:
        errors.append(_("“%(page)s” is not a page number; showing the first page.") % {"page": raw_page[:20]})

    sort = params.get("sort", "relevance")
    if sort not in SORTS and rankings.get(sort) is None:
        errors.append(_("Unknown sort order; results are sorted by relevance."))
        sort = "relevance"

    all_languages = params.get("languages") == "all"
    exact = params.get("exact") == "1"
    return SearchRequest(text, language, all_languages, filters, page, PER_PAGE, sort, exact), errors


def parse_filters(params, names):
    """``({facet: [values]}, [error messages])``: the valid values of these facets in ``params``."""
    filters, errors = {}, []
    for name in names:
        values = []
        for value in params.getlist(name):
            value = value.strip()
            if not value or value in values:
                continue
            if not is_valid(name, value):
                errors.append(
                    _("The filter %(name)s=%(value)s is not known and was ignored.")
                    % {"name": name, "value": value[:40]}
                )
                continue
            values.append(value)
        if values:
            filters[name] = values[:MAX_VALUES_PER_FACET]
    return filters, errors
