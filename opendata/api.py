"""The read-only JSON API (Django Ninja): ``/api/v1/entries`` and ``/api/v1/entries/{key}``.

Django Ninja rather than Wagtail's API v2: our records (``opendata.schema``) are the same as the
exports, language-neutral references included, and Ninja writes the OpenAPI document from the
code (``/api/openapi.json``), which the tests check the responses against. Wagtail's API v2 would
expose Wagtail's own field layout, with its own filtering syntax and no OpenAPI document.
"""

import re
from datetime import UTC, datetime
from typing import Literal

from django.http import JsonResponse
from django.urls import reverse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from ninja.responses import Status
from pydantic import BaseModel, ConfigDict, field_validator

from pages import registry
from search import service
from search.engines import database
from search.query import SearchRequest

from .exports import records
from .schema import DATA_LICENCE, DATA_LICENCE_URL

Language = Literal["fr", "en", "es"]
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


class Entry(BaseModel):
    """One catalogue entry; besides these, the fields of its type (see the exports' schema)."""

    model_config = ConfigDict(extra="allow")

    type: Kind
    language: Language
    translation_key: str
    url: str
    title: str
    slug: str
    parent: str | None = None
    last_published_at: str | None = None


class EntryList(Schema):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    licence: str
    results: list[Entry]


class Error(Schema):
    error: str
    parameter: str | None = None


class EntryFilters(Schema):
    language: Language = Field("fr", description="Language of the entries (one locale tree).")
    type: Kind | None = Field(None, description="Only entries of this type.")
    category: str | None = Field(
        None, pattern=r"^[-a-z0-9_]{1,100}$", description="Tool category identifier."
    )
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166 country code.")
    since: datetime | None = Field(
        None, description="Only entries published or changed since then (ISO 8601)."
    )
    q: str | None = Field(None, max_length=200, description="Words to search, as on the search page.")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)

    @field_validator("since", mode="before")
    @classmethod
    def iso_8601_only(cls, value):
        # pydantic would also read "0.5" as a Unix time; the API promises ISO 8601 only
        if value is not None and not (isinstance(value, str) and ISO_DATE.match(value)):
            raise ValueError("use an ISO 8601 date and time, for example 2026-01-31T00:00:00Z")
        return value


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
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@api.get("/v1/entries", response={200: EntryList, 400: Error}, summary="List entries")
def list_entries(request, filters: Query[EntryFilters]):
    since = None
    if filters.since is not None:
        # in UTC: PostgreSQL refuses offsets beyond ±16 hours that ISO 8601 (and Python) allow
        since = filters.since if filters.since.tzinfo else filters.since.replace(tzinfo=UTC)
        try:
            since = since.astimezone(UTC)
        except OverflowError:
            return Status(400, {"error": "since: out of the range of dates", "parameter": "since"})
    text = " ".join((filters.q or "").split())
    # the same engine and ranking as the search page: best match first for words, by title otherwise
    found = service.search(
        SearchRequest(
            text=text,
            language=filters.language,
            filters={
                name: [value]
                for name, value in (
                    ("kind", filters.type),
                    ("category", filters.category),
                    ("country", filters.country),
                )
                if value
            },
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
    types = [filters.type] if filters.type else registry.keys()
    results = list(records(types, filters.language, request, page_ids=ids))
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "next": _page_url(request, filters.page + 1) if start + filters.page_size < count else None,
        "previous": _page_url(request, filters.page - 1)
        if filters.page > 1 and start < count + filters.page_size
        else None,
        "licence": DATA_LICENCE,
        "results": results,
    }


NOT_FOUND = {"error": "No live public entry with this key in this language.", "parameter": "translation_key"}


@api.get("/v1/entries/{translation_key}", response={200: Entry, 400: Error, 404: Error}, summary="One entry")
def get_entry(request, translation_key: str, language: Language = "fr"):
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
    return found[0]


def endpoints():
    """For the human page: each path, its method and summary, from the OpenAPI document."""
    schema = api.get_openapi_schema(path_prefix=reverse("api_index"))
    return [
        {
            "path": path,
            "method": method.upper(),
            "summary": operation.get("summary", ""),
            "parameters": operation.get("parameters", []),
        }
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]
