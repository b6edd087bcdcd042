"""Visitors find the open data where they look: the footer, each section, each collection and /api/.

Each link is followed as a visitor would: it must give the file it names (CSV or JSON, in the
page's language, with entries of its type only).
"""

import json

import pytest
from django.utils import translation
from django.utils.text import capfirst

from core.content import Texts
from opendata.readers import csv_entries
from pages import registry
from pages.collections import CollectionPage
from pages.tools import ToolPage
from tests.factories import LANGUAGES, hidden_tools, published, section
from tests.helpers.html import links, select, texts

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {"CSV": "text/csv", "JSON": "application/json"}


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, b"".join(response.streaming_content).decode()


def entries(client, url, fmt):
    """(type, language, title) of each entry of the file at ``url``, checking its content type."""
    response, text = download(client, url)
    assert response["Content-Type"].startswith(CONTENT_TYPES[fmt]), url
    # a CSV is headed and labelled in its language: read it back as the import does
    rows = [item for _where, item in csv_entries(text)] if fmt == "CSV" else json.loads(text)["entries"]
    return [(row["type"], row["language"], row["title"]) for row in rows]


def export_links(page, selector=""):
    """{format: href} of the download links in ``selector``, read from their text ("Tools (CSV)")."""
    found = {}
    for href, label in links(page, f"{selector} a[download]".strip()).items():
        fmt = label.rsplit("(", 1)[-1].rstrip(")")
        found[fmt] = href
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_footer_links_to_the_whole_catalogue_and_the_api(client, language):
    page = client.get(f"/{language}/")
    footer = select(page, ".site-footer .open-data-links")[0]

    found = export_links(footer)
    assert set(found) == {"CSV", "JSON"}
    for fmt, url in found.items():
        assert url.startswith(f"/{language}/")
        kinds = {kind for kind, _language, _title in entries(client, url, fmt)}
        assert kinds == set(registry.keys()), "the whole catalogue: every type"
    api = [href for href, text in links(footer).items() if text == "API"]
    assert api == ["/api/"]
    assert client.get(api[0]).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_section_offers_the_export_of_its_type(client, language):
    for page_type in [page_type for page_type in registry.page_types() if page_type.in_section]:
        index = section(page_type.parent_model, language)
        response = client.get(index.url)
        found = export_links(response, ".page-header .export-links")
        assert set(found) == {"CSV", "JSON"}, index.url
        with translation.override(language):
            name = str(capfirst(page_type.model._meta.verbose_name_plural))
        assert texts(response, ".page-header .export-links a") == [f"{name} (CSV)", f"{name} (JSON)"]
        for fmt, url in found.items():
            got = entries(client, url, fmt)
            assert got, url
            assert {kind for kind, _l, _t in got} == {page_type.key}, url
            assert {entry_language for _k, entry_language, _t in got} == {language}, url


def trial_collection():
    """A collection of two live tools, a draft and a private one (no export may show those), in three
    languages."""
    tools = [
        published(ToolPage, {"title": title, "slug": title.lower()})["fr"] for title in ("Zéphyr", "Alizé")
    ]
    hidden = hidden_tools("collectionné")
    return published(
        CollectionPage,
        {
            "title": Texts("Sélection des vents", "Winds selection", "Selección de vientos"),
            "slug": Texts("selection-vents", "winds-selection", "seleccion-vientos"),
            "items": [{"tool": tool} for tool in [*tools, *hidden]],
        },
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_collection_offers_its_own_tools_in_its_order(client, language):
    collection = trial_collection()[language]
    response = client.get(collection.url)
    found = export_links(response, ".export-links")
    assert set(found) == {"CSV", "JSON"}

    for fmt, url in found.items():
        assert url.startswith(f"/{language}/")
        got = entries(client, url, fmt)
        assert [(kind, title) for kind, _language, title in got] == [("tool", "Zéphyr"), ("tool", "Alizé")]
        assert {entry_language for _k, entry_language, _t in got} == {language}


def test_a_collection_export_of_an_unknown_or_hidden_collection_is_not_found(client):
    versions = trial_collection()
    for version in versions.values():
        version.unpublish()
    collection = versions["fr"]
    assert client.get(f"/fr/export/collection/{collection.translation_key}.csv").status_code == 404
    assert client.get(f"/fr/export/collection/{'-' * 36}.json").status_code == 404
    assert client.get(f"/fr/export/publiccode/{'a' * 36}.yml").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_page_lists_the_exports_of_the_catalogue_and_of_each_type(client, language):
    response = client.get("/api/", HTTP_ACCEPT_LANGUAGE=language)
    downloads = select(response, "#downloads-heading")[0].parent
    hrefs = list(links(downloads, "a[download]"))
    assert len(hrefs) == 2 * (1 + len(registry.page_types()))
    assert all(href.startswith(f"/{language}/export/") for href in hrefs)
    for page_type in registry.page_types():
        fmt_links = [href for href in hrefs if f"/{page_type.plural}." in href]
        assert len(fmt_links) == 2, page_type.plural
        json_url = next(href for href in fmt_links if href.endswith(".json"))
        assert {kind for kind, _l, _t in entries(client, json_url, "JSON")} == {page_type.key}
