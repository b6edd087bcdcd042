"""Every section's listing is the search with no words: its type, its language, the facets in the URL.

``/fr/outils/?category=portail&country=FR&country=SN`` asks the configured search engine (the
database when there is none, or it fails) for the French tools of that category used in France or
Senegal, with the facet counts of what remains; the section then loads the cards of the page of hits.
Listings and the search page are one mechanism: the same facets, the same values, the same counts.
The search feature registers it with the page models (``pages.base.register_section_listing``).
"""

from collections.abc import Sequence
from dataclasses import replace

from django.core.paginator import EmptyPage, Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.participation import ENDORSEMENTS, takes
from core.parameters import whole_number
from pages import registry
from pages.base import register_section_listing
from pages.relations import for_cards, visible

from . import facets, rankings, service
from .query import SearchRequest, parse_filters

# the listing's sort keys (kept from the tool directory's links) → the search's sort orders
SORTS = {
    "title": ("title", gettext_lazy("Name (A to Z)")),
    "updated": ("recent", gettext_lazy("Recently updated")),
    "newest": ("newest", gettext_lazy("Newest in the catalogue")),
    "endorsed": ("endorsed", gettext_lazy("Most endorsed")),
}
# sorts that only mean something for the types that take endorsements (elsewhere every count is 0)
ENDORSEMENT_SORTS = {"endorsed"}


def sorts_of(model):
    """The listing's sort keys for a section of ``model``: its own, then those features add
    (``search/rankings.py``)."""
    takes_endorsements = takes(model, ENDORSEMENTS)
    found = {key: value for key, value in SORTS.items() if takes_endorsements or key not in ENDORSEMENT_SORTS}
    for ranking in rankings.all_rankings():
        if ranking.applies(model):
            found[ranking.key] = (ranking.key, ranking.label)
    return found


class SearchedEntries(Sequence):
    """The entries of a listing, as Django's paginator reads them: a length, then one slice of cards.

    Each page is one search (cached), so the paginator's count and the page it shows cost one.
    """

    def __init__(self, search_request, load_cards, http_request=None):
        self.search_request = search_request
        self.load_cards = load_cards
        self.http_request = http_request
        self._pages = {}

    def results(self, page=None):
        page = page or self.search_request.page
        if page not in self._pages:
            self._pages[page] = service.search(replace(self.search_request, page=page), self.http_request)
        return self._pages[page]

    def __len__(self):
        return self.results().total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            cards = self[index : index + 1]
            if not cards:
                raise IndexError(index)
            return cards[0]
        per_page = self.search_request.per_page
        start = index.start or 0
        hits = self.results(start // per_page + 1).hits
        stop = index.stop if index.stop is not None else start + per_page
        return self.load_cards([hit.page_id for hit in hits][: stop - start])

    def __iter__(self):
        for page in range(1, self.results().page_count + 1):
            yield from self.load_cards([hit.page_id for hit in self.results(page).hits])


def cards_loader(index_page, model):
    """The cards of a page of hits, in the hits' order; a hit whose page has gone meanwhile is dropped."""

    def load(page_ids):
        pages = index_page.cards(for_cards(model, visible(model.objects.filter(pk__in=page_ids))))
        by_id = {page.pk: page for page in pages}
        return [by_id[page_id] for page_id in page_ids if page_id in by_id]

    return load


def toggled(params, name, value):
    """The query string with ``value`` of ``name`` added or removed (and back to the first page)."""
    params = params.copy()
    values = params.getlist(name)
    params.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    params.pop("page", None)
    return params.urlencode()


def parameter_names():
    """Every query parameter a section reads: its facets and sort, the page, and the other types'
    facets (which it reports as not applying rather than ignoring silently)."""
    return [*facets.names()[1:], "sort", "page"]


def listing_context(index_page, request):
    """What a section shows: its facets (counts, choices) and the page of entries asked for."""
    page_type = registry.type_of(index_page.specific_class.allowed_subpage_models()[0])
    language = index_page.locale.language_code
    names = facets.names_of(page_type)
    filters, errors = parse_filters(request.GET, names)
    # another type's facet (a tool category on the organisations): said, not silently ignored
    foreign = [name for name in facets.names()[1:] if name not in names and name in request.GET]
    for name in foreign:
        errors.append(
            _("The filter %(name)s does not apply to this list and was ignored.") % {"name": name[:40]}
        )
    sorts = sorts_of(page_type.model)
    sort = request.GET.get("sort", "").strip()
    if sort and sort not in sorts:
        errors.append(_("Unknown sort order “%(value)s”; sorted by name.") % {"value": sort[:80]})
    sort = sort if sort in sorts else "title"

    number = whole_number(request.GET.get("page", ""), minimum=1) or 1
    search_request = SearchRequest(
        language=language,
        filters={"kind": [page_type.key], **filters},
        page=min(number, 10_000),
        per_page=index_page.per_page,
        sort=sorts[sort][0],
        counted=tuple(names),
    )
    entries = SearchedEntries(search_request, cards_loader(index_page, page_type.model), request)
    paginator = Paginator(entries, index_page.per_page)
    try:
        shown = paginator.page(search_request.page)
    except EmptyPage:
        shown = paginator.page(paginator.num_pages)
    results = entries.results(shown.number)

    params = request.GET.copy()
    for name in (*foreign, "page"):
        params.pop(name, None)
    if sort == "title":
        params.pop("sort", None)
    facet_panels = [
        {
            "name": name,
            "title": facets.title(name, page_type),
            "values": [
                {"value": value, "query": toggled(params, name, value.value)}
                for value in results.facets.get(name, [])
            ],
        }
        for name in names
        if results.facets.get(name)
    ]
    selected = [
        {"title": panel["title"], "label": item["value"].label, "query": item["query"]}
        for panel in facet_panels
        for item in panel["values"]
        if item["value"].selected
    ]
    clear = params.copy()
    for name in names:
        clear.pop(name, None)
    return {
        "entries": shown,
        "results": results,
        "facet_panels": facet_panels,
        "selected_filters": selected,
        "is_filtered": bool(filters),
        # base.html: a filtered view's canonical address is the whole listing
        "query": {"is_filtered": bool(filters)},
        "filter_errors": errors,
        "sort": sort,
        "sort_options": [(key, label) for key, (_order, label) in sorts.items()],
        # the query string without the page number, for the pagination links
        "page_query": params.urlencode(),
        # every filter removed, the sort kept
        "clear_query": clear.urlencode(),
    }


register_section_listing(listing_context, parameter_names)
