"""``/api/``: every endpoint's parameters and every type's fields, in the visitor's language."""

import pytest

from pages import registry
from tests.helpers.html import select, text_of, texts

pytestmark = pytest.mark.django_db


def api_page(client, language):
    response = client.get("/api/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response


def parameter_rows(page, path):
    """{parameter: [type, default, allowed values, description]} of one endpoint's table."""
    section = next(s for s in select(page, "section") if text_of(s.find("h2")).endswith(path))
    return {
        text_of(row.find("code")): [text_of(cell) for cell in row.find_all("td")[1:]]
        for row in select(section, "tbody tr")
    }


def test_every_parameter_of_every_endpoint_is_documented(client):
    document = client.get("/api/openapi.json").json()
    page = api_page(client, "en")
    for path, operations in document["paths"].items():
        rows = parameter_rows(page, path)
        assert set(rows) == {parameter["name"] for parameter in operations["get"]["parameters"]}, path
    entries = parameter_rows(page, "/api/v1/entries")
    assert entries["page_size"] == ["whole number", "20", "from 1 to 100", "Entries per page."]
    assert entries["language"][1:3] == ["fr", "fr, en, es"]
    assert entries["type"][2] == ", ".join(registry.keys())
    assert entries["since"][0] == "date and time (ISO 8601)"


@pytest.mark.parametrize(
    ("language", "description", "kind"),
    [
        ("fr", "Entrées par page.", "nombre entier"),
        ("es", "Entradas por página.", "número entero"),
        ("en", "Entries per page.", "whole number"),
    ],
)
def test_parameters_are_described_in_the_visitors_language(client, language, description, kind):
    rows = parameter_rows(api_page(client, language), "/api/v1/tools")

    assert rows["page_size"][0] == kind and rows["page_size"][3] == description
    assert "category" in rows  # a tool's own facet


def test_each_types_fields_are_listed_in_the_visitors_language(client):
    page = api_page(client, "fr")
    summaries = texts(page, "details summary")
    assert len(summaries) == len(registry.keys())
    tool_fields = {
        text_of(row.find("code")): [text_of(cell) for cell in row.find_all("td")[1:]]
        for row in select(page, "#fields-tool tbody tr")
    }
    assert tool_fields["licence"] == ["identifiant d'un terme, ou null", "Licence"]
    assert tool_fields["status"][0] == "au choix parmi active, unmaintained, archived"
    assert tool_fields["countries"][1] == "Pays où il est utilisé"
    assert tool_fields["type"][0].startswith("type de page")
