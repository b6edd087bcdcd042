"""A visitor's search, read from the URL's query parameters and checked before any engine sees it.

Everything lives in the URL (``/fr/search/?q=outils&kind=tool&country=FR``) so that a search can be
bookmarked and shared. Parameters that make no sense are dropped with a message saying why; the rest
of the search still runs.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.utils.translation import gettext as _
from django_countries import countries

from cms.parameters import whole_number
from pages import registry

from .documents import LICENCE_VALUES, facet_names

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 20
PER_PAGE = 20
SORTS = ("relevance", "title", "recent")
SLUG = re.compile(r"^[-a-z0-9_]{1,100}$")


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

    @property
    def is_empty(self):
        return not self.text and not self.filters

    @property
    def languages(self):
        from .languages import language_codes

        return language_codes() if self.all_languages else [self.language]

    def with_text(self, text):
        return replace(self, text=text, page=1, exact=True)


def parse_request(params, language):
    """``(SearchRequest, [error messages])`` from a QueryDict (or any mapping with ``getlist``)."""
    errors = []
    text = " ".join(params.get("q", "").split())
    if len(text) > MAX_QUERY_LENGTH:
        errors.append(
            _("Your search was shortened to its first %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
        )
        text = text[:MAX_QUERY_LENGTH]

    filters = {}
    for name in facet_names():
        values = []
        for value in params.getlist(name):
            value = value.strip()
            if not value or value in values:
                continue
            if not _valid(name, value):
                errors.append(
                    _("The filter %(name)s=%(value)s is not known and was ignored.")
                    % {"name": name, "value": value[:40]}
                )
                continue
            values.append(value)
        if values:
            filters[name] = values[:MAX_VALUES_PER_FACET]

    page = 1
    raw_page = params.get("page", "1").strip() or "1"
    if (number := whole_number(raw_page, minimum=1)) is not None:
        page = min(number, 10_000)
    else:
        errors.append(_("“%(page)s” is not a page number; showing the first page.") % {"page": raw_page[:20]})

    sort = params.get("sort", "relevance")
    if sort not in SORTS:
        errors.append(_("Unknown sort order; results are sorted by relevance."))
        sort = "relevance"

    all_languages = params.get("languages") == "all"
    exact = params.get("exact") == "1"
    return SearchRequest(text, language, all_languages, filters, page, PER_PAGE, sort, exact), errors


def _valid(name, value):
    if name == "kind":
        return registry.get(value) is not None
    if name == "licence":
        return value in LICENCE_VALUES
    if name == "country":
        return value.upper() in dict(countries) and value == value.upper()
    return bool(SLUG.match(value))
