"""``/<lang>/export/<type>.<csv|json>`` and ``/<lang>/export/search.<csv|json>?<search parameters>``."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation

from search.engines import database
from search.query import parse_request

from .exports import PLURALS, all_kinds, csv_stream, json_stream
from .schema import DATA_LICENCE, DATA_LICENCE_URL

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _response(stream, name, fmt, language):
    response = StreamingHttpResponse(stream, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="ogp-toolbox-{language}-{name}.{fmt}"'
    response["Link"] = f'<{DATA_LICENCE_URL}>; rel="license"'
    return response


def export(request, name, fmt):
    language = translation.get_language()
    if name == "catalogue":
        kinds = all_kinds()
    elif name in PLURALS:
        kinds = [PLURALS[name]]
    else:
        raise Http404
    stream = csv_stream(kinds, language, request) if fmt == "csv" else json_stream(kinds, language, request)
    return _response(stream, name, fmt, language)


def export_search(request, fmt):
    """The results of a search, with its words and filters, whatever the page the visitor was on."""
    language = translation.get_language()
    search_request, _errors = parse_request(request.GET, language)
    kinds = search_request.filters.get("kind") or all_kinds()
    ids = database.matching_page_ids(search_request)
    query = {key: request.GET.getlist(key) for key in request.GET if key != "page"}
    if fmt == "csv":
        stream = csv_stream(kinds, language, request, page_ids=ids)
    else:
        stream = json_stream(kinds, language, request, page_ids=ids, query=query)
    return _response(stream, "search", fmt, language)


def api_index(request):
    """A human page listing the API's endpoints (``/api/``), from the OpenAPI document."""
    from .api import MAX_PAGE_SIZE, endpoints

    return render(
        request,
        "opendata/api_index.html",
        {
            "endpoints": endpoints(),
            "licence": DATA_LICENCE,
            "licence_url": DATA_LICENCE_URL,
            "max_page_size": MAX_PAGE_SIZE,
        },
    )
