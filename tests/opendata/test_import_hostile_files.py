"""Files built to break the import fail alone, with a reason; the rest of the import goes on.

Shapes the standard does not allow, YAML alias bombs, values of the wrong type, markup nested too
deep, numbers beyond the database's, null characters: each is one failed entry (or file), never a
traceback that stops the import, never memory exhausted. A dry run tells no one.
"""

import io
import itertools
import shutil
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

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
