"""The read-only JSON API (Django Ninja): ``/api/v1/entries``, ``/api/v1/entries/{key}`` and, per
page type, ``/api/v1/<plural>`` (``/api/v1/tools``…).

Django Ninja rather than Wagtail's API v2: our records (``opendata.schema``) are the same as the
exports, language-neutral references included, and Ninja writes the OpenAPI document from the
code (``/api/openapi.json``), which the tests check the responses against. Wagtail's API v2 would
expose Wagtail's own field layout, with its own filtering syntax and no OpenAPI document.

Each type's records have their own class (``opendata.api_schemas``), so that a client generator
makes usable classes of the document. The per-type endpoints answer with lists of one class: a
client that syncs tools needs no switch on ``type``, and gets only the filters that apply to tools.
"""

import re
from datetime import UTC, datetime
from typing import Literal

from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop as _
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from ninja.responses import Status
from pydantic import create_model, field_validator
from wagtail.models import Page

from core.parameters import reads
from core.site_address import absolute
from pages import registry
from search import service
from search.engines import database
from search.query import SearchRequest

from .api_schemas import RECORDS, Entry, Language, class_name
from .community import details
from .exports import records
from .schema import DATA_LICENCE, DATA_LICENCE_URL

Kind = Literal[tuple(registry.keys())]
MAX_PAGE_SIZE = 100
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

api = NinjaAPI(
    title="OGP Toolbox API",
    version="1",
    description=(
        "Read-only access to the live public entries of OGP Toolbox, per language. "
        f"Data licence: {DATA_LICENCE} ({DATA_LICENCE_URL})."
    ),
    urls_namespace="api",
    docs_url=None,
)


class ListPage(Schema):
    """One page of entries, with the links to the pages around it."""

    count: int = Field(description=_("Entries found, on every page."))
    page: int
    page_size: int
    next: str | None = Field(description=_("The next page's address; null on the last page."))
    previous: str | None = Field(description=_("The previous page's address; null on the first page."))
    licence: str


class EntryList(ListPage):
    results: list[Entry]


class Error(Schema):
    error: str
    parameter: str | None = None


# The query parameters, in the order the document lists them. Descriptions are English in the
# OpenAPI document and translated on /api/ (opendata.api_docs): ``_`` here only marks them for the
# catalogues (gettext_noop), as a Field's description must be a plain string.
LANGUAGE = (Language, Field("fr", description=_("Language of the entries (one locale tree).")))
TYPE = (Kind | None, Field(None, description=_("Only entries of this type.")))
FACETS = {
    "category": (
        str | None,
        Field(None, pattern=r"^[-a-z0-9_]{1,120}$", description=_("Tool category identifier.")),
    ),
    "country": (
        str | None,
        Field(None, pattern=r"^[A-Z]{2}$", description=_("ISO 3166 country code (two capital letters).")),
    ),
}
TAIL = {
    "since": (
        datetime | None,
        Field(None, description=_("Only entries published or changed since then (ISO 8601).")),
    ),
    "q": (str | None, Field(None, max_length=200, description=_("Words to search, as on the search page."))),
    "page": (int, Field(1, ge=1, le=100_000, description=_("Which page of results, from 1."))),
    "page_size": (int, Field(20, ge=1, le=MAX_PAGE_SIZE, description=_("Entries per page."))),
}


class Filters(Schema):
    @field_validator("since", mode="before", check_fields=False)
    @classmethod
    def iso_8601_only(cls, value):
        # pydantic would also read "0.5" as a Unix time; the API promises ISO 8601 only
        if value is not None and not (isinstance(value, str) and ISO_DATE.match(value)):
            raise ValueError("use an ISO 8601 date and time, for example 2026-01-31T00:00:00Z")
        return value


EntryFilters = create_model("EntryFilters", __base__=Filters, language=LANGUAGE, type=TYPE, **FACETS, **TAIL)


def type_filters(page_type):
    """A type's own endpoint filters by the facets it has (a use case has no tool category)."""
    facets = {name: spec for name, spec in FACETS.items() if name in page_type.facets}
    return create_model(
        f"{class_name(page_type.key)}Filters", __base__=Filters, language=LANGUAGE, **facets, **TAIL
    )


@api.exception_handler(ValidationError)
def bad_parameter(request, exc):
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", []) if part not in ("query", "path", "filters")]
    parameter = location[-1] if location else None
    message = first.get("msg", "Invalid parameter.")
    return JsonResponse(
        {"error": f"{parameter}: {message}" if parameter else message, "parameter": parameter}, status=400
    )


def _page_url(request, page):
    params = request.GET.copy()
    params["page"] = str(page)
    return absolute(f"{request.path}?{params.urlencode()}")  # the public address, not the request's Host


def listing(request, filters, types):
    """One page of the entries of ``types`` that ``filters`` select: every list endpoint's answer."""
    since = None
    if filters.since is not None:
        # in UTC: PostgreSQL refuses offsets beyond ±16 hours that ISO 8601 (and Python) allow
        since = filters.since if filters.since.tzinfo else filters.since.replace(tzinfo=UTC)
        try:
            since = since.astimezone(UTC)
        except OverflowError:
            return Status(400, {"error": "since: out of the range of dates", "parameter": "since"})
    text = " ".join((filters.q or "").split())
    # a type's own endpoint has only the facets of its type
    selected = {"kind": types[0] if len(types) == 1 else None}
    selected.update({name: getattr(filters, name, None) for name in FACETS})
    # the same engine and ranking as the search page: best match first for words, by title otherwise
    found = service.search(
        SearchRequest(
            text=text,
            language=filters.language,
            filters={name: [value] for name, value in selected.items() if value},
            page=filters.page,
            per_page=filters.page_size,
            sort="relevance" if text else "title",
            exact=True,
            since=since,
            listing=True,
        ),
        request,
    )
    count = found.total
    start = (filters.page - 1) * filters.page_size
    ids = [hit.page_id for hit in found.hits]
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "next": _page_url(request, filters.page + 1) if start + filters.page_size < count else None,
        "previous": _page_url(request, filters.page - 1)
        if filters.page > 1 and start < count + filters.page_size
        else None,
        "licence": DATA_LICENCE,
        "results": list(records(types, filters.language, request, page_ids=ids)),
    }


# exclude_unset: an answer holds exactly the record's fields (a block's optional id stays out if absent)
@api.get(
    "/v1/entries",
    response={200: EntryList, 400: Error},
    summary=_("List entries"),
    operation_id="list_entries",
    exclude_unset=True,
)
def list_entries(request, filters: Query[EntryFilters]):
    return listing(request, filters, [filters.type] if filters.type else registry.keys())


TYPE_OPERATIONS = {}  # operation id → the page type it lists


def _type_endpoint(page_type):
    """``/v1/<plural>``: the entries of one type, as instances of its own class."""
    name = class_name(page_type.key)
    answer = create_model(f"{name}List", __base__=ListPage, results=(list[RECORDS[page_type.key]], ...))
    filters_model = type_filters(page_type)

    def list_of_type(request, filters: Query[filters_model]):
        return listing(request, filters, [page_type.key])

    with translation.override("en"):
        summary = f"List {page_type.model._meta.verbose_name_plural}"
    TYPE_OPERATIONS[f"list_{page_type.list_name}"] = page_type
    api.get(
        f"/v1/{page_type.plural}",
        response={200: answer, 400: Error},
        summary=summary,
        operation_id=f"list_{page_type.list_name}",
        url_name=f"list_{page_type.list_name}",
        exclude_unset=True,
    )(list_of_type)


for _page_type in registry.page_types():
    _type_endpoint(_page_type)


KEY = Path(..., description=_("The entry's translation key, the same in every language."))
LANGUAGE_QUERY = Query("fr", description=LANGUAGE[1].description)
NOT_FOUND = {"error": "No live public entry with this key in this language.", "parameter": "translation_key"}


@api.get(
    "/v1/entries/{translation_key}",
    response={200: Entry, 400: Error, 404: Error},
    summary=_("One entry"),
    operation_id="get_entry",
    exclude_unset=True,
)
def get_entry(request, translation_key: str = KEY, language: Language = LANGUAGE_QUERY):
    document = (
        database.SearchDocument.objects.filter(translation_key=translation_key, language=language)
        .values("page_id", "kind")
        .first()
    )
    if document is None:
        return Status(404, NOT_FOUND)
    found = list(records([document["kind"]], language, request, page_ids=[document["page_id"]]))
    if not found:
        return Status(404, NOT_FOUND)
    page = Page.objects.select_related("locale").get(pk=document["page_id"]).specific
    return {**found[0], **details(page)}


def endpoints():
    """For the human page: each path, its method, summary and parameters, from the OpenAPI document."""
    schema = api.get_openapi_schema(path_prefix=reverse("api_index"))
    return [
        {
            "path": path,
            "method": method.upper(),
            "operation_id": operation["operationId"],
            "summary": operation.get("summary", ""),
            "parameters": operation.get("parameters", []),
        }
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def declared_urls():
    """``api.urls``, each operation declaring the query parameters it reads (``core.parameters.reads``)
    as its OpenAPI description lists them; the lists, a search each, are expensive answers."""
    patterns, app_name, namespace = api.urls
    schema = api.get_openapi_schema(path_prefix="")
    query = {
        operation["operationId"]: [
            entry["name"] for entry in operation.get("parameters", []) if entry["in"] == "query"
        ]
        for operations in schema["paths"].values()
        for operation in operations.values()
    }
    for pattern in patterns:
        names = query.get(pattern.name, ())
        reads(*names, expensive=pattern.name in query and pattern.name.startswith("list_"))(pattern.callback)
    return patterns, app_name, namespace
