"""Importing our own exports: the round trip, idempotence, and bad entries reported, not fatal."""

import pytest
from wagtail.models import Page

from opendata.importer import import_records
from pages import registry
from pages.relations import visible
from tests.helpers.opendata import export_tools_csv, exported, new_tool_record

pytestmark = pytest.mark.django_db

VOLATILE = {"url", "last_published_at"}


def comparable(entries):
    return sorted(
        ({k: v for k, v in entry.items() if k not in VOLATILE} for entry in entries),
        key=lambda entry: (entry["type"], entry["translation_key"]),
    )


def empty_the_catalogue():
    for model in registry.page_models():
        for page in model.objects.filter(depth=4):  # entries directly under a section
            page.delete()
    assert not Page.objects.type(*registry.page_models()).exists()


@pytest.mark.slow  # imports the whole demo catalogue into an empty site
def test_an_export_imported_into_an_empty_site_reproduces_the_catalogue():
    before = {language: exported(language) for language in ("fr", "en", "es")}
    entries = [
        (f"{language} entry {index}", entry)
        for language, items in before.items()
        for index, entry in enumerate(items, start=1)
    ]
    empty_the_catalogue()

    report = import_records(entries, publish=True)

    assert report.failed == []
    assert report.created == len(entries)
    for language, items in before.items():
        assert comparable(exported(language)) == comparable(items), language


def test_importing_the_same_export_again_changes_nothing():
    entries = [(f"entry {index}", entry) for index, entry in enumerate(exported("fr"), start=1)]

    report = import_records(entries, publish=True)

    assert (report.created, report.updated, report.failed) == (0, 0, [])
    assert report.unchanged == len(entries)


def test_a_changed_entry_is_updated_through_moderation():
    entry = next(item for item in exported("fr") if item["slug"] == "openfisca")
    entry["summary"] = "Résumé importé."

    report = import_records([("entry 1", entry)])

    assert report.updated == 1
    from pages.tools import ToolPage

    page = ToolPage.objects.get(slug="openfisca", locale__language_code="fr")
    assert page.summary != "Résumé importé."  # waiting for a moderator
    assert page.workflow_in_progress


def test_bad_entries_are_reported_with_their_place_and_the_good_ones_imported():
    good = new_tool_record(1, "tout-autre", "Tout autre outil", "https://autre.example.org/")
    entries = [
        ("entry 1", {**good, "type": "spaceship"}),
        ("entry 2", {**good, "categories": ["no-such-category"]}),
        ("entry 3", {**good, "website": "not a url"}),
        ("entry 4", {**good, "translation_key": "nope"}),
        ("entry 5", good),
    ]

    report = import_records(entries, publish=True)

    reasons = dict(report.failed)
    assert set(reasons) == {"entry 1", "entry 2", "entry 3", "entry 4"}
    assert "spaceship" in reasons["entry 1"]
    assert "no-such-category" in reasons["entry 2"]
    assert "website" in reasons["entry 3"]
    assert "UUID" in reasons["entry 4"]
    assert report.created == 1
    from pages.tools import ToolPage

    assert visible(ToolPage.objects.filter(slug="tout-autre")).exists()


def test_a_dry_run_changes_nothing():
    entry = new_tool_record(2, "dry", "Dry", "https://dry.example.org/")

    report = import_records([("entry 1", entry)], publish=True, dry_run=True)

    assert report.created == 1
    assert not Page.objects.filter(slug="dry").exists()


def test_the_command_reimports_a_csv_export_unchanged(tmp_path):
    import io

    from django.core.management import call_command

    path = tmp_path / "tools.csv"
    export_tools_csv(path)
    out = io.StringIO()

    call_command("import_catalogue", str(path), "--publish", stdout=out, stderr=io.StringIO())

    from pages.tools import ToolPage

    count = visible(ToolPage.objects.filter(locale__language_code="fr")).count()
    assert f"0 created, 0 updated, {count} unchanged, 0 failed" in out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"title,slug\nA,a\n", "missing column(s): type"),
        (b'{"entries": [', "not valid JSON"),
        (b'{"something": 1}', "expected a list of entries"),
    ],
)
def test_files_that_cannot_be_read_are_refused_whole_with_the_reason(tmp_path, content, message):
    import io

    from django.core.management import CommandError, call_command

    path = tmp_path / ("bad.csv" if content.startswith(b"title") else "bad.json")
    path.write_bytes(content)

    with pytest.raises(CommandError, match="Nothing imported") as raised:
        call_command("import_catalogue", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert message in str(raised.value)


def test_an_oversized_file_is_refused(tmp_path, monkeypatch):
    import io

    from django.core.management import CommandError, call_command

    from opendata import readers

    monkeypatch.setattr(readers, "MAX_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_text("[" + " " * 100 + "]")

    with pytest.raises(CommandError, match="larger than"):
        call_command("import_catalogue", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_failures_are_listed_with_their_line_and_the_summary_counts_them(tmp_path):
    import io

    from django.core.management import call_command

    path = tmp_path / "mixed.csv"
    path.write_text(
        "type,language,translation_key,title,slug,categories\n"
        "tool,fr,0f0f0f0f-0000-4000-8000-000000000003,Nouvel outil,nouvel-outil,forum\n"
        "tool,fr,0f0f0f0f-0000-4000-8000-000000000004,Autre outil,autre-outil,no-such-category\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()

    call_command("import_catalogue", str(path), stdout=out, stderr=err)

    assert "1 created, 0 updated, 0 unchanged, 1 failed" in out.getvalue()
    assert "line 3: categories: unknown" in err.getvalue()
    assert Page.objects.filter(slug="nouvel-outil", live=False).exists()  # waiting for moderation
