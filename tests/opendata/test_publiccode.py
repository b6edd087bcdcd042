"""Harvesting publiccode.yml files: real ones published by projects, and ones written for the tests."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from pages.organisations import OrganisationPage
from pages.tools import ToolPage

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalogue", *[str(arg) for arg in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_catala_becomes_a_tool_in_french_and_english_linked_as_translations():
    out, _err = run(FIXTURES / "catala.publiccode.yml", "--publish")

    french = ToolPage.objects.get(title="Catala", locale__language_code="fr")
    english = ToolPage.objects.get(title="Catala", locale__language_code="en")
    assert french.translation_key == english.translation_key
    assert not ToolPage.objects.filter(title="Catala", locale__language_code="es").exists()
    assert "Langage de programmation" in french.summary
    assert "programming language" in english.summary
    assert french.website == "https://catala-lang.org"
    assert french.source_code_url == "https://github.com/CatalaLang/catala"
    assert french.licence.spdx_id == "Apache-2.0"
    organisations = {link.organisation.title: link.role for link in french.organisation_links.all()}
    assert organisations["Direction Générale des Finances Publiques (DGFiP)"] == "operator"
    assert "funder" in organisations.values()
    assert "0 failed" in out


def test_consul_democracy_is_imported_in_english_only():
    run(FIXTURES / "consuldemocracy.publiccode.yml", "--publish")

    tools = ToolPage.objects.filter(title="Consul Democracy")
    assert [tool.locale.language_code for tool in tools] == ["en"]
    assert tools[0].licence.spdx_id == "AGPL-3.0-or-later"
    assert tools[0].source_code_url == "https://github.com/consuldemocracy/consuldemocracy"
    assert "Consul Democracy Foundation" in [
        link.organisation.title for link in tools[0].organisation_links.all()
    ]


def test_a_folder_is_imported_and_importing_again_changes_nothing():
    first, _ = run(FIXTURES, "--publish", "--format", "publiccode")
    again, _ = run(FIXTURES, "--publish", "--format", "publiccode")

    assert "0 failed" in first
    assert "0 created, 0 updated" in again
    assert ToolPage.objects.filter(title="Plaza Abierta").count() == 2  # Spanish and French


def test_known_organisations_are_linked_not_duplicated():
    etalab_before = OrganisationPage.objects.filter(title="Etalab").count()

    run(FIXTURES / "decidim-like.publiccode.yml", "--publish")

    assert OrganisationPage.objects.filter(title="Etalab").count() == etalab_before
    plaza = ToolPage.objects.get(title="Plaza Abierta", locale__language_code="fr")
    assert "Etalab" in [link.organisation.title for link in plaza.organisation_links.all()]
    assert set(plaza.categories.values_list("slug", flat=True)) == {"public-consultation"}


def test_a_broken_file_is_reported_and_the_good_ones_imported(tmp_path):
    (tmp_path / "good.publiccode.yml").write_bytes((FIXTURES / "decidim-like.publiccode.yml").read_bytes())
    (tmp_path / "broken.publiccode.yml").write_bytes((FIXTURES / "broken.publiccode.yml.txt").read_bytes())
    (tmp_path / "latin1.publiccode.yml").write_bytes(
        "name: Équipe\nurl: https://x.example\n".encode("latin-1")
    )

    out, err = run(tmp_path, "--publish")

    assert "broken.publiccode.yml: not valid YAML" in err
    assert "latin1.publiccode.yml:" in err and "UTF-8" in err
    assert "2 failed" in out
    assert ToolPage.objects.filter(title="Plaza Abierta").exists()


def test_a_dry_run_imports_nothing():
    out, _ = run(FIXTURES / "catala.publiccode.yml", "--dry-run")

    assert "Dry run" in out and "created" in out
    assert not ToolPage.objects.filter(title="Catala").exists()


def valid_publiccode(document):
    """The rules of the publiccode.yml 0.4 standard that a validator checks first (required keys,
    lengths, vocabularies); the official validator is a Go program we cannot install here."""
    import yaml

    data = yaml.safe_load(document)
    required = [
        "publiccodeYmlVersion",
        "name",
        "url",
        "platforms",
        "categories",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    ]
    missing = [key for key in required if key not in data]
    assert not missing, missing
    assert data["developmentStatus"] in {"concept", "development", "beta", "stable", "obsolete"}
    assert data["softwareType"] in {
        "standalone/mobile",
        "standalone/iot",
        "standalone/desktop",
        "standalone/web",
        "standalone/backend",
        "standalone/other",
        "addon",
        "library",
        "configurationFiles",
    }
    assert data["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert isinstance(data["localisation"]["localisationReady"], bool)
    assert data["localisation"]["availableLanguages"]
    assert data["legal"]["license"]
    for text in data["description"].values():
        assert 0 < len(text["shortDescription"]) <= 150
        assert 150 <= len(text["longDescription"]) <= 10000
        assert text["features"]
    return data


def test_a_tool_downloads_as_a_valid_publiccode_file(client):
    openfisca = ToolPage.objects.get(slug="openfisca", locale__language_code="fr")

    response = client.get(f"/fr/export/publiccode/{openfisca.translation_key}.yml")

    assert response.status_code == 200
    assert "openfisca.publiccode.yml" in response["Content-Disposition"]
    data = valid_publiccode(response.content.decode())
    assert data["url"] == openfisca.source_code_url
    assert set(data["description"]) == {"fr", "en", "es"}


def test_a_tool_without_source_code_says_why_it_has_no_publiccode_file(client):
    tool = ToolPage.objects.get(slug="mes-aides", locale__language_code="fr")

    response = client.get(f"/fr/export/publiccode/{tool.translation_key}.yml")

    assert response.status_code == 404
    assert "source code" in response.content.decode()


def test_the_command_writes_one_file_per_describable_tool(tmp_path):
    err = io.StringIO()
    call_command(
        "export_catalogue", "--format", "publiccode", "--locale", "fr", "--output", str(tmp_path), stderr=err
    )

    files = sorted(tmp_path.glob("*.publiccode.yml"))
    assert files
    for path in files:
        valid_publiccode(path.read_text(encoding="utf-8"))
    assert "mes-aides: skipped" in err.getvalue()
    assert f"Exported {len(files)} of" in err.getvalue()

    # and a file we wrote is read back as the same tool: a likely duplicate, not a new entry
    _out, err = run(tmp_path / "openfisca.publiccode.yml", "--publish")
    assert "likely duplicate of OpenFisca" in err
