"""The API's record classes, one per page type, derived from the fields the records are built from.

``opendata.schema.record`` turns every content field into plain data by its field type
(``value_of``); this module gives each field type the JSON type that conversion produces, so that
the OpenAPI document describes every type's record field by field and a client generator makes
usable classes of it. A new field is described without touching this module; a field of a type
``value_of`` has no rule for stops the API at start-up (``TypeError``) rather than being described
wrongly. Nullability follows what ``record`` returns: a blank single country, an empty nullable
field and a page reference the visitor may not see (``publishable``) are null; rows of an inline
relation pointing at a hidden page are left out, so their references are never null.

Each class is also the field list of its type on the human page (``/api/``): ``FIELD_DOCS``.
"""

from typing import Annotated, Any, Literal, Union, get_args

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_noop as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from multiselectfield import MultiSelectField
from pydantic import BaseModel, ConfigDict, Field, RootModel, WithJsonSchema, create_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pages import registry

from . import parts
from .community import count_fields, detail_fields
from .schema import IDENTITY, child_relations, content_fields, row_fields

Language = Literal["fr", "en", "es"]


def _string(json_format=None, **schema):
    """A string as the record holds it (dates stay ISO 8601 text, exactly as in the exports)."""
    if json_format:
        schema["format"] = json_format
    return Annotated[str, WithJsonSchema({"type": "string", **schema})]


Date = _string("date")
DateTime = _string("date-time")
Html = _string(contentMediaType="text/html")
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class Closed(BaseModel):
    """No field besides those declared: an undocumented field is a bug, not a surprise for clients."""

    model_config = ConfigDict(extra="forbid")


# What a field's type is called on /api/, translated there (``_`` only marks the English msgids for
# the catalogues: the OpenAPI document has the JSON types themselves).
KIND_LABELS = {
    "text": _("text"),
    "choice": _("one of"),
    "html": _("HTML"),
    "date": _("date (ISO 8601)"),
    "datetime": _("date and time (ISO 8601)"),
    "boolean": _("true or false"),
    "integer": _("whole number"),
    "country": _("country code (ISO 3166)"),
    "countries": _("list of country codes (ISO 3166)"),
    "choices": _("list of values among"),
    "term": _("term identifier"),
    "terms": _("list of term identifiers"),
    "page": _("translation key of an entry"),
    "pages": _("list of translation keys"),
    "blocks": _("list of blocks (type, value, id)"),
    "rows": _("list of rows, with the fields"),
    "object": _("object with the fields"),
    "url": _("absolute URL"),
    "link": _("web address, or empty text"),
    "key": _("translation key (UUID)"),
    "language": _("language code"),
    "type": _("page type"),
}

IDENTITY_FIELDS = {
    "type": (None, "type", _("The entry's type: the key to tell the classes apart.")),
    "language": (Language, "language", _("The entry's language.")),
    "translation_key": (
        _string("uuid"),
        "key",
        _("The same in the entry's three languages; references to entries use it."),
    ),
    "url": (_string("uri"), "url", _("The entry's page.")),
    "title": (str, "text", _("Title.")),
    "slug": (str, "text", _("The last part of the page's address.")),
    "parent": (
        str | None,
        "page",
        _("The entry it belongs to (a project's hackathon); null for the others."),
    ),
    "last_published_at": (DateTime | None, "datetime", _("Last publication.")),
}
assert list(IDENTITY_FIELDS) == IDENTITY, "opendata.schema.IDENTITY changed: describe its fields here"


def class_name(key):
    """``use-case`` → ``UseCase``."""
    return "".join(part.capitalize() for part in key.split("-"))


def _choices(field):
    values = [str(value) for value, _label in field.flatchoices]
    if field.blank and "" not in values:
        values.append("")  # a blank choice is stored, and exported, as ""
    return Literal[tuple(values)]


def _blocks(owner, field):
    """A StreamField's blocks as the record holds them (Wagtail's raw block data)."""
    return create_model(
        f"{owner}{class_name(field.name.replace('_', '-'))}Block",
        __base__=Closed,
        __doc__=f"A block of {field.name}: its type, its value (as Wagtail stores it) and its id.",
        type=(Literal[tuple(field.stream_block.child_blocks)], ...),
        value=(Any, ...),
        # optional, never null: no "default": null in the document
        id=(str, Field(None, json_schema_extra=lambda schema: schema.pop("default", None))),
    )


def json_type(owner, field, in_row=False):
    """``(annotation, kind)``: what ``value_of`` makes of ``field``, and its label on /api/.

    The order of the checks is that of ``value_of`` (a CountryField is also a CharField with choices).
    """
    if isinstance(field, ParentalManyToManyField | models.ManyToManyField):
        return list[str], "pages" if issubclass(field.related_model, Page) else "terms"
    nullable = field.null
    if isinstance(field, StreamField):
        annotation, kind = list[_blocks(owner, field)], "blocks"
    elif isinstance(field, CountryField):
        if field.multiple:
            return list[Country], "countries"
        annotation, kind, nullable = Country, "country", True  # value_of: a blank country is None
    elif isinstance(field, models.ForeignKey):
        annotation, kind = str, "term"
        if issubclass(field.related_model, Page):
            kind = "page"
            # a page's own reference to a page it may not show is None; such a row is left out
            nullable = nullable or not in_row
    elif isinstance(field, RichTextField):
        annotation, kind = Html, "html"
    elif isinstance(field, models.DateTimeField):
        annotation, kind = DateTime, "datetime"
    elif isinstance(field, models.DateField):
        annotation, kind = Date, "date"
    elif isinstance(field, MultiSelectField):
        return list[_choices(field)], "choices"
    elif field.choices:
        annotation, kind = _choices(field), "choice"
    elif isinstance(field, models.BooleanField):
        annotation, kind = bool, "boolean"
    elif isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        annotation, kind = Annotated[int, Field(ge=0)], "integer"
    elif isinstance(field, models.IntegerField):
        annotation, kind = int, "integer"
    elif isinstance(field, models.URLField):
        annotation, kind = str, "link"  # blank: "", so no "uri" format
    elif isinstance(field, models.CharField | models.TextField):
        annotation, kind = str, "text"
    else:
        raise TypeError(
            f"{field.model.__name__}.{field.name}: no JSON type for a {type(field).__name__}; "
            "give it one in opendata/api_schemas.py (and a rule in opendata.schema.value_of)"
        )
    return (annotation | None if nullable else annotation), kind


def _description(field):
    with translation.override("en"):
        text = str(field.verbose_name)
        if field.help_text:
            text = f"{text}. {field.help_text}"
    return text[:1].upper() + text[1:]


def _row_model(relation):
    row = relation.related_model
    definitions = {}
    for field in row_fields(relation):
        annotation, _kind = json_type(row.__name__, field, in_row=True)
        definitions[field.name] = (annotation, Field(description=_description(field)))
    with translation.override("en"):
        doc = f"One of the {row._meta.verbose_name_plural}."
    return create_model(row.__name__, __base__=Closed, __doc__=doc, **definitions)


def _doc(name, annotation, kind, description, values=()):
    """A line of the type's field list on /api/ (``description``: a msgid or a lazy model label)."""
    nullable = annotation is not None and type(None) in get_args(annotation)
    return {"name": name, "kind": kind, "description": description, "values": values, "nullable": nullable}


Count = Annotated[int, Field(ge=0)]


class Votes(Closed):
    score: int = Field(description="Votes for minus votes against.")
    ups: Count = Field(description="Votes for.")
    downs: Count = Field(description="Votes against.")


class Answer(Votes):
    """A published answer to an argument (its voters and author are never named)."""

    title: str
    text: str
    language: Language
    stance: Literal["for", "against"]
    criterion: str | None = Field(description="The technical criterion's identifier, if any.")
    created_at: DateTime


class Argument(Answer):
    """A published argument for or against the entry, with its published answers."""

    answers: list[Answer]


class EndorsingOrganisation(Closed):
    title: str
    slug: str
    translation_key: _string("uuid")


class Endorsement(Votes):
    """A standing declaration of use: by an organisation, or by a person (never named)."""

    declared_by: Literal["organisation", "person"]
    organisation: EndorsingOrganisation | None
    since_year: Count | None
    context: str
    language: Language


COUNT_DOCS = {
    "endorsement_count": _("Declared uses (standing endorsements, in every language)."),
    "arguments_for": _("Published arguments for (answers not counted)."),
    "arguments_against": _("Published arguments against (answers not counted)."),
}
DETAIL_DOCS = {
    "arguments": (
        Argument,
        _("Published arguments, best voted first, with their answers; on one entry's endpoint only."),
    ),
    "endorsements": (
        Endorsement,
        _("Declared uses, organisations first; on one entry's endpoint only."),
    ),
}


def _community_fields(model):
    """The community's part of a record: counts always, lists on one entry's endpoint (optional)."""
    definitions, docs = {}, []
    for name in count_fields(model):
        definitions[name] = (Count, Field(description=COUNT_DOCS[name]))
        docs.append(_doc(name, Count, "integer", COUNT_DOCS[name]))
    for name in detail_fields(model):
        item, description = DETAIL_DOCS[name]
        # absent from lists, never null: no "default": null in the document
        extra = {"json_schema_extra": lambda schema: schema.pop("default", None)}
        definitions[name] = (list[item], Field(None, description=description, **extra))
        docs.append(_doc(name, None, "rows", description, list(item.model_fields)))
    return definitions, docs


def _record_model(page_type):
    """The class of one page type's records, and its field list for /api/."""
    name = class_name(page_type.key)
    definitions, docs = {}, []
    for field_name, (annotation, kind, description) in IDENTITY_FIELDS.items():
        values = ()
        if field_name == "type":
            annotation, values = Literal[page_type.key], (page_type.key,)
        definitions[field_name] = (annotation, Field(description=description))
        docs.append(_doc(field_name, annotation, kind, description, values))
    for field in content_fields(page_type.model):
        annotation, kind = json_type(name, field)
        definitions[field.name] = (annotation, Field(description=_description(field)))
        values = [value for value, _label in field.flatchoices] if kind in ("choice", "choices") else ()
        docs.append(_doc(field.name, annotation, kind, field.verbose_name, values))
    for relation in child_relations(page_type.model):
        accessor = relation.get_accessor_name()
        label = relation.related_model._meta.verbose_name_plural
        with translation.override("en"):
            description = str(label).capitalize()
        definitions[accessor] = (list[_row_model(relation)], Field(description=description))
        docs.append(_doc(accessor, None, "rows", label, [field.name for field in row_fields(relation)]))
    community, community_docs = _community_fields(page_type.model)
    definitions.update(community)
    docs += community_docs
    for part in parts.parts_of(page_type.model):
        definitions[part.name] = (part.annotation, Field(description=part.description))
        docs.append(_doc(part.name, part.annotation, part.kind, part.description, list(part.subfields)))
    with translation.override("en"):
        doc = f"A {page_type.model._meta.verbose_name} in one language."
    return create_model(name, __base__=Closed, __doc__=doc, **definitions), docs


RECORDS = {}  # page type key → record class
FIELD_DOCS = {}  # page type key → the lines of its field list on /api/
for _page_type in registry.page_types():
    RECORDS[_page_type.key], FIELD_DOCS[_page_type.key] = _record_model(_page_type)

# one entry of any type: clients tell the classes apart by ``type``
AnyEntry = Annotated[Union[tuple(RECORDS.values())], Field(discriminator="type")]  # noqa: UP007


class Entry(RootModel[AnyEntry]):
    """An entry of any type; its ``type`` says which class it is."""
