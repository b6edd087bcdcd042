"""Parts of a record that features above open data add (the harvest's sources and origin): each is
declared once, here through ``register``, and read everywhere a record goes — the JSON and CSV
exports, the API's record classes and its field list on /api/.

A part is filled for a chunk of records at once (``fill``: one or two queries whatever the chunk's
size), from what the feature stores; a record it says nothing of gets the part's ``empty`` value.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pages import registry


@dataclass(frozen=True)
class Part:
    name: str  # the record's key
    applies: Callable[[type], bool]  # page model → whether its records have this part
    fill: Callable[[list[dict]], dict]  # records → {(translation_key, language): value}
    annotation: Any  # its type in the API's classes (pydantic)
    empty: Any  # the value of a record ``fill`` says nothing of
    description: str  # in English, for the OpenAPI document and /api/
    label: Any  # the CSV column's header (lazily translated)
    text: Callable[[Any], str]  # the CSV cell of a value
    kind: str = "text"  # how /api/ names its type (``api_schemas.KIND_LABELS``)
    subfields: tuple = ()  # the names of a row's fields, for a list of rows


_PARTS = {}


def register(part):
    _PARTS[part.name] = part
    return part


def get(name):
    return _PARTS.get(name)


def parts_of(model):
    return [part for part in _PARTS.values() if part.applies(model)]


def names(model):
    return [part.name for part in parts_of(model)]


def with_parts(items):
    """``items`` (records) with every part that applies to each: one ``fill`` per part and chunk."""
    items = list(items)
    for part in _PARTS.values():
        concerned = [item for item in items if part.applies(registry.get(item["type"]).model)]
        if not concerned:
            continue
        values = part.fill(concerned)
        for item in concerned:
            item[part.name] = values.get((item["translation_key"], item["language"]), part.empty)
    return items
