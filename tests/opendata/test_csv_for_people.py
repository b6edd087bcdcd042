"""CSV exports are for people: headers, labels and text in the export's language; they import back.

A CSV names its columns by the fields' verbose names, shows terms, pages, countries and choices by
their labels, rich text as text (with an HTML column that keeps everything) and inline relations as
``Target (value, value)``; ``readers.csv_entries`` turns all of it back into identifiers.
"""

import csv
import io
import json
import uuid

import pytest
from django.core.management import call_command

from opendata.importer import import_records
from opendata.readers import FileError, csv_entries
from pages import registry
from pages.tools import ToolPage
from snippets.models import Category
from tests.factories import linked_catalogue
from tests.helpers.opendata import exported

pytestmark = pytest.mark.django_db


def export(client, language, plural):
    response = client.get(f"/{language}/export/{plural}.csv")
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def row_titled(text, title):
    return next(
        row for row in rows_of(text) if row.get("Titre", row.get("Title", row.get("Título"))) == title
    )


@pytest.fixture
def built(db):
    return linked_catalogue()


def test_a_tool_s_row_is_written_in_the_export_s_language(client, built):
    row = row_titled(export(client, "fr", "tools"), "Quintilix")

    assert row["Type"] == "outil"
    assert row["Langue"] == "fr"
    assert row["Type (outil)"] == "Logiciel"
    assert row["Licence"] == "GNU Affero GPL v3 (essai)"
    assert row["Catégories"] == "Simulation d'essai"
    assert row["Pays où il est utilisé"] == "France; Sénégal; Tunisie"
    assert row["Langues de l'interface"] == "Anglais; Français"
    assert row["Description"] == "Quintilix transforme la règle en code."
    assert row["Description (HTML)"] == (
        '<div class="block-paragraph"><p>Quintilix transforme la règle en code.</p></div>'
    )
    assert row["Organisations derrière l'outil"] == "Atelier Quintil (Y contribue)"
    assert (
        row["Valeurs de critères techniques"]
        == "Hébergement (Oui, Paquet Python); Interface d'essai (Oui, API web)"
    )
    assert row["Licence des données"] == "Licence Ouverte / Open Licence 2.0"
    assert "{" not in "".join(row.values())  # nothing is JSON


def test_headers_and_labels_follow_the_language_of_the_export(client, built):
    spanish = row_titled(export(client, "es", "tools"), "Quintilix")
    english = row_titled(export(client, "en", "use-cases"), "Working out one's rights")

    assert spanish["Tipo"] == "herramienta"
    assert spanish["Idioma"] == "es"
    assert spanish["Categorías"] == "Simulación de prueba"
    assert spanish["Países donde se usa"] == "Francia; Senegal; Túnez"
    assert english["Type"] == "use case"
    assert english["Tools used"] == "Quintilix (The calculator.)"
    assert english["Audiences"] == "Trial audience"
    assert english["Objectives"] == "Trial objective."
    assert english["Objectives (HTML)"] == "<p>Trial objective.</p>"
    assert english["Level of government"] == "National"


def test_a_project_names_its_hackathon_scores_and_log_in_words(client, built):
    row = row_titled(export(client, "fr", "projects"), "Quintilix au Sénégal")

    assert row["Page parente"] == "Marathon d'essai"
    assert row["Notes"] == "Critère 1 (4, 5, Note 1.); Critère 2 (4, 5, Note 2.); Critère 3 (4, 5, Note 3.)"
    assert row["Journal de bord"] == "2016-12-08 — Un prototype marche."
    assert row["Liens"] == "Code source — https://code.example.org/quintilix-sn — Code"
    assert row["Distinction"] == "Lauréat"


@pytest.mark.parametrize("page_type", registry.page_types(), ids=lambda page_type: page_type.key)
def test_a_csv_export_of_each_type_imports_back_unchanged(client, built, page_type):
    for language in ("fr", "en", "es"):
        text = export(client, language, page_type.plural)
        entries = csv_entries(text)

        report = import_records(entries, publish=True)

        assert report.failed == []
        assert report.unchanged == len(rows_of(text)) > 0
        assert [item["_notes"] for _where, item in entries if "_notes" in item] == []


def test_a_csv_export_carries_what_its_cells_changed(client, built):
    """The round trip is not blind: a label changed in the file changes the page."""
    rows = list(csv.reader(io.StringIO(export(client, "fr", "tools"))))
    header, calculix = rows[0], next(row for row in rows if "Quintilix" in row)
    calculix[header.index("Organisations derrière l'outil")] = "Atelier Quintil (Le développe)"
    calculix[header.index("Pays où il est utilisé")] = "France ; sénégal"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    text = out.getvalue()

    report = import_records(csv_entries(text), publish=True)

    assert report.updated == 1
    tool = ToolPage.objects.get(slug="quintilix", locale__language_code="fr")
    assert [link.role for link in tool.organisation_links.all()] == ["developer"]
    assert [country.code for country in tool.countries] == ["FR", "SN"]


FRENCH_HEADER = [
    "Type",
    "Langue",
    "Clé de traduction",
    "Titre",
    "Résumé",
    "Catégories",
    "Pays où il est utilisé",
    "État",
    "Description",
    "Organisations derrière l'outil",
    "Langues de l'interface",
]


def french_csv(key, organisations="atelier quintil (le développe)"):
    """A file written by hand in a spreadsheet: French names, labels, odd spacing and case."""
    row = [
        "outil",
        "Français",
        str(key),
        "Délibéra",
        'Un outil « venu d\'ailleurs »; avec des guillemets "droits"',
        "SIMULATION D'ESSAI ;portail inconnu",
        "France; Sénégal",
        "Non maintenu",
        "Un premier paragraphe.\n\nUn second, sur\ndeux lignes.",
        organisations,
        "français; Espagnol",
    ]
    out = io.StringIO()
    csv.writer(out).writerows([FRENCH_HEADER, row])
    return out.getvalue()


def test_a_csv_from_elsewhere_with_french_headers_and_labels_imports(built):
    key = uuid.uuid4()
    entries = csv_entries(french_csv(key))
    [(_where, item)] = entries

    # labels become identifiers; the one that names nothing is left for the importer to judge
    assert item["categories"] == ["simulation-essai", "portail inconnu"]
    Category.objects.create(
        slug="portail inconnu", name="Portail inconnu", locale=built["category"]["fr"].locale
    )
    report = import_records(entries, publish=True)

    assert report.failed == [] and report.created == 1
    tool = ToolPage.objects.get(translation_key=key)
    assert tool.summary == 'Un outil « venu d\'ailleurs »; avec des guillemets "droits"'
    assert tool.status == "unmaintained"
    assert [country.code for country in tool.countries] == ["FR", "SN"]
    assert sorted(tool.interface_languages) == ["es", "fr"]
    assert [(link.organisation.title, link.role) for link in tool.organisation_links.all()] == [
        ("Atelier Quintil", "developer")
    ]
    [block] = tool.description
    assert block.block_type == "paragraph"
    assert str(block.value.source) == "<p>Un premier paragraphe.</p><p>Un second, sur<br/>deux lignes.</p>"


def test_an_inline_relation_that_cannot_be_read_back_is_skipped_and_said(built):
    text = french_csv(uuid.uuid4(), "Atelier Quintil (Le développe); Quelqu'un (sans rôle)")

    [(_where, item)] = csv_entries(text)

    assert "organisation_links" not in item
    [note] = item["_notes"]
    assert note.startswith("organisation_links: not imported")
    assert "Quelqu'un (sans rôle)" in note


def test_the_command_exports_a_csv_for_people(built, tmp_path):
    path = tmp_path / "tools.csv"
    call_command(
        "export_catalogue",
        "--format",
        "csv",
        "--locale",
        "es",
        "--type",
        "tool",
        "--output",
        str(path),
        stderr=io.StringIO(),
    )

    row = row_titled(path.read_text(encoding="utf-8"), "Quintilix")
    assert row["Tipo"] == "herramienta"
    assert row["Organizaciones detrás de la herramienta"] == "Atelier Quintil (Contribuye)"


def test_the_html_column_is_read_before_the_text_one(built):
    key = uuid.uuid4()
    rows = list(csv.reader(io.StringIO(french_csv(key))))
    rows[1][FRENCH_HEADER.index("Catégories")] = "Simulation d'essai"
    rows[0].append("Description (HTML)")
    rows[1].append(
        '<div class="block-heading">Titre</div>\n<div class="block-paragraph"><p><b>Gras</b></p></div>'
    )
    out = io.StringIO()
    csv.writer(out).writerows(rows)

    report = import_records(csv_entries(out.getvalue()), publish=True)

    assert report.failed == []
    tool = ToolPage.objects.get(translation_key=key)
    assert [block.block_type for block in tool.description] == ["heading", "paragraph"]
    assert tool.description[1].value.source == "<p><b>Gras</b></p>"


def old_style_cell(value):
    """A cell as our first CSV exports wrote it: identifiers joined by ";", nested data as JSON."""
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ";".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def test_a_csv_of_our_first_exports_named_by_field_imports_back_unchanged(built):
    entries = [entry for entry in exported("fr") if entry["translation_key"] in keys_of(built)]
    names = list(entries[0])
    for entry in entries[1:]:
        names += [name for name in entry if name not in names]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    writer.writerows([old_style_cell(entry.get(name)) for name in names] for entry in entries)

    report = import_records(csv_entries(out.getvalue()), publish=True)

    assert report.failed == []
    assert report.unchanged == len(entries) == 6


def keys_of(built):
    return {str(pages["fr"].translation_key) for name, pages in built.items() if name in TYPES}


TYPES = {"tool", "use_case", "organisation", "collection", "hackathon", "project"}


def test_a_column_the_catalogue_does_not_have_is_named_in_a_note(built):
    rows = list(csv.reader(io.StringIO(french_csv(uuid.uuid4()))))
    rows[0].append("Remarques internes")
    rows[1].append("À revoir")
    out = io.StringIO()
    csv.writer(out).writerows(rows)

    [(_where, item)] = csv_entries(out.getvalue())

    assert item["_notes"] == ["column(s) 'Remarques internes': no such field, not imported"]


def test_a_file_without_the_identity_columns_says_how_they_are_named():
    with pytest.raises(FileError) as error:
        csv_entries("Titre,Résumé\nDélibéra,Un outil.\n")

    # a file from elsewhere needs a type and a title only (its language may come from --locale)
    assert "missing column(s): type (named so, or as exports name them: Type / Tipo)" in str(error.value)
