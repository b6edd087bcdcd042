"""Reading import files: our JSON and CSV exports, with clear errors for files that are not."""

import csv
import io
import json
from contextlib import contextmanager
from functools import cache

from django.conf import settings
from django.db import models
from django.utils import translation
from django_countries import countries
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from multiselectfield import MultiSelectField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pages import registry

from .csv_format import (
    IDENTITY_HEADERS,
    NO,
    SEPARATOR,
    YES,
    child_fields,
    columns_of,
    field_of,
    paragraphs_html,
    stream_from_html,
)
from .schema import IDENTITY, restored

MAX_BYTES = 50 * 1024 * 1024
# a file from elsewhere may carry no language (import --locale) and no translation key (derived)
REQUIRED_COLUMNS = ["type", "title"]


NESTED_TOO_DEEP = "nested too deep to be read (lists or objects inside each other by the thousand)"


class FileError(Exception):
    """The file as a whole cannot be read; nothing is imported."""


def read_bytes(path, limit=None):
    """The text of the file at ``path``: UTF-8 (a BOM is ignored), at most ``limit`` bytes
    (``MAX_BYTES`` unless told), else ``FileError``."""
    limit = limit or MAX_BYTES
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise FileError(f"cannot read {path}: {error.strerror}") from error
    if len(data) > limit:
        size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
        raise FileError(f"{path} is larger than {size}; split it into smaller files")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(
            f"{path} is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8"
        ) from error


def json_entries(text):
    return json_document(text)[0]


def json_document(text):
    """``(entries, taxonomy)``: the entries as ``[(where, record)]``, and the taxonomy block an export
    carries (``opendata.taxonomy``), or ``{}``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileError(f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from error
    except RecursionError as error:
        # the decoder recurses once per level: a file nested 100,000 deep exhausts its stack, which
        # no entry of ours comes near (the stack is unwound by now; nothing was kept)
        raise FileError(NESTED_TOO_DEEP) from error
    items = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise FileError('expected a list of entries, or an object with "entries"')
    taxonomy = data.get("taxonomy") if isinstance(data, dict) else None
    if taxonomy is not None and not isinstance(taxonomy, dict):
        raise FileError('"taxonomy" must be an object: {"category": [terms], …}')
    return [(f"entry {index}", item) for index, item in enumerate(items, start=1)], taxonomy or {}


# --- CSV -------------------------------------------------------------------------------------------
# A CSV export names its columns and values in its language (``csv_format``); a file from elsewhere
# may name them in another one, or by field name and identifiers as our first exports did. The reader
# turns all of them into the records the importer takes (identifiers, translation keys, codes).

LEGACY = "legacy"  # a column named by its field name: identifiers, JSON for nested data


@cache
def _column_names():
    """Header text (case-folded) → the columns it names, ``[(record name, "text" | "html")]``: one
    text can name different fields of different types ("Pays": a use case's countries, an
    organisation's country), the row's type decides."""
    names = {}
    for page_type in registry.page_types():
        for column in columns_of([page_type.key]):
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    header = column.header([page_type]).strip().casefold()
                candidate = (column.name, "html" if column.html else "text")
                if candidate not in names.setdefault(header, []):
                    names[header].append(candidate)
    return names


def _is_field_name(text):
    return text in (*IDENTITY, "data_licence") or any(
        field_of(page_type.model, text) for page_type in registry.page_types()
    )


def _header(header):
    """``[(index, [(name, variant)])]`` for the columns of ``header`` the reader knows."""
    names = _column_names()
    found = []
    for index, text in enumerate(header):
        if _is_field_name(text):
            found.append((index, [(text, LEGACY)]))  # the field name itself, as in our first exports
        elif text.strip().casefold() in names:
            found.append((index, names[text.strip().casefold()]))
    return found


@contextmanager
def _cells_as_large_as(text):
    # the csv module stops at a cell over 128 KB ("field larger than field limit"), mid-row, which
    # leaves the rest of a quoted cell to be read as rows; a cell can be as large as its file (itself
    # at most ``MAX_BYTES``), and the importer judges its length for the field it fills
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, len(text)))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def csv_entries(text):
    with _cells_as_large_as(text):
        return _csv_entries(text)


def _csv_entries(text):
    # newline="", as the csv module asks: a line break inside a quoted cell is the cell's, and a lone
    # "\r" (old Mac files) ends a line instead of stopping the reader ("new-line character seen")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    columns = _header(header)
    named = {name for _index, candidates in columns for name, _variant in candidates}
    missing = [name for name in REQUIRED_COLUMNS if name not in named]
    if missing:
        raise FileError(f"missing column(s): {', '.join(missing)} ({_named_as(missing)})")
    known = {index for index, _candidates in columns}
    unknown = [text for index, text in enumerate(header) if index not in known and text.strip()]
    entries = []
    while True:
        # the line the row starts on: its cells may hold several lines of text
        where = f"line {reader.line_num + 1}"
        row = next(reader, None)
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        cells = [(candidates, restored(row[index])) for index, candidates in columns if index < len(row)]
        entries.append((where, _entry(cells)))
    if unknown and entries:
        # said once, with the first entry: a column no field has is not imported, in any row
        names = ", ".join(repr(text) for text in unknown)
        entries[0][1].setdefault("_notes", []).append(f"column(s) {names}: no such field, not imported")
    return entries


def _named_as(names):
    """How an export names ``names``, in each language."""
    headers = []
    for name in names:
        texts = []
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                texts.append(str(IDENTITY_HEADERS[name]))
        headers.append(" / ".join(dict.fromkeys(texts)))
    return "named so, or as exports name them: " + ", ".join(headers)


def _cells_of(cells, model):
    """``{name: {variant: text}}`` for the identity columns and the fields ``model`` has."""
    found = {}
    for candidates, text in cells:
        for name, variant in candidates:
            if name in IDENTITY or (model is not None and field_of(model, name) is not None):
                found.setdefault(name, {})[variant] = text
                break
    return found


def _cell(cells, name):
    variants = cells.get(name, {})
    return next((variants[variant] for variant in (LEGACY, "text") if variants.get(variant, "").strip()), "")


def _entry(row):
    cells = _cells_of(row, None)
    type_key = _type_key(_cell(cells, "type"))
    language = _language(_cell(cells, "language"))
    item = {name: _cell(cells, name) or None for name in IDENTITY}
    item.update(type=type_key, language=language)
    page_type = registry.get(type_key) if type_key else None
    if page_type is None:
        return item
    cells = _cells_of(row, page_type.model)
    words = Vocabulary(language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE)
    if item["parent"] and not page_type.in_section:
        item["parent"] = words.page(page_type.parent_model, item["parent"])
    notes = []
    model = page_type.model
    for name, variants in cells.items():
        field = field_of(model, name)
        if field is None or name in IDENTITY:
            continue
        try:
            item[name] = _value(field, variants, words)
        except Unreadable as reason:
            notes.append(f"{name}: not imported, {reason}")
        except json.JSONDecodeError as error:  # our first exports' JSON cells: the entry cannot be read
            return {"_error": f"column {name!r} is not valid JSON ({error.msg})"}
        except RecursionError:
            return {"_error": f"column {name!r}: {NESTED_TOO_DEEP}"}
    if notes:
        item["_notes"] = notes
    return item


class Unreadable(Exception):
    """A cell the reader cannot turn back into data without guessing: the field is left as it is."""


def _value(field, variants, words):
    raw = variants.get(LEGACY) or variants.get("text") or ""
    legacy = variants.get(LEGACY, "").strip()
    text = raw.strip()
    html = variants.get("html", "").strip()
    if isinstance(field, models.ManyToOneRel):
        if legacy.startswith("["):
            return _json(legacy)
        return words.rows(field, text) if text else []
    if isinstance(field, StreamField):
        if legacy.startswith("["):
            return _json(legacy)
        source = html or (legacy if "<" in legacy else paragraphs_html(text))
        if not source:
            return []
        blocks = stream_from_html(field.stream_block, source)
        if blocks is None:
            raise Unreadable("its blocks cannot be read from text (import its HTML column or a JSON export)")
        return blocks
    if isinstance(field, RichTextField):
        return html or (legacy if "<" in legacy else paragraphs_html(text))
    if isinstance(field, ParentalManyToManyField | models.ManyToManyField | MultiSelectField) or (
        isinstance(field, CountryField) and field.multiple
    ):
        return words.labels(field, text) if text else []
    if not text:
        return None
    return words.single(field, raw)  # plain text as it is: a tab or a space in front is the editor's


def _json(cell):
    return json.loads(cell)


def _type_key(text):
    if not text or registry.get(text):
        return text
    for page_type in registry.page_types():
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                if str(page_type.model._meta.verbose_name).casefold() == text.casefold():
                    return page_type.key
    return text


def _language(text):
    if not text:
        return text
    for code, name in settings.LANGUAGES:
        names = {code}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names.add(str(translation.gettext(name)).casefold())
        if text.casefold() in names:
            return code
    return text


@cache
def _countries(language):
    with translation.override(language):
        return {str(name).casefold(): code for code, name in countries}


class Vocabulary:
    """Labels of a file in ``language`` back to identifiers, that language first, then the others;
    a label that matches nothing is passed on unchanged (an identifier, or the importer's to judge)."""

    def __init__(self, language):
        self.languages = [language, *[code for code, _name in settings.LANGUAGES if code != language]]
        self._names = {}

    def _lookup(self, key, build, text):
        if key not in self._names:
            self._names[key] = build()
        wanted = text.strip().casefold()
        for language in self.languages:
            found = self._names[key].get(language, {}).get(wanted)
            if found is not None:
                return found
        return None

    def _terms(self, model):
        names = {}
        for slug, language, name in model.objects.values_list("slug", "locale__language_code", "name"):
            names.setdefault(language, {}).setdefault(name.strip().casefold(), slug)
        return names

    def _pages(self, model):
        titles = {}
        for key, language, title in model.objects.values_list(
            "translation_key", "locale__language_code", "title"
        ):
            keys = titles.setdefault(language, {}).setdefault(title.strip().casefold(), set())
            keys.add(str(key))
        # a title two entries share names neither: the label is passed on as it is
        return {
            language: {title: next(iter(keys)) for title, keys in by_title.items() if len(keys) == 1}
            for language, by_title in titles.items()
        }

    def _choices(self, field):
        names = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names[language] = {
                    str(translation.gettext(str(label))).strip().casefold(): value
                    for value, label in field.flatchoices
                }
        return names

    def match(self, field, text):
        """The identifier ``text`` names for ``field``, or None."""
        if isinstance(field, models.ForeignKey | ParentalManyToManyField | models.ManyToManyField):
            target = field.related_model
            build = (
                (lambda: self._pages(target)) if issubclass(target, Page) else (lambda: self._terms(target))
            )
            return self._lookup(target, build, text)
        if isinstance(field, CountryField):
            if text.strip().upper() in dict(countries):
                return text.strip().upper()
            return self._lookup(
                "countries", lambda: {code: _countries(code) for code in self.languages}, text
            )
        if isinstance(field, models.BooleanField):
            return self._lookup("yes-no", self._yes_no, text)
        if field.choices:
            return self._lookup(field, lambda: self._choices(field), text)
        return None

    def _yes_no(self):
        names = {}
        for language in self.languages:
            with translation.override(language):
                words = {str(YES): True, str(NO): False, "true": True, "false": False, "1": True, "0": False}
            names[language] = {word.casefold(): value for word, value in words.items()}
        return names

    def single(self, field, text):
        found = self.match(field, text)
        if found is not None:
            return found
        if isinstance(field, models.IntegerField):
            try:
                return int(text)
            except ValueError:
                return text  # the importer says which value is wrong
        return text

    def page(self, model, text):
        found = self._lookup(model, lambda: self._pages(model), text)
        return found if found is not None else text

    def labels(self, field, text):
        """A ``; ``-separated list; a label that itself holds ";" is found by trying longer pieces first."""
        pieces = text.split(";")
        found = []
        start = 0
        while start < len(pieces):
            for end in range(len(pieces), start, -1):
                value = self.match(field, ";".join(pieces[start:end]))
                if value is not None:
                    found.append(value)
                    start = end
                    break
            else:
                if pieces[start].strip():
                    found.append(self.single(field, pieces[start].strip()))
                start += 1
        return found

    def rows(self, relation, text):
        """An inline relation written ``Target (value, value); …`` back as rows, when that is certain."""
        targets, values = child_fields(relation)
        pieces = text.split(SEPARATOR.strip())
        rows = []
        start = 0
        while start < len(pieces):
            # the shortest piece that reads as a row: a ";" inside a row's text joins the next pieces
            for end in range(start + 1, len(pieces) + 1):
                row = self._row(targets, values, ";".join(pieces[start:end]).strip())
                if row is not None:
                    break
            if row is None:
                name = targets[0].related_model._meta.verbose_name if targets else relation.name
                raise Unreadable(
                    f"{pieces[start].strip()!r} names no known {name} with its values, or cannot be read "
                    "back without guessing (import a JSON export for it)"
                )
            rows.append(row)
            start = end
        return rows

    def _row(self, targets, values, text):
        """One row from its text, or None when the text does not name a known target with its values."""
        if not text:
            return None
        if not targets:
            return self._values(values, text)
        target = targets[0]
        splits = [(text, "")]
        if text.endswith(")"):
            splits += [
                (text[:position], text[position + 2 : -1])
                for position in range(len(text))
                if text.startswith(" (", position)
            ]
        for label, inner in splits:
            found = self.match(target, label)
            if found is not None:
                row = self._values(values, inner)
                if row is not None:
                    return {target.name: found, **row}
        return None

    def _values(self, fields, inner):
        parts = inner.split(", ", max(len(fields) - 1, 0)) if inner else []
        if len(parts) > len(fields):
            return None
        row = {}
        for position, field in enumerate(fields):
            part = parts[position].strip() if position < len(parts) else ""
            if not part:
                row[field.name] = None if field.null else ""
                continue
            value = self.single(field, part)
            if isinstance(field, models.IntegerField) and not isinstance(value, int):
                return None
            if field.choices and self.match(field, part) is None:
                return None
            row[field.name] = value
        return row
