"""The catalogue as open data: CSV and JSON per language, whole or as a search's results."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from pages import registry
from pages.relations import visible
from pages.tools import ToolPage
from tests.factories import OrganisationPageFactory, category, hidden_tools, published, tool

pytestmark = pytest.mark.django_db


def body(response):
    assert response.streaming  # written as it is produced, not built in memory
    return b"".join(response.streaming_content).decode()


def test_the_tools_of_a_language_download_as_csv_with_their_licence(client):
    hidden_tools("exporté")
    organisation = OrganisationPageFactory()
    published(
        ToolPage,
        {
            "title": "Calculix",
            "slug": "calculix",
            "categories": [
                category("simulation-export", "Simulation d'essai"),
                category("services-essai", "Services d'essai"),
            ],
            "countries": ["FR", "SN"],
            "organisation_links": [{"organisation": organisation, "role": "contributor"}],
        },
        languages=("fr",),
    )

    response = client.get("/fr/export/tools.csv")

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="ogp-toolbox-fr-tools.csv"' in response["Content-Disposition"]
    assert 'rel="license"' in response["Link"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert len(rows) == visible(ToolPage.objects.filter(locale__language_code="fr")).count()
    assert {row["Type"] for row in rows} == {"outil"}
    assert {row["Licence des données"] for row in rows} == {"Licence Ouverte / Open Licence 2.0"}
    titles = {row["Titre"] for row in rows}
    assert "Calculix" in titles
    assert "Brouillon exporté" not in titles and "Privé exporté" not in titles
    calculix = next(row for row in rows if row["Identifiant d'URL"] == "calculix")
    assert calculix["Catégories"] == "Services d'essai; Simulation d'essai"
    assert calculix["Pays où il est utilisé"] == "France; Sénégal"
    assert calculix["Organisations derrière l'outil"] == f"{organisation.title} (Y contribue)"


def test_the_whole_catalogue_downloads_as_json(client):
    data = json.loads(body(client.get("/en/export/catalogue.json")))

    assert data["licence"] == "Licence Ouverte / Open Licence 2.0"
    assert data["language"] == "en"
    expected = sum(
        visible(model.objects.filter(locale__language_code="en")).count() for model in registry.page_models()
    )
    assert len(data["entries"]) == expected
    openfisca = next(entry for entry in data["entries"] if entry["slug"] == "openfisca")
    assert openfisca["url"].endswith("/en/tools/openfisca/")
    assert openfisca["description"][0]["type"] == "paragraph"
    assert "wagtail_admin_comments" not in openfisca
    project = next(entry for entry in data["entries"] if entry["type"] == "project")
    assert project["parent"]  # the hackathon it belongs to, by translation key
    assert project["scores"] and "jury_score" in project["scores"][0]


def test_search_results_export_with_their_words_and_filters(client):
    html = client.get("/fr/search/", {"q": "outils", "kind": "tool", "page": "1"}).content.decode()
    assert "/fr/export/search.csv?q=outils&amp;kind=tool" in html

    rows = list(
        csv.DictReader(
            io.StringIO(body(client.get("/fr/export/search.csv", {"q": "outils", "kind": "tool"})))
        )
    )

    assert rows
    assert {row["Type"] for row in rows} == {"outil"}
    data = json.loads(body(client.get("/fr/export/search.json", {"q": "outils"})))
    assert data["query"] == {"q": ["outils"]}
    assert len(data["entries"]) >= len(rows)


def test_an_unknown_export_is_not_found(client):
    assert client.get("/fr/export/spaceships.csv").status_code == 404
    assert client.get("/fr/export/tools.xml").status_code == 404


def test_the_export_command_writes_a_file_and_says_how_many(tmp_path):
    output = tmp_path / "tools.json"
    err = io.StringIO()

    call_command(
        "export_catalogue",
        "--format",
        "json",
        "--locale",
        "es",
        "--type",
        "tool",
        "--output",
        str(output),
        stderr=err,
    )

    data = json.loads(output.read_text(encoding="utf-8"))
    assert len(data["entries"]) == visible(ToolPage.objects.filter(locale__language_code="es")).count()
    assert f"Exported {len(data['entries'])} entries (es, json)." in err.getvalue()
    with pytest.raises(CommandError, match="Unknown locale"):
        call_command("export_catalogue", "--locale", "de", "--output", str(output), stderr=io.StringIO())


def test_the_api_and_the_search_export_rank_words_as_the_search_page_does(client):
    for page in (
        tool("Carnet C", summary="Un carnet.", body="On y parle de mangrove."),
        tool("Carnet B", summary="Une mangrove en ligne."),
        tool("Mangrove A", summary="Un carnet."),
    ):
        page.save_revision().publish()
    ranked = ["Mangrove A", "Carnet B", "Carnet C"]  # title above summary above body

    listed = client.get("/api/v1/entries", {"q": "mangrove", "language": "fr"}).json()
    exported = json.loads(body(client.get("/fr/export/search.json", {"q": "mangrove"})))
    page = client.get("/fr/search/", {"q": "mangrove"}).content.decode()

    assert [entry["title"] for entry in listed["results"]] == ranked
    assert [entry["title"] for entry in exported["entries"]] == ranked
    assert page.index("Mangrove A") < page.index("Carnet B") < page.index("Carnet C")
