"""Files built to break the import fail alone, with a reason; the rest of the import goes on.

Shapes the standard does not allow, YAML alias bombs, values of the wrong type, markup nested too
deep, numbers beyond the database's, null characters: each is one failed entry (or file), never a
traceback that stops the import, never memory exhausted. A dry run tells no one.
"""

import csv
import io
import itertools
import shutil
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from opendata.importer import import_records
from pages.organisations import OrganisationPage
from pages.tools import ToolPage

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"

GOOD = """publiccodeYmlVersion: "0.4"
name: Outil sain
url: https://example.org/sain.git
description:
  fr:
    shortDescription: Un outil importé sans histoire.
    longDescription: Un outil importé sans histoire, pour vérifier que le reste de l'import continue.
"""

BROKEN = {
    "description-is-text": 'name: A\nurl: https://example.org/a.git\ndescription: "texte"\n',
    "legal-is-text": 'name: B\nurl: https://example.org/b.git\nlegal: "MIT"\n',
    "name-is-a-list": "name: [1, 2]\nurl: https://example.org/c.git\n",
    "description-key-is-a-number": (
        "name: D\nurl: https://example.org/d.git\ndescription:\n  1: {shortDescription: x}\n"
    ),
    "contractors-is-text": "name: E\nurl: https://example.org/e.git\nmaintenance: {contractors: Acme}\n",
}

# nine levels of nested aliases: about 10^9 strings once expanded, from a few hundred bytes
LEVELS = "abcdefghi"
ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{name}: &{name} [{', '.join(['*' + below] * 9)}]" for below, name in itertools.pairwise(LEVELS)]
    + ["name: *i", "url: https://example.org/bomb.git"]
)


def import_folder(tmp_path, files):
    for name, text in files.items():
        (tmp_path / f"{name}.publiccode.yml").write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_catalogue", str(tmp_path), "--format", "publiccode", "--publish", stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_publiccode_file_of_the_wrong_shape_fails_alone(tmp_path, name):
    out, err = import_folder(tmp_path, {"good": GOOD, name: BROKEN[name]})

    assert f"{name}.publiccode.yml: not a valid publiccode.yml file:" in err
    assert ToolPage.objects.filter(title="Outil sain", live=True).exists()
    assert "1 created" in out and "1 failed" in out


def test_a_yaml_alias_bomb_is_refused_without_expanding_it(tmp_path):
    _out, err = import_folder(tmp_path, {"good": GOOD, "bomb": ALIAS_BOMB})

    assert "bomb.publiccode.yml: YAML aliases are not accepted" in err
    assert ToolPage.objects.filter(title="Outil sain").exists()


def organisation(title, **fields):
    return {
        "type": "organisation",
        "language": "fr",
        "translation_key": str(uuid.uuid4()),
        "title": title,
        "kind": "civil_society",
        **fields,
    }


@pytest.mark.parametrize(
    "entry,reason",
    [
        (organisation({"a": 1}), "title: expected text, not dict"),
        (organisation("Org\x00Nulle"), "Null characters are not allowed."),
        (organisation("Résumé nul", summary="Texte\x00caché"), "Null characters are not allowed."),
        (
            organisation(
                "Imbriquée",
                description=[
                    {"type": "paragraph", "value": "<p>" + "<b>" * 5000 + "x" + "</b>" * 5000 + "</p>"}
                ],
            ),
            "cannot be imported",
        ),
        (
            organisation(
                "Image lointaine", description=[{"type": "image", "value": {"image": 10**30, "caption": ""}}]
            ),
            "",
        ),
    ],
    ids=["title-is-an-object", "nul-in-title", "nul-in-summary", "deep-markup", "huge-image-id"],
)
def test_a_json_entry_that_cannot_be_imported_fails_alone(entry, reason):
    good = organisation("Organisation saine")

    report = import_records([("entry 1", entry), ("entry 2", good)], publish=True)

    assert [where for where, _why in report.failed] == ["entry 1"]
    assert reason in report.failed[0][1]
    assert report.created == 1
    assert OrganisationPage.objects.filter(title="Organisation saine").exists()
    assert not OrganisationPage.objects.filter(translation_key=entry["translation_key"]).exists()


def test_a_dry_run_sends_no_moderation_request(tmp_path):
    shutil.copy(FIXTURES / "decidim-like.publiccode.yml", tmp_path / "decidim-like.publiccode.yml")
    mail.outbox.clear()

    call_command("import_catalogue", str(tmp_path), "--dry-run", stdout=io.StringIO(), stderr=io.StringIO())

    assert mail.outbox == []


# --- whole files built to break the readers: each is refused by name, the others are imported ---

NESTED_JSON = "[" * 100_000 + "]" * 100_000
NESTED_TOO_DEEP = "nested too deep to be read (lists or objects inside each other by the thousand)"
PUBLICCODE_MAX_BYTES = 1024 * 1024  # a publiccode.yml is a few KB


def run_import(path, *options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalogue", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_json_file_nested_100000_deep_is_refused_by_name_with_the_reason(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(NESTED_JSON, encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        run_import(path)

    assert str(raised.value) == f"Nothing imported from deep.json: {NESTED_TOO_DEEP}."


def test_a_csv_entry_nested_too_deep_in_a_json_cell_fails_alone(tmp_path):
    # our first exports wrote StreamFields and inline relations as JSON in their cell
    path = tmp_path / "deep-cell.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["type", "language", "kind", "title", "description"])
        deep = NESTED_JSON[:20_000] + NESTED_JSON[-20_000:]
        writer.writerow(["organisation", "fr", "civil_society", "Organisation profonde", deep])
        writer.writerow(["organisation", "fr", "civil_society", "Organisation saine", ""])

    out, err = run_import(path, "--publish")

    assert f"line 2: column 'description': {NESTED_TOO_DEEP}" in err
    assert "1 created" in out and "1 failed" in out
    assert OrganisationPage.objects.filter(title="Organisation saine").exists()


def test_a_csv_cell_of_200_kb_is_read_and_judged_by_its_field(tmp_path):
    # Python's csv module stops at a cell over 128 KB, in the middle of the row; a quoted cell of
    # several lines then went on being read as rows
    long_title = ("Un nom bien trop long\n" * 10_000)[:200_000]
    long_text = "Une description fleuve. " * 8_500  # 204 KB of text: a description may be long
    path = tmp_path / "large-cells.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["type", "language", "kind", "title", "description"])
        writer.writerow(["organisation", "fr", "civil_society", long_title, ""])
        writer.writerow(["organisation", "fr", "civil_society", "Organisation bavarde", long_text])
        writer.writerow(["organisation", "fr", "civil_society", "Organisation saine", ""])

    out, err = run_import(path, "--publish")

    [failure] = [line for line in err.splitlines() if line.startswith("line ")]
    assert failure.startswith("line 2: ") and "255" in failure  # the title's limit, said of its row
    assert "2 created" in out and "1 failed" in out
    assert OrganisationPage.objects.filter(title="Organisation saine").exists()
    talkative = OrganisationPage.objects.get(title="Organisation bavarde")
    assert len(talkative.description[0].value.source) > 200_000


def test_a_csv_file_whose_lines_end_with_a_lone_carriage_return_is_read(tmp_path):
    # old Mac files: the csv module stopped on "new-line character seen in unquoted field"
    path = tmp_path / "old-mac.csv"
    path.write_bytes(
        b"type,language,kind,title\r"
        b"organisation,fr,civil_society,Organisation du Mac\rorganisation,fr,civil_society,Autre\r"
    )

    out, _err = run_import(path, "--publish")

    assert "2 created" in out
    assert OrganisationPage.objects.filter(title="Organisation du Mac").exists()


def billion_laughs_with_deep_aliases():
    # aliases of aliases of aliases, each level a mapping: the other shape of the bomb
    lines = ["l0: &l0 {a: lol, b: lol, c: lol}"]
    lines += [f"l{n}: &l{n} {{a: *l{n - 1}, b: *l{n - 1}, c: *l{n - 1}}}" for n in range(1, 30)]
    return "\n".join([*lines, "name: *l29", "url: https://example.org/laughs.git"])


HOSTILE_FILES = {
    # name: (bytes, what the report says of it)
    "deep-lists": (
        (
            "name: Profond\nurl: https://example.org/p.git\nfeatures: " + "[" * 100_000 + "]" * 100_000
        ).encode(),
        "values nested more than 20 levels deep (line 3)",
    ),
    "deep-mappings": (
        (
            "name: Profond\nurl: https://example.org/p.git\nx: " + "{a: " * 100_000 + "1" + "}" * 100_000
        ).encode(),
        "values nested more than 20 levels deep (line 3)",
    ),
    "deep-indented": (
        (
            "name: Profond\nurl: https://example.org/p.git\nx:\n"
            + "".join("  " * level + f"k{level}:\n" for level in range(1, 600))
        ).encode(),
        "values nested more than 20 levels deep",
    ),
    "laughs": (billion_laughs_with_deep_aliases().encode(), "YAML aliases are not accepted (line 2)"),
    "large-cell": (
        ("name: Grand\nurl: https://example.org/g.git\nlegal: {license: '" + "x" * 200_000 + "'}\n").encode(),
        None,  # read, and imported: 200 KB is large for a licence, not for a file
    ),
    "latin-1": (
        "name: Café\nurl: https://example.org/c.git\n".encode("latin-1"),
        "is not UTF-8 text (byte 9",
    ),
    "binary": (bytes(range(256)) * 64, "is not UTF-8 text (byte 128"),
    "control-characters": (b"name: \x00\x01\x02\nurl: https://example.org/b.git\n", "not valid YAML"),
}


def test_a_folder_of_hostile_publiccode_files_imports_the_good_one_and_names_each_bad_one(tmp_path):
    shutil.copy(FIXTURES / "catala.publiccode.yml", tmp_path / "catala.publiccode.yml")
    for name, (content, _reason) in HOSTILE_FILES.items():
        (tmp_path / f"{name}.publiccode.yml").write_bytes(content)
    with (tmp_path / "huge.publiccode.yml").open("wb") as huge:
        huge.truncate(PUBLICCODE_MAX_BYTES + 1)  # sparse: nothing written to the disk

    out, err = run_import(tmp_path, "--publish")

    said = [line.split(": ", 1) for line in err.splitlines() if ".publiccode.yml: " in line]
    failures = {where: why for where, why in said if not why.startswith("note: ")}
    notes = {where: why for where, why in said if why.startswith("note: ")}
    for name, (_content, reason) in HOSTILE_FILES.items():
        if reason is None:
            assert f"{name}.publiccode.yml" not in failures
        else:
            assert reason in failures.pop(f"{name}.publiccode.yml"), name
    assert "is larger than 1 MB; split it into smaller files" in failures.pop("huge.publiccode.yml")
    assert failures == {}
    assert ToolPage.objects.filter(title="Catala", live=True).exists()
    assert ToolPage.objects.filter(title="Grand", live=True).exists()
    assert "is not one of the site's licences" in notes["large-cell.publiccode.yml"]
    assert "8 failed" in out
