"""A harvested entry's records (API, exports) say where it comes from, as its page does: its sources
with their licences and attribution, and the instance it was first written on (federation)."""

import csv
import io
import json

import pytest

from harvest.models import Source, Trust
from harvest.run import harvest
from pages.tools import ToolPage
from tests.harvest import http
from tests.harvest.test_kinds import KEY_FEDERATED, _export, _tool_entry
from tests.harvest.test_run import JSON, ZIP, serve, sill_source

http_server = http.http_server

pytestmark = pytest.mark.django_db


def entry(client, key, language):
    answer = client.get(f"/api/v1/entries/{key}", {"language": language})
    assert answer.status_code == 200, answer.content[:500]
    return answer.json()


def test_the_api_and_the_exports_name_an_entrys_sources(http_server, client):
    harvest(sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW))
    quintzip = ToolPage.objects.get(title="Quintzip", locale__language_code="fr")
    found = entry(client, quintzip.translation_key, "fr")
    [source] = found["sources"]
    assert source["name"] == "SILL" and source["licence"] == "Licence Ouverte 2.0"
    assert source["attribution"] == "Socle interministériel de logiciels libres, DINUM"
    assert source["harvested_at"][:4].isdigit() and found["origin"] is None
    # an entry nobody harvested has none
    written = ToolPage.objects.live().filter(locale__language_code="fr").exclude(pk=quintzip.pk).first()
    assert entry(client, written.translation_key, "fr")["sources"] == []

    exported = json.loads(b"".join(client.get("/fr/export/tools.json").streaming_content))
    by_title = {item["title"]: item for item in exported["entries"]}
    assert by_title["Quintzip"]["sources"][0]["name"] == "SILL"
    assert "sources" in exported["fields"]["tool"]
    rows = list(
        csv.reader(io.StringIO(b"".join(client.get("/fr/export/tools.csv").streaming_content).decode()))
    )
    column = rows[0].index("Moissonné depuis")
    [row] = [row for row in rows if "Quintzip" in row]
    assert row[column] == "SILL (Licence Ouverte 2.0)"


def test_an_entry_first_written_here_is_not_harvested_back_and_others_keep_their_origin(
    http_server, client, settings
):
    """Two instances harvest each other: what this site wrote comes back marked with its address,
    and is left alone; what a third instance wrote keeps that instance as its origin."""
    ours = {
        **_tool_entry("en", "Boomerang", "Written here first"),
        "translation_key": "0b7e9f6a-5555-4c1e-9a55-3d1f0c9a0005",
        "website": "https://boomerang.example.org",
        "source_code_url": "",
        "organisation_links": [],
        "origin": "https://toolbox.example.org/",  # this site (settings.SITE_URL)
    }
    third = {
        **_tool_entry("en", "Farflung", "Written on a third instance"),
        "translation_key": KEY_FEDERATED,
        "website": "https://farflung.example.org",
        "source_code_url": "",
        "organisation_links": [],
        "origin": "https://first.example.net",
    }
    http_server.route("/en/export/tools.json", http.Answer(_export("en", [ours, third]), headers=JSON))
    source = Source.objects.create(
        name="Another toolbox",
        kind="toolbox",
        address=http_server.address("/en/export/tools.json"),
        data_licence="Licence Ouverte 2.0",
        language="en",
        trust=Trust.PUBLISH_NEW,
    )
    settings.SITE_URL = "https://toolbox.example.org"
    run = harvest(source)
    assert (run.created, run.failed) == (1, 0), run.problems
    assert not ToolPage.objects.filter(title="Boomerang").exists()
    farflung = ToolPage.objects.get(title="Farflung")
    assert entry(client, farflung.translation_key, "en")["origin"] == "https://first.example.net"
