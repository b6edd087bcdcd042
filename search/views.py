"""The search page (``/<lang>/search/``) and the title autocomplete (``/<lang>/search/suggest/``)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.parameters import reads
from pages import compare, registry
from pages.navigation import link_view_languages

from . import facets as declared_facets
from . import rankings, service
from .engines import database
from .query import MAX_QUERY_LENGTH, parameter_names, parse_request
from .results import with_endorsement_counts


@reads(parameter_names, expensive=True)
@require_safe
def search(request):
    language = translation.get_language()
    search_request, errors = parse_request(request.GET, language)
    results = None if search_request.is_empty else service.search(search_request, request)
    if results and results.request.page > results.page_count:
        # a shared link to a page that no longer exists: show the last one, and say so
        errors.append(_("There are fewer result pages now; showing the last one."))
        search_request.page = results.page_count
        results = service.search(search_request, request)
    if results:
        with_endorsement_counts(results.hits)
    link_view_languages(request, "search")
    context = {
        "search": search_request,
        "results": results,
        "errors": errors,
        "facets": _facet_links(request, results) if results else [],
        "active_filters": sum(len(values) for values in search_request.filters.values()),
        "max_length": MAX_QUERY_LENGTH,
        "rankings": rankings.all_rankings(),
        "facet_sample": database.FACET_SAMPLE,
        "compare_min": compare.MIN_TOOLS,
        "compare_max": compare.MAX_TOOLS,
        # what was searched, without the page: an export holds every result
        "export_query": _with(request, page=None).partition("?")[2],
        "page_links": _page_links(request, results) if results else {},
        "original_url": _with(request, q=results.corrected_from, page=None, exact="1")
        if results and results.corrected_from
        else "",
        "all_languages_url": _with(request, languages="all", page=None),
        "one_language_url": _with(request, languages=None, page=None),
    }
    return render(request, "search/search.html", context, status=200)


@reads("q", "languages", expensive=True)
@require_safe
def suggest(request):
    """JSON for autocomplete widgets: ``{"query": …, "results": [{"title", "url", "type", "language"}]}``."""
    text = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    if request.GET.get("languages") == "all":
        from .languages import language_codes

        languages = language_codes()
    else:
        languages = [translation.get_language()]
    hits = service.autocomplete(text, languages, request) if len(text) >= 1 else []
    return JsonResponse(
        {
            "query": text,
            "results": [
                {"title": hit.title, "url": hit.url, "type": hit.kind, "language": hit.language}
                for hit in hits
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _with(request, **changes):
    """The current search URL with some parameters replaced (None removes them)."""
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


def _toggle(request, name, value):
    params = request.GET.copy()
    values = params.getlist(name)
    values = [v for v in values if v != value] if value in values else [*values, value]
    params.setlist(name, values)
    params.pop("page", None)
    return f"{request.path}?{params.urlencode()}"


def shown_facets(filters):
    """The facets the search page offers: with one type chosen, that type's; else every facet."""
    kinds = filters.get("kind", [])
    if len(kinds) == 1 and registry.get(kinds[0]) is not None:
        return ["kind", *declared_facets.names_of(registry.get(kinds[0]))]
    return declared_facets.names()


def _facet_links(request, results):
    names = shown_facets(results.request.filters)
    kinds = results.request.filters.get("kind", [])
    page_type = registry.get(kinds[0]) if len(kinds) == 1 else None
    facets = []
    for name in names:
        values = results.facets.get(name, [])
        if not values:
            continue
        for value in values:
            value.url = _toggle(request, name, value.value)
        facets.append({"name": name, "title": declared_facets.title(name, page_type), "values": values})
    return facets


def _page_links(request, results):
    links = {}
    if results.has_previous:
        links["previous"] = _with(request, page=str(results.request.page - 1))
    if results.has_next:
        links["next"] = _with(request, page=str(results.request.page + 1))
    return links
