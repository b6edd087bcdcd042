"""What a search returns, whatever the engine: hits, facet counts, a spelling suggestion.

Engines return page ids, scores, raw highlights and raw facet counts; the functions here turn them
into what the page shows (URLs, labels in the visitor's language) with a fixed number of queries.
"""

import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from community.counts import counts_by_page
from community.participation import ENDORSEMENTS, kinds_taking
from pages import registry
from pages.registry import kind_label

from . import facets as declared_facets

# Engines mark matched words with these control characters; the text is escaped, then they become <mark>.
# Private-use characters: never in our texts, and kept by every engine (OpenSearch trims control
# characters such as \x02 from the ends of a highlight, which would drop a marker).
MARK_START = "\ue000"
MARK_END = "\ue001"


def marked_html(text):
    """Escape ``text`` and turn the engine's match markers into ``<mark>`` elements.

    Whatever the engine returns, the result is balanced: a stray end marker is dropped, an open mark
    is closed at the end.
    """
    parts, open_mark = [], False
    for char in escape(text or ""):
        if char == MARK_START:
            if not open_mark:
                parts.append("<mark>")
                open_mark = True
        elif char == MARK_END:
            if open_mark:
                parts.append("</mark>")
                open_mark = False
        else:
            parts.append(char)
    if open_mark:
        parts.append("</mark>")
    return mark_safe("".join(parts))


@dataclass
class Hit:
    page_id: int
    language: str
    kind: str
    title: str
    summary: str = ""
    score: float = 0.0
    title_marked: str = ""
    snippet_marked: str = ""
    url: str = ""
    # declared uses of a tool: set for the search page only (``with_endorsement_counts``)
    endorsement_count: int = 0

    @property
    def kind_label(self):
        return kind_label(self.kind)

    @property
    def title_html(self):
        return marked_html(self.title_marked or self.title)

    @property
    def snippet_html(self):
        return marked_html(self.snippet_marked or self.summary)


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class Results:
    request: object
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_is_lower_bound: bool = False  # "more than {total} results"
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    facets_sampled: bool = False  # counted over the first matches only
    suggestion: str = ""
    corrected_from: str = ""  # the visitor's words, when the hits are for the suggestion instead
    engine: str = "database"
    notice: str = ""

    @property
    def page_count(self):
        return max(1, math.ceil(self.total / self.request.per_page))

    @property
    def has_previous(self):
        return self.request.page > 1

    @property
    def has_next(self):
        return self.request.page < self.page_count

    @property
    def has_tools(self):
        """Whether this page of hits has tools, which visitors may tick to compare."""
        return any(hit.kind == "tool" for hit in self.hits)

    @property
    def start_index(self):
        return (self.request.page - 1) * self.request.per_page + 1 if self.hits else 0


def attach_urls(hits, request=None):
    """Give each hit its public URL (one query), dropping hits whose page has gone meanwhile."""
    pages = Page.objects.filter(pk__in=[hit.page_id for hit in hits]).select_related("locale")
    urls = {page.pk: page.get_url(request) for page in pages}
    kept = []
    for hit in hits:
        if urls.get(hit.page_id):
            hit.url = urls[hit.page_id]
            kept.append(hit)
    return kept


def facet_values(raw_counts, search_request):
    """``{facet: {value: count}}`` → ``{facet: [FacetValue…]}`` with labels in the visitor's language.

    Selected values are always listed, even when nothing matches them any more, so they can be removed.
    """
    language = search_request.language
    facets = {}
    for name in search_request.counted_facets:
        counts = dict(raw_counts.get(name, {}))
        for value in search_request.filters.get(name, []):
            counts.setdefault(value, 0)
        labels = declared_facets.labels(name, counts.keys(), language)
        values = [
            FacetValue(value, count, labels.get(value, value), value in search_request.filters.get(name, []))
            for value, count in counts.items()
        ]
        if name == "kind":
            order = registry.keys()
            values.sort(key=lambda v: order.index(v.value) if v.value in order else len(order))
        elif declared_facets.is_year(name):
            values.sort(key=lambda v: v.value, reverse=True)  # the latest years first
        else:
            values.sort(key=lambda v: (-v.count, v.label.casefold()))
        facets[name] = values
    return facets


def with_endorsement_counts(hits, kinds=None):
    """Give the hits of types that take endorsements (as their types declare) their count of declared
    uses (one query)."""
    kinds = kinds_taking(ENDORSEMENTS) if kinds is None else kinds
    counts = counts_by_page([hit.page_id for hit in hits if hit.kind in kinds])
    for hit in hits:
        hit.endorsement_count = counts.get(hit.page_id, 0)
    return hits
