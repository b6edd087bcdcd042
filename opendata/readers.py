"""Reading import files: our JSON and CSV exports, with clear errors for files that are not."""

import csv
import io
import json

from django.db import models
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from multiselectfield import MultiSelectField
from wagtail.fields import StreamField

from pages import registry

from .schema import IDENTITY, child_relations, content_fields, restored

MAX_BYTES = 50 * 1024 * 1024
# a file from elsewhere may carry no language (import --locale) and no translation key (derived)
REQUIRED_COLUMNS = ["type", "title"]


class FileError(Exception):
    """The file as a whole cannot be read; nothing is imported."""


def read_bytes(path):
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise FileError(f"cannot read {path}: {error.strerror}") from error
    if len(data) > MAX_BYTES:
        raise FileError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into smaller files")
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
    items = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise FileError('expected a list of entries, or an object with "entries"')
    taxonomy = data.get("taxonomy") if isinstance(data, dict) else None
    if taxonomy is not None and not isinstance(taxonomy, dict):
        raise FileError('"taxonomy" must be an object: {"category": [terms], …}')
    return [(f"entry {index}", item) for index, item in enumerate(items, start=1)], taxonomy or {}


def _kinds_of_column():
    """How each column is written in CSV: "list" (;-separated), "json", or plain."""
    formats = {}
    for page_type in registry.page_types():
        model = page_type.model
        for field in content_fields(model):
            if isinstance(field, ParentalManyToManyField | models.ManyToManyField | MultiSelectField):
                formats[field.name] = "list"
            elif isinstance(field, CountryField):
                formats[field.name] = "list" if field.multiple else formats.get(field.name, "plain")
            elif isinstance(field, StreamField):
                formats[field.name] = "json"
        for relation in child_relations(model):
            formats[relation.get_accessor_name()] = "json"
    return formats


def csv_entries(text):
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise FileError(f"missing column(s): {', '.join(missing)}")
    formats = _kinds_of_column()
    entries = []
    for row in reader:
        where = f"line {reader.line_num}"
        item = {}
        try:
            for name, cell in row.items():
                if name is None or name == "data_licence":
                    continue
                kind = formats.get(name, "plain")
                cell = restored(cell) if cell else cell
                if cell in ("", None):
                    item[name] = [] if kind in ("list", "json") else None
                elif kind == "list":
                    item[name] = cell.split(";")
                elif kind == "json":
                    item[name] = json.loads(cell)
                else:
                    item[name] = cell
        except json.JSONDecodeError as error:
            entries.append((where, {"_error": f"column {name!r} is not valid JSON ({error.msg})"}))
            continue
        entries.append((where, _typed(item)))
    return entries


def _typed(item):
    """CSV cells are text: give back the types records have (single countries stay codes)."""
    for name in IDENTITY:
        item.setdefault(name, None)
    return item
