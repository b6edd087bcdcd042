"""The open-data schema: one record per live public page, the same in CSV, JSON, the API and imports.

A record has the page's identity (type, language, translation key, URL), then every field editors
fill in, converted by field type rather than listed by hand, so that a new field is exported (and
can be imported) without touching this module:

* text, choices, URLs → strings; dates → ISO 8601; rich text → its HTML;
* StreamFields → their raw block data (``[{"type": …, "value": …}]``);
* countries, interface languages → lists of codes;
* taxonomy terms → their language-neutral identifiers (slugs); pages → their translation keys;
* inline relations (organisations behind a tool, tools used, scores…) → lists of such records.

Images (logos, screenshots) are files, not data: they are left out.
"""

import re
from datetime import date, datetime

from django.db import models
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pages import registry
from pages.relations import visible

DATA_LICENCE = "Licence Ouverte / Open Licence 2.0"
DATA_LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

IDENTITY = ["type", "language", "translation_key", "url", "title", "slug", "parent", "last_published_at"]
# fields of Page itself that are not content, or are covered by IDENTITY
PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}
CHILD_SKIPPED = {"id", "page", "sort_order", "translation_key", "locale"}


def content_fields(model):
    """The model's own editable fields, in declaration order."""
    return [
        field
        for field in model._meta.get_fields()
        if field.concrete
        and field.name not in PAGE_FIELDS
        and not field.auto_created
        and not _is_image(field)
    ]


def _is_image(field):
    return isinstance(field, models.ForeignKey) and field.related_model._meta.label == "wagtailimages.Image"


def child_relations(model):
    """The page's own inline relations: not images (files), and never Wagtail's admin comments."""
    return [
        relation
        for relation in get_all_child_relations(model)
        if relation.related_model._meta.app_label != "wagtailcore"
        and not any(_is_image(field) for field in relation.related_model._meta.get_fields())
    ]


def row_fields(relation):
    """The fields of an inline relation's rows in a record: not the page, the order or the identity."""
    return [
        field
        for field in relation.related_model._meta.get_fields()
        if field.concrete and field.name not in CHILD_SKIPPED and not isinstance(field, ParentalKey)
    ]


def value_of(obj, field):
    """A field's value as plain data."""
    if isinstance(field, ParentalManyToManyField | models.ManyToManyField):
        # a set of references, written in a stable order whatever the database returns; a draft term
        # (an import's, not yet published by a moderator) is not public
        return sorted(_reference(target) for target in getattr(obj, field.name).all() if _public(target))
    value = getattr(obj, field.name)
    if value is None or (isinstance(field, models.ForeignKey) and not _public(value)):
        return None
    if isinstance(field, StreamField):
        return list(value.get_prep_value())
    if isinstance(field, CountryField):
        return [str(country.code) for country in value] if field.multiple else (str(value.code) or None)
    if isinstance(field, models.ForeignKey):
        return _reference(value)
    if isinstance(field, RichTextField):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):  # MultiSelectField
        return list(value)
    return value


def _public(target):
    return isinstance(target, Page) or getattr(target, "live", True)


class PageReference(str):
    """A page's translation key in a record, until ``publishable`` has checked it may be shown."""


def _reference(target):
    """Pages by translation key, taxonomy terms by identifier."""
    if isinstance(target, Page):
        return PageReference(target.translation_key)
    return getattr(target, "slug", None) or str(target.pk)


def _references(value):
    if isinstance(value, PageReference):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _references(item)


def publishable(items):
    """``items`` (records) without any reference to a page that visitors cannot see.

    A live page may point at a draft, unpublished or private one (an organisation not yet approved,
    a hackathon under restriction): its translation key must not leave the site. A reference stands
    for the page's translation group, so it stays when any translation is live and public. A hidden
    page's reference becomes None; a row of an inline relation that points at one is left out, as
    the page itself leaves it out.
    """
    items = list(items)
    keys = {str(reference) for item in items for reference in _references(item)}
    shown = set()
    if keys:
        shown = {
            str(key)
            for key in visible(Page.objects.filter(translation_key__in=keys)).values_list(
                "translation_key", flat=True
            )
        }

    def clean(value):
        if isinstance(value, PageReference):
            return str(value) if value in shown else None
        if isinstance(value, list):
            kept = []
            for item in value:
                if isinstance(item, PageReference) and item not in shown:
                    continue
                if isinstance(item, dict) and any(ref not in shown for ref in _references(item)):
                    continue
                kept.append(clean(item))
            return kept
        if isinstance(value, dict):
            return {name: clean(item) for name, item in value.items()}
        return value

    return [clean(item) for item in items]


def record(page, request=None):
    """The open-data record of a (specific) catalogue page."""
    model = type(page)
    page_type = registry.type_of(page)
    # a page created under one section per language needs no parent; others name theirs
    parent = page.get_parent() if not page_type.in_section else None
    data = {
        "type": page_type.key,
        "language": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "url": page.get_full_url(request),
        "title": page.title,
        "slug": page.slug,
        "parent": PageReference(parent.translation_key) if parent else None,
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }
    for field in content_fields(model):
        data[field.name] = value_of(page, field)
    for relation in child_relations(model):
        name = relation.get_accessor_name()
        child_fields = row_fields(relation)
        # a row that names a draft term (a criterion waiting for a moderator) is left out, as the
        # page leaves out a row naming a hidden page (``publishable``)
        data[name] = [
            {field.name: value_of(child, field) for field in child_fields}
            for child in getattr(page, name).all()
            if all(_public(target) for target in _row_targets(child, child_fields))
        ]
    return data


def _row_targets(row, fields):
    for field in fields:
        if isinstance(field, models.ForeignKey) and (target := getattr(row, field.name)) is not None:
            yield target


def columns(type_key):
    """The fields of one page type's records, in order (the CSV's are in ``csv_format``)."""
    model = registry.get(type_key).model
    names = IDENTITY + [field.name for field in content_fields(model)]
    names += [relation.get_accessor_name() for relation in child_relations(model)]
    from . import parts
    from .community import count_fields

    return [*names, *count_fields(model), *parts.names(model), "data_licence"]


# A spreadsheet runs a cell that starts with one of = + - @ tab or carriage return as a formula
# (OWASP, "CSV Injection"): "=HYPERLINK(…)" in a tool's name would become a link in the reader's
# sheet. Quotes already in front count in, so that restored() removes exactly the one added.
FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralised(text):
    """``text`` with a single quote in front when a spreadsheet would read it as a formula."""
    return f"'{text}" if FORMULA.match(text) else text


def restored(cell):
    """The text of a CSV cell written by :func:`neutralised` (an import gives back what was exported)."""
    return cell[1:] if cell.startswith("'") and FORMULA.match(cell, 1) else cell
