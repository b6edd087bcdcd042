"""The CSV form of the records, written for people: the exports write it, ``readers`` reads it back.

A record (``schema.record``) holds identifiers; a CSV shows, in the export's language:

* one header row: the fields' verbose names (``Description``, ``Pays``…); rich text and StreamField
  fields have two columns, the text (paragraphs separated by blank lines) and ``… (HTML)``, which
  keeps everything (StreamFields as Wagtail's basic rendering of blocks, readable back);
* taxonomy terms by name, pages by title, countries and languages by name, choices by label,
  several of them separated by ``; ``;
* inline relations as ``Target (value, value); Target…`` (``Etalab (développeur)``).

Every cell goes through ``schema.neutralised``: a CSV export is opened in spreadsheets.
"""

import json
import re
from dataclasses import dataclass
from functools import cache

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from multiselectfield import MultiSelectField
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from pages import registry
from pages.relations import visible

from . import parts
from .community import count_fields
from .schema import IDENTITY, child_relations, content_fields, neutralised, row_fields

SEPARATOR = "; "
IDENTITY_HEADERS = {
    "type": _("Type"),
    "language": _("Language"),
    "translation_key": _("Translation key"),
    "url": _("Page address"),
    "title": _("Title"),
    "slug": _("Slug"),
    "parent": _("Parent page"),
    "last_published_at": _("Last published"),
    "data_licence": _("Data licence"),
}
# the community's counts (``opendata.community``): read back, they name no field and are not imported
COUNT_HEADERS = {
    "endorsement_count": _("Declared uses"),
    "arguments_for": _("Arguments for"),
    "arguments_against": _("Arguments against"),
}
YES, NO = _("yes"), _("no")


@dataclass(frozen=True)
class Column:
    """One CSV column: the record's ``name``, and ``html`` for the second column of a rich text."""

    name: str
    html: bool = False

    def header(self, page_types):
        """The column's name in the active language (that of the first type that has the field)."""
        if self.name in IDENTITY_HEADERS:
            return str(IDENTITY_HEADERS[self.name])
        if self.name in COUNT_HEADERS:
            return str(COUNT_HEADERS[self.name])
        if part := parts.get(self.name):
            return capfirst(str(part.label))
        for page_type in page_types:
            field = field_of(page_type.model, self.name)
            if field is not None:
                text = capfirst(str(verbose_name(field)))
                if text.casefold() in {str(name).casefold() for name in IDENTITY_HEADERS.values()}:
                    # a tool's "type" (kind) in French is not the entry's type
                    text = f"{text} ({page_type.model._meta.verbose_name})"
                return f"{text} (HTML)" if self.html else text
        return self.name


@cache
def field_of(model, name):
    """The content field or inline relation ``name`` of a page model, or None."""
    for field in content_fields(model):
        if field.name == name:
            return field
    for relation in child_relations(model):
        if relation.get_accessor_name() == name:
            return relation
    return None


def verbose_name(field):
    if isinstance(field, models.ManyToOneRel):  # an inline relation: its rows' plural name
        return field.related_model._meta.verbose_name_plural
    return field.verbose_name


def has_html(field):
    return isinstance(field, RichTextField | StreamField)


def columns_of(type_keys):
    """The CSV columns of ``type_keys`` (several types: the union, in order)."""
    found = []
    for type_key in type_keys:
        model = registry.get(type_key).model
        names = list(content_fields(model)) + list(child_relations(model))
        wanted = [Column(name) for name in IDENTITY]
        for field in names:
            name = field.get_accessor_name() if isinstance(field, models.ManyToOneRel) else field.name
            wanted.append(Column(name))
            if has_html(field):
                wanted.append(Column(name, html=True))
        wanted += [Column(name) for name in count_fields(model)]
        wanted += [Column(name) for name in parts.names(model)]
        for column in wanted:
            if column not in found:
                found.append(column)
    return [*found, Column("data_licence")]


def child_fields(relation):
    """An inline row's fields: the page or term it points at first, then its own values."""
    fields = row_fields(relation)
    targets = [field for field in fields if isinstance(field, models.ForeignKey)]
    return targets[:1], [field for field in fields if field not in targets[:1]]


# --- labels of identifiers, in a language ---------------------------------------------------------


class Labels:
    """Names of terms, titles of pages, names of countries… in ``language``, looked up once each."""

    def __init__(self, language):
        self.language = language
        self._terms = {}
        self._titles = None

    def term(self, model, slug):
        if model not in self._terms:
            names = {}
            for term_slug, language, name in model.objects.values_list(
                "slug", "locale__language_code", "name"
            ):
                names.setdefault(term_slug, {})[language] = name
            self._terms[model] = names
        names = self._terms[model].get(slug, {})
        return names.get(self.language) or names.get(settings.LANGUAGE_CODE) or slug

    def page(self, key):
        if self._titles is None:
            # every visible page's title at once: one query, where a catalogue cites thousands of pages
            self._titles = {}
            pages = visible(Page.objects.filter(depth__gt=2)).values_list(
                "translation_key", "locale__language_code", "title"
            )
            for page_key, language, title in pages:
                self._titles.setdefault(str(page_key), {})[language] = title
        titles = self._titles.get(str(key), {})
        return (
            titles.get(self.language)
            or titles.get(settings.LANGUAGE_CODE)
            or next(iter(titles.values()), key)
        )

    def of(self, field, value):
        """A value of ``field`` (as the record holds it) as text for people."""
        if value is None or value == []:
            return ""
        if isinstance(field, ParentalManyToManyField | models.ManyToManyField | MultiSelectField):
            return SEPARATOR.join(self.single(field, item) for item in value)
        if isinstance(field, CountryField) and field.multiple:
            return SEPARATOR.join(self.single(field, item) for item in value)
        if isinstance(field, RichTextField):
            return html_text(value)
        if isinstance(field, StreamField):
            return stream_text(field.stream_block, value, self)
        return self.single(field, value)

    def single(self, field, value):
        if value is None:
            return ""
        if isinstance(field, models.ForeignKey | ParentalManyToManyField | models.ManyToManyField):
            target = field.related_model
            return self.page(value) if issubclass(target, Page) else self.term(target, value)
        if isinstance(field, CountryField):
            return str(countries.name(value)) or value
        if isinstance(field, MultiSelectField):
            # Django's language names are marked for translation, not translated, in its settings
            return gettext(str(dict(field.flatchoices).get(value, value)))
        if isinstance(field, models.BooleanField):
            return str(YES if value else NO)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        return str(value)

    def rows(self, relation, rows):
        """An inline relation as ``Target (value, value); …``; trailing empty values are left out."""
        targets, values = child_fields(relation)
        items = []
        for row in rows or []:
            label = SEPARATOR.join(self.single(field, row.get(field.name)) for field in targets)
            texts = [self.single(field, row.get(field.name)) for field in values]
            while texts and not texts[-1]:
                texts.pop()
            inner = ", ".join(texts)
            items.append(f"{label} ({inner})" if label and inner else label or inner)
        return SEPARATOR.join(items)


def cells(item, columns, labels):
    """The CSV row of a record, in the active language."""
    model = registry.get(item["type"]).model
    row = []
    for column in columns:
        value = item.get(column.name)
        field = field_of(model, column.name)
        if column.name == "type":
            text = str(model._meta.verbose_name)
        elif part := parts.get(column.name):
            text = part.text(value) if value else ""
        elif column.name == "parent":
            text = labels.page(value) if value else ""
        elif field is None:
            text = "" if value is None else str(value)
        elif column.html:
            text = stream_html(field.stream_block, value) if isinstance(field, StreamField) else (value or "")
        elif isinstance(field, models.ManyToOneRel):
            text = labels.rows(field, value)
        else:
            text = labels.of(field, value)
        row.append(neutralised(text))
    return row


# --- text and HTML of rich text and StreamFields --------------------------------------------------

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "div", "pre"}


def html_text(html):
    """Rich text as plain text: one paragraph per block element, separated by blank lines."""
    soup = BeautifulSoup(html or "", "html.parser")
    for line_break in soup.find_all("br"):
        line_break.replace_with("\n")
    paragraphs = []
    inline = []  # text and inline elements outside any paragraph make one paragraph together
    for element in [*soup.children, None]:
        name = getattr(element, "name", None)
        if element is not None and name not in BLOCK_TAGS:
            inline.append(element.get_text())
            continue
        if inline:
            paragraphs.append(_tidy("".join(inline)))
            inline = []
        if name in ("ul", "ol"):
            paragraphs.append("\n".join(f"• {_tidy(item.get_text())}" for item in element.find_all("li")))
        elif element is not None:
            paragraphs.append(_tidy(element.get_text()))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _tidy(text):
    return "\n".join(" ".join(line.split()) for line in text.strip().split("\n")).strip()


def stream_text(stream_block, data, labels=None):
    """A StreamField's blocks as paragraphs of text (a structured block's values on one line)."""
    paragraphs = []
    for block in data or []:
        child = stream_block.child_blocks.get(block.get("type"))
        value = block.get("value")
        if isinstance(child, blocks.RichTextBlock):
            text = html_text(value)
        elif isinstance(child, blocks.StructBlock) and isinstance(value, dict):
            parts = []
            for name, sub_block in child.child_blocks.items():
                part = value.get(name)
                if isinstance(sub_block, ImageChooserBlock) or part in (None, ""):
                    continue
                if isinstance(sub_block, blocks.ChoiceBlock):
                    part = dict(sub_block.field.choices).get(part, part)
                parts.append(str(part))
            text = " — ".join(parts)
        else:
            text = "" if value is None else str(value)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def stream_html(stream_block, data):
    """A StreamField as Wagtail's basic rendering (``<div class="block-TYPE">``, a ``<dl>`` for a
    structured block) with rich text as stored: every value can be read back (``stream_from_html``)."""
    parts = []
    for block in data or []:
        child = stream_block.child_blocks.get(block.get("type"))
        value = block.get("value")
        if isinstance(child, blocks.RichTextBlock):
            inner = value or ""
        elif isinstance(child, blocks.StructBlock) and isinstance(value, dict):
            items = "".join(
                f"<dt>{escape(name)}</dt><dd>{_escaped(part)}</dd>" for name, part in value.items()
            )
            inner = f"<dl>{items}</dl>"
        else:
            inner = _escaped(value)
        parts.append(f'<div class="block-{escape(block.get("type"))}">{inner}</div>')
    return "\n".join(parts)


def _escaped(value):
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return escape(json.dumps(value, ensure_ascii=False))
    return escape(str(value))


BLOCK_CLASS = re.compile(r"^block-(?P<type>.+)$")


def stream_from_html(stream_block, html):
    """Block data from ``stream_html``; other HTML becomes one paragraph block, when the stream has a
    rich text block (``None`` when it has none: the HTML cannot be placed)."""
    soup = BeautifulSoup(html, "html.parser")
    divs = [element for element in soup.children if getattr(element, "name", None) == "div"]
    types = [_block_type(div) for div in divs]
    if divs and all(types) and not _stray_text(soup, divs):
        return [_block(stream_block, block_type, div) for block_type, div in zip(types, divs, strict=True)]
    paragraph = _paragraph_block(stream_block)
    return [{"type": paragraph, "value": html}] if paragraph else None


def _block_type(div):
    for name in div.get("class") or []:
        match = BLOCK_CLASS.match(name)
        if match:
            return match["type"]
    return None


def _stray_text(soup, divs):
    return any(element not in divs and str(element).strip() for element in soup.children)


def _paragraph_block(stream_block):
    for name, child in stream_block.child_blocks.items():
        if isinstance(child, blocks.RichTextBlock):
            return name
    return None


def _block(stream_block, block_type, div):
    child = stream_block.child_blocks.get(block_type)
    if isinstance(child, blocks.RichTextBlock):
        return {"type": block_type, "value": div.decode_contents()}
    if isinstance(child, blocks.StructBlock) and div.find("dl"):
        value = {}
        for term in div.find("dl").find_all("dt", recursive=False):
            name = term.get_text()
            sub_block = child.child_blocks.get(name)
            definition = term.find_next_sibling("dd")
            value[name] = _scalar(sub_block, definition.get_text() if definition else "")
        return {"type": block_type, "value": value}
    if isinstance(child, blocks.StructBlock):  # not as written: the cleaning says what is wrong
        return {"type": block_type, "value": div.get_text()}
    return {"type": block_type, "value": _scalar(child, div.get_text())}


def _scalar(block, text):
    """A block value from its text, as the block stores it (dates as ISO text, ids as numbers…)."""
    if isinstance(block, blocks.CharBlock | blocks.TextBlock) or block is None:
        return text
    if text == "":
        return None
    try:
        # as the StreamField stores it: JSON (dates and times as ISO text)
        return json.loads(json.dumps(block.get_prep_value(block.to_python(text)), cls=DjangoJSONEncoder))
    except (TypeError, ValueError, ValidationError):
        return text  # as written: the cleaning says what is wrong


def paragraphs_html(text):
    """Plain text as rich text: a paragraph per blank-line-separated paragraph, lines kept."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br/>')}</p>" for part in paragraphs)
