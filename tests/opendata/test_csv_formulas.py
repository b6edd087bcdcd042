"""CSV exports are opened in spreadsheets: no cell runs as a formula, and the import gives back the text.

OWASP's advice for CSV injection: a cell that starts with =, +, -, @, tab or carriage return gets a
single quote in front. JSON is not a spreadsheet format and keeps the values as they are.
"""

import csv
import io
import json

import pytest
from django.core.management import call_command

from opendata.readers import csv_entries
from tests.factories import tool
from tests.helpers.opendata import export_tools_csv

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("https://evil.example/","Cliquez ici")',
    "+33 1 23 45 67 89",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabulé",
    "\rRetour chariot",
    "'=déjà entre guillemets",  # a quote in front already: still one more, so the import can remove it
]


@pytest.fixture
def formula_tools(django_capture_on_commit_callbacks):
    pages = []
    with django_capture_on_commit_callbacks(execute=True):  # indexed for the search export
        for number, text in enumerate(FORMULAS):
            page = tool(text, summary=text, slug=f"formule-{number}")
            page.save_revision().publish()
            pages.append(page)
        # and a tool without a formula, whose cells must stay as they are
        tool("Calculix", summary="Un moteur de calcul.", slug="calculix").save_revision().publish()
    return pages


def csv_rows(text):
    """The rows of a French CSV export by slug, with the columns named as the fields are."""
    names = {"Identifiant d'URL": "slug", "Titre": "title", "Résumé": "summary"}
    rows = [
        {names.get(header, header): cell for header, cell in row.items()}
        for row in csv.DictReader(io.StringIO(text))
    ]
    return {row["slug"]: row for row in rows}


def content(response):
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize(
    "url", ["/fr/export/tools.csv", "/fr/export/catalogue.csv", "/fr/export/search.csv?kind=tool"]
)
def test_a_cell_a_spreadsheet_would_run_is_prefixed_with_a_quote(client, formula_tools, url):
    rows = csv_rows(content(client.get(url)))

    for number, text in enumerate(FORMULAS):
        assert rows[f"formule-{number}"]["title"] == "'" + text
        assert rows[f"formule-{number}"]["summary"] == "'" + text
    assert rows["calculix"]["title"] == "Calculix"  # other cells are left as they are
    assert rows["calculix"]["summary"] == "Un moteur de calcul."


@pytest.mark.parametrize("url", ["/fr/export/tools.json", "/fr/export/search.json?kind=tool"])
def test_json_exports_keep_the_values_unchanged(client, formula_tools, url):
    entries = json.loads(content(client.get(url)))["entries"]

    by_slug = {entry["slug"]: entry for entry in entries}
    for number, text in enumerate(FORMULAS):
        assert by_slug[f"formule-{number}"]["title"] == text
        assert by_slug[f"formule-{number}"]["summary"] == text


def test_the_command_s_csv_export_is_prefixed_and_imports_back_unchanged(formula_tools, tmp_path):
    path = tmp_path / "tools.csv"
    export_tools_csv(path)
    text = path.read_bytes().decode()  # as the importer reads it: a carriage return stays one

    assert csv_rows(text)["formule-0"]["title"] == "'" + FORMULAS[0]
    titles = {item["slug"]: item["title"] for _where, item in csv_entries(text)}
    assert [titles[f"formule-{number}"] for number in range(len(FORMULAS))] == FORMULAS

    out = io.StringIO()
    call_command("import_catalogue", str(path), "--publish", stdout=out, stderr=io.StringIO())
    assert "0 created, 0 updated, " in out.getvalue() and " unchanged, 0 failed" in out.getvalue()
