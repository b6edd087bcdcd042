"""Every interface string of the project exists in French, English and Spanish.

Strings are extracted from the templates and the Python code the way `makemessages` does, but in
pure Python (Django's template lexer and Babel's extractor), so the check runs without GNU gettext.
"""

import io
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_python
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = [
    *["cms", "moderation", "localisation", "access", "history", "pages", "snippets", "search", "wiki"],
    *["opendata", "harvest", "vitality", "templates"],
]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
}


def project_files():
    for directory in SOURCE_DIRS:
        for path in sorted((ROOT / directory).rglob("*")):
            if "migrations" in path.parts or "demo" in path.parts:
                continue
            if path.suffix in {".py", ".html", ".txt"}:
                yield path


def extract(path):
    source = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        # templatize keeps the template's indentation, which Python's tokenizer would take for blocks
        source = "\n".join(line.lstrip() for line in templatize(source, origin=str(path)).splitlines())
    for _lineno, _function, message, _comments in extract_python(
        io.BytesIO(source.encode("utf-8")), KEYWORDS, [], {"encoding": "utf-8"}
    ):
        if isinstance(message, tuple):
            yield tuple(part for part in message if part)
        elif message:
            yield message


def interface_strings():
    found = {}
    for path in project_files():
        for message in extract(path):
            key = message[0] if isinstance(message, tuple) else message
            found.setdefault(key, path.relative_to(ROOT))
    return found


def catalogue(language_code):
    return {
        entry.msgid: entry
        for entry in polib.pofile(str(ROOT / "locale" / language_code / "LC_MESSAGES" / "django.po"))
        if not entry.obsolete
    }


def test_the_extraction_finds_the_project_strings():
    strings = interface_strings()
    assert "Skip to content" in strings  # a template
    assert "Public administration" in strings  # a model choice
    assert "The end cannot come before the start." in strings  # a validation message
    assert len(strings) > 200


@pytest.mark.parametrize("language_code", ["fr", "es", "en"])
def test_every_interface_string_is_in_the_catalogue(language_code):
    entries = catalogue(language_code)
    missing = {msgid: str(path) for msgid, path in interface_strings().items() if msgid not in entries}
    assert not missing, f"not in locale/{language_code}: {missing}"


@pytest.mark.parametrize("language_code", ["fr", "es"])
def test_every_interface_string_is_translated(language_code):
    def translated(entry):
        if entry.msgid_plural:
            return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
        return bool(entry.msgstr)

    untranslated = [
        entry.msgid
        for entry in catalogue(language_code).values()
        if entry.msgid and (entry.fuzzy or not translated(entry))
    ]
    assert not untranslated, f"untranslated in locale/{language_code}: {untranslated}"
