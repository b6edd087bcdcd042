"""Describing content once in three languages, and building model instances from that description.

Bootstrap and demo content are written as plain dictionaries where every translatable text is a
``Texts(fr=…, en=…, es=…)``; ``instance`` builds the unsaved page (with its child rows) for one language.
The French instance is saved as the source, the others are handed to ``core.translations.translate``.
"""

import uuid
from typing import NamedTuple

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField


class Texts(NamedTuple):
    """The same text in each content language."""

    fr: str
    en: str
    es: str


class Ref(NamedTuple):
    """A reference to another object of the described content, resolved when it is built."""

    kind: str
    key: str


def pick(value, language_code):
    """The value for one language, looking inside lists and dictionaries."""
    if isinstance(value, Texts):
        return getattr(value, language_code)
    if isinstance(value, dict):
        return {key: pick(item, language_code) for key, item in value.items()}
    if isinstance(value, list):
        return [pick(item, language_code) for item in value]
    if isinstance(value, tuple):
        return tuple(pick(item, language_code) for item in value)
    return value


def resolve(value, lookup):
    """Replace every ``Ref`` by ``lookup(kind, key)``, looking inside lists, tuples and dictionaries."""
    if isinstance(value, Ref):
        return lookup(value.kind, value.key)
    if isinstance(value, Texts):
        return value
    if isinstance(value, dict):
        return {key: resolve(item, lookup) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(resolve(item, lookup) for item in value)
    return value


def instance(model, spec, language_code, **extra):
    """An unsaved ``model`` holding ``spec`` in one language; child relations become unsaved rows."""
    values = {}
    for name, value in pick(spec, language_code).items():
        field = model._meta.get_field(name)
        if field.one_to_many and isinstance(value, list):  # a ParentalKey child relation
            rows = [field.related_model(**row) for row in value]
            if hasattr(field.related_model, "sort_order_field"):  # Orderable: keep the written order
                for position, row in enumerate(rows):
                    setattr(row, field.related_model.sort_order_field, position)
            values[name] = rows
        elif isinstance(field, ParentalManyToManyField | models.ManyToManyField):
            values[name] = list(value)
        else:
            values[name] = value
    obj = model(**values, **extra)
    for stream_field in model._meta.get_fields():
        if isinstance(stream_field, StreamField):
            # as saving would: every block gets an id, which translations refer to
            for child in getattr(obj, stream_field.name):
                child.id = child.id or str(uuid.uuid4())
    return obj
