"""``/<lang>/export/<type>.<csv|json>`` and ``/<lang>/export/search.<csv|json>?<search parameters>``."""

import uuid

from django.db import connection
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from core.localization import best_per_key
from core.parameters import reads
from pages import registry
from pages.collections import CollectionPage
from pages.relations import linked_pages, visible
from pages.tools import ToolPage
from search import service
from search.query import parameter_names, parse_request

from .api import MAX_PAGE_SIZE
from .api_docs import endpoint_docs, type_docs
from .exports import csv_stream, json_stream
from .links import CATALOGUE
from .publiccode import NotExportable, tool_publiccode
from .schema import DATA_LICENCE, DATA_LICENCE_URL

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _response(stream, name, fmt, language):
    # The status goes out before the rows: ask the database now, so that if it cannot be reached the
    # answer is a 503 (core.errors.server_error), not a 200 with a truncated file.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    response = StreamingHttpResponse(stream, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="ogp-toolbox-{language}-{name}.{fmt}"'
    response["Link"] = f'<{DATA_LICENCE_URL}>; rel="license"'
    return response


@reads(expensive=True)
@require_safe
def export(request, name, fmt):
    language = translation.get_language()
    page_type = registry.by_plural(name)
    if name == CATALOGUE:
        types = registry.keys()
    elif page_type is not None:
        types = [page_type.key]
    else:
        raise Http404
    stream = csv_stream(types, language, request) if fmt == "csv" else json_stream(types, language, request)
    return _response(stream, name, fmt, language)


@reads(parameter_names, expensive=True)
@require_safe
def export_search(request, fmt):
    """The results of a search, with its words and filters, whatever the page the visitor was on."""
    language = translation.get_language()
    search_request, _errors = parse_request(request.GET, language)
    types = search_request.filters.get("kind") or registry.keys()
    ids = service.matching_ids(search_request)
    query = {key: request.GET.getlist(key) for key in request.GET if key != "page"}
    if fmt == "csv":
        stream = csv_stream(types, language, request, page_ids=ids)
    else:
        stream = json_stream(types, language, request, page_ids=ids, query=query)
    return _response(stream, "search", fmt, language)


def _translation_key(value):
    """The translation key of a URL; its pattern also lets through what is no UUID (36 dashes): 404."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


@reads(expensive=True)
@require_safe
def export_collection(request, translation_key, fmt):
    """The tools a collection recommends, in its order, as its page shows them in this language."""
    language = translation.get_language()
    key = _translation_key(translation_key)
    versions = visible(CollectionPage.objects.filter(translation_key=key)).select_related("locale")
    collection = best_per_key(versions, language).get(key)
    if collection is None:
        raise Http404
    tool = registry.type_of(ToolPage)
    items = linked_pages(collection.items.all(), "tool", ToolPage, language)
    ids = [page.pk for _item, page in items]
    if fmt == "csv":
        stream = csv_stream([tool.key], language, request, page_ids=ids)
    else:
        query = {"collection": [str(collection.translation_key)]}
        stream = json_stream([tool.key], language, request, page_ids=ids, query=query)
    return _response(stream, f"collection-{collection.slug}", fmt, language)


@reads()
def api_index(request):
    """A human page listing the API's endpoints, their parameters and each type's fields (``/api/``),
    from the OpenAPI document, in the visitor's language."""
    return render(
        request,
        "opendata/api_index.html",
        {
            "endpoints": endpoint_docs(),
            "types": type_docs(),
            "licence": DATA_LICENCE,
            "licence_url": DATA_LICENCE_URL,
            "max_page_size": MAX_PAGE_SIZE,
        },
    )


@reads()
def export_publiccode(request, translation_key):
    """A tool as a publiccode.yml file, from its live public translations."""
    key = _translation_key(translation_key)
    tool = visible(ToolPage.objects.filter(translation_key=key)).select_related("licence").first()
    if tool is None:
        raise Http404
    try:
        document = tool_publiccode(tool)
    except NotExportable as error:
        return HttpResponse(
            f"This tool cannot be described as publiccode.yml: {error}.",
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(document, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{tool.slug}.publiccode.yml"'
    return response
