"""A whole-site export rebuilds the catalogue on an empty bootstrapped site, taxonomy included.

"Empty bootstrapped site": the session's database holds bootstrap's base taxonomy and the demo
catalogue, which uses only that taxonomy; deleting every catalogue page leaves exactly what
``bootstrap`` makes. Terms the catalogue adds to the base taxonomy are deleted too, so the import has
to recreate them from the taxonomy the export carries.
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from core.content import Texts
from opendata.importer import import_records
from opendata.readers import json_document
from pages import registry
from pages.tools import ToolPage
from snippets.models import Category, Licence
from tests.factories import term
from tests.helpers.html import result_titles, texts

pytestmark = pytest.mark.django_db

VOLATILE = {"last_published_at"}


def export(tmp_path, name="all.json", locale="all"):
    path = tmp_path / name
    call_command("export_catalogue", "--locale", locale, "--output", str(path), stderr=io.StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


def records_of(document):
    return {
        (entry["type"], entry["language"], entry["translation_key"]): {
            name: value for name, value in entry.items() if name not in VOLATILE
        }
        for entry in document["entries"]
    }


def empty_the_catalogue():
    for model in registry.page_models():
        for page in model.objects.filter(depth=4):  # entries right under a section, with what is below
            page.delete()
    assert not Page.objects.type(*registry.page_models()).exists()


def main_text(response):
    return " ".join(texts(response, "main"))


def import_file(path, *options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalogue", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def crowdfunding():
    """A category the base taxonomy does not have, in three languages, on a live tool."""
    versions = term(
        Category,
        "crowdfunding",
        Texts("Financement participatif", "Crowdfunding", "Micromecenazgo"),
        description=Texts("Collecter des dons.", "Raising donations.", "Recaudar donaciones."),
    )
    tool = ToolPage.objects.get(slug="openfisca", locale__language_code="fr")
    tool.categories.add(versions["fr"])
    tool.save_revision().publish()
    return versions


@pytest.mark.slow  # rebuilds a whole site from its export
def test_the_whole_site_export_rebuilds_every_entry_translation_relation_and_term(tmp_path, crowdfunding):
    before = export(tmp_path)
    assert {entry["language"] for entry in before["entries"]} == {"fr", "en", "es"}
    assert {entry["type"] for entry in before["entries"]} == set(registry.keys())
    assert "crowdfunding" in [item["slug"] for item in before["taxonomy"]["category"]]
    empty_the_catalogue()
    Category.objects.filter(slug="crowdfunding").delete()

    out, err = import_file(tmp_path / "all.json", "--publish", "--unknown-terms", "create")

    assert f"{len(before['entries'])} created, 0 updated, 0 unchanged, 0 failed" in out, err
    assert "tool category 'crowdfunding'" in out
    after = export(tmp_path, "again.json")
    assert records_of(after) == records_of(before)
    assert after["taxonomy"] == before["taxonomy"]
    # translations are linked: the French tool's English page is its translation
    tool = ToolPage.objects.get(slug="openfisca", locale__language_code="fr")
    assert {page.locale.language_code for page in tool.get_translations(inclusive=True)} == {"fr", "en", "es"}
    # the recreated term has its own words in each language, not its identifier
    names = dict(Category.objects.filter(slug="crowdfunding").values_list("locale__language_code", "name"))
    assert names == {"fr": "Financement participatif", "en": "Crowdfunding", "es": "Micromecenazgo"}


@pytest.mark.slow  # imports a whole language into a fresh site
def test_the_french_export_imports_into_a_fresh_site_without_a_failure(client, tmp_path):
    response = client.get("/fr/export/catalogue.json")
    path = tmp_path / "fr.json"
    path.write_bytes(b"".join(response.streaming_content))
    entries, taxonomy = json_document(path.read_text(encoding="utf-8"))
    assert {"category", "licence", "technicalcriterion"} <= set(taxonomy)
    empty_the_catalogue()

    out, err = import_file(path, "--publish")

    assert f"{len(entries)} created, 0 updated, 0 unchanged, 0 failed" in out, err


def test_an_unknown_term_is_refused_by_default_with_the_reason_and_the_way_out(tmp_path, crowdfunding):
    document = export(tmp_path, "fr.json", locale="fr")
    Category.objects.filter(slug="crowdfunding").delete()
    openfisca = [entry for entry in document["entries"] if entry.get("slug") == "openfisca"]

    report = import_records([("entry 1", openfisca[0])], publish=True, taxonomy=document["taxonomy"])

    ((where, reason),) = report.failed
    assert where == "entry 1"
    assert "unknown tool category 'crowdfunding'" in reason
    assert "--unknown-terms=create" in reason
    assert not Category.objects.filter(slug="crowdfunding").exists()


def test_an_unknown_term_an_import_creates_waits_for_the_moderator_who_approves_the_entry(client, tmp_path):
    tool = ToolPage.objects.get(slug="openfisca", locale__language_code="fr")
    document = export(tmp_path, "fr.json", locale="fr")
    record = next(entry for entry in document["entries"] if entry.get("slug") == "openfisca")
    record["categories"] = [*record["categories"], "Vote électronique"]  # a label from elsewhere

    report = import_records([("entry 1", record)], unknown_terms="create")

    assert report.failed == []
    assert report.terms_created == ["tool category 'vote-electronique'"]
    assert "drafts for moderators" in report.summary()
    created = Category.objects.get(slug="vote-electronique", locale__language_code="fr")
    assert (created.name, created.live) == ("Vote électronique", False)
    assert "Vote électronique" not in main_text(client.get(tool.url))
    assert "vote-electronique" not in json.dumps(export(tmp_path, "waiting.json", locale="fr"))
    # the moderator approves the entry, which shows the new term in its preview: the term is published
    tool.refresh_from_db()
    tool.get_latest_revision().publish()
    created.refresh_from_db()
    assert created.live
    assert "Vote électronique" in main_text(client.get(tool.url))


def test_a_draft_term_on_a_live_page_is_shown_nowhere_until_a_moderator_publishes_it(
    client, moderator_client
):
    tool = ToolPage.objects.get(slug="openfisca", locale__language_code="fr")
    term = Category(slug="vote-electronique", name="Vote électronique", locale_id=tool.locale_id)
    term.save()
    term.save_revision().publish()
    tool.categories.add(term)
    tool.save_revision().publish()
    row = tool.criteria_values.select_related("criterion").first()
    row.criterion.unpublish()  # a moderator took a term and a criterion back
    term.unpublish()
    api = client.get(f"/api/v1/entries/{tool.translation_key}", {"language": "fr"})
    assert api.status_code == 200, api.content
    assert "vote-electronique" not in api.content.decode()
    assert row.criterion.slug not in [item["criterion"] for item in api.json()["criteria_values"]]
    assert "Vote électronique" not in main_text(client.get(tool.url))

    edit = f"/admin/snippets/snippets/category/edit/{term.pk}/"
    assert moderator_client.get(edit).status_code == 200
    response = moderator_client.post(
        edit,
        {"name": "Vote électronique", "slug": "vote-electronique", "description": "", "action-publish": "1"},
    )

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.live
    assert "Vote électronique" in main_text(client.get(tool.url))
    assert result_titles(client.get("/fr/search/", {"category": "vote-electronique"})) == ["OpenFisca"]


def test_licences_are_found_by_spdx_id_and_records_without_keys_are_not_merged_by_title(tmp_path):
    record = {"type": "tool", "language": "fr", "title": "Decidim Lyon", "licence": "AGPL-3.0-or-later"}
    twin = {"type": "tool", "language": "fr", "title": "Decidim Lyon", "website": "https://lyon.example.org/"}

    report = import_records([("entry 1", record), ("entry 2", twin)], publish=True)

    assert report.created == 1
    assert ToolPage.objects.get(title="Decidim Lyon").licence.slug == "agpl-3-0-or-later"
    ((where, reason),) = report.failed
    assert where == "entry 2" and "same type and title as an earlier entry" in reason


def test_a_file_without_languages_takes_the_locale_option_and_others_keep_theirs(tmp_path):
    path = tmp_path / "elsewhere.csv"
    path.write_text(
        "type,language,title,summary,website\n"
        "tool,,Decidim Barcelona,Plateforme de participation.,https://decidim.barcelona/\n"
        "tool,es,Consul Madrid,Plataforma de participación.,https://decide.madrid.es/\n",
        encoding="utf-8",
    )

    out, err = import_file(path, "--locale", "en", "--publish")

    assert "2 created" in out, err
    assert ToolPage.objects.get(title="Decidim Barcelona").locale.language_code == "en"
    assert ToolPage.objects.get(title="Consul Madrid").locale.language_code == "es"
    # importing the same file again updates the same entries: the keys are derived, not random
    out, err = import_file(path, "--locale", "en", "--publish")
    assert "0 created" in out and "2 unchanged" in out, err


def test_a_csv_column_the_catalogue_does_not_have_is_named_in_the_report(tmp_path):
    path = tmp_path / "elsewhere.csv"
    path.write_text(
        "type,language,title,Remarques internes\ntool,fr,Decidim Lyon,à revoir\n", encoding="utf-8"
    )

    out, err = import_file(path, "--publish")

    assert "1 created" in out and "1 with notes" in out
    assert "line 2: note: column(s) 'Remarques internes': no such field, not imported" in err


def test_a_file_without_languages_and_no_locale_option_says_what_to_do(tmp_path):
    path = tmp_path / "elsewhere.csv"
    path.write_text("type,title\ntool,Decidim Barcelona\n", encoding="utf-8")

    out, err = import_file(path)

    assert "0 created" in out and "1 failed" in out
    assert "no language: add a language column, or import with --locale" in err


def test_the_licences_of_the_site_are_the_spdx_list_and_exports_name_them_by_identifier(tmp_path):
    document = export(tmp_path, "fr.json", locale="fr")
    licences = {item["slug"]: item["fields"] for item in document["taxonomy"]["licence"]}

    assert licences["agpl-3-0-or-later"]["spdx_id"] == "AGPL-3.0-or-later"
    assert licences["agpl-3-0-or-later"]["is_open_source"] is True
    assert Licence.objects.filter(spdx_id="AGPL-3.0-or-later").count() == 3  # one per language


@pytest.mark.slow  # bootstraps a fresh site for each file
@pytest.mark.parametrize(
    ("name", "licence", "categories"),
    [
        ("catala", "Apache-2.0", {"simulation"}),
        (
            "consuldemocracy",
            "AGPL-3.0-or-later",
            {"public-services", "forum", "public-consultation", "law-making"},
        ),
    ],
)
def test_a_real_publiccode_file_imports_into_a_fresh_site_with_its_licence_and_categories(
    name, licence, categories
):
    empty_the_catalogue()
    path = Path(__file__).parent / "fixtures" / f"{name}.publiccode.yml"

    out, err = import_file(path)

    assert "0 failed" in out, err
    tool = ToolPage.objects.filter(source_code_url__icontains=name.removesuffix("democracy")).first()
    revision = tool.get_latest_revision_as_object()  # sent to moderation, not published
    assert not tool.live
    assert revision.licence.spdx_id == licence
    assert {category.slug for category in revision.categories.all()} == categories
    if name == "consuldemocracy":  # what the catalogue cannot hold is said, not dropped
        assert "1 with notes" in out
        assert "note: publiccode categories with no tool category here, left out: communications" in err
