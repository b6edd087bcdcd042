"""What the search engines know about a page: one flat, engine-neutral document per live public page.

Every engine indexes the same ``Document``: the title, summary and body text in the page's own
language, and the facet values the page type declares (``search/facets.py``). Facet values are
language-neutral identifiers (term slugs, ISO country codes, years, translation keys) so that the
same filter works in every locale and across them.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape as unescape_entities

from django.db.models import ManyToManyField
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue, StructValue
from wagtail.models import Page
from wagtail.rich_text import RichText

from pages import registry
from pages.relations import visible, visible_targets

from . import facets

TAG = re.compile(r"<[^>]+>")


def facet_names():
    """The search page's facets: the page type, then those the page types declare, in their order."""
    return facets.names()


@dataclass
class Document:
    page_id: int
    language: str
    kind: str
    title: str
    summary: str = ""
    body: str = ""
    translation_key: str = ""
    published_at: datetime | None = None
    first_published_at: datetime | None = None
    facets: dict[str, list[str]] = field(default_factory=dict)


def searchable_queryset(page_type, queryset=None):
    """The live public pages of one type, with what their documents need loaded alongside."""
    queryset = visible(queryset if queryset is not None else page_type.model.objects.all())
    terms = page_type.term_fields()
    select = [term.name for term in terms if not isinstance(term, ManyToManyField)]
    prefetch = [term.name for term in terms if isinstance(term, ManyToManyField)]
    for link in page_type.links:
        (prefetch if link.relation else select).append(link.lookup)
    # inline rows a facet scores (a project's criteria), with their terms
    prefetch += [f"{facet.field}__criterion" for facet in page_type.facets.values() if facet.score]
    return queryset.select_related("locale", *select).prefetch_related(*prefetch).order_by("pk")


def is_searchable(page):
    """A page belongs in the search results: a catalogue entry that is live and not private."""
    if registry.type_of(page) is None or not page.live:
        return False
    return visible(type(page).objects.filter(pk=page.pk)).exists()


def text_of(value):
    """Plain text of a field value: rich text, StreamField, struct blocks, lists or strings."""
    if value is None:
        return ""
    if isinstance(value, RichText):
        value = value.source
    if isinstance(value, StreamValue):
        return "\n".join(text_of(child.value) for child in value)
    if isinstance(value, StructValue | dict):
        return " ".join(text_of(child) for child in value.values())
    if isinstance(value, list | tuple):
        return " ".join(text_of(child) for child in value)
    if isinstance(value, str):
        # tags become spaces: "<p>one</p><p>two</p>" is two words, not "onetwo"
        return " ".join(unescape_entities(strip_tags(TAG.sub(" ", value))).split())
    if hasattr(value, "source"):  # RichText inside blocks
        return text_of(value.source)
    return ""


class TermNames:
    """Taxonomy term names per (model, translation key, locale): the taxonomy is small, load it once."""

    def __init__(self):
        self._names = {}
        self._loaded = set()

    def name(self, term, locale_id):
        model = type(term)
        if model not in self._loaded:
            for key, locale, name in model.objects.values_list("translation_key", "locale_id", "name"):
                self._names[(model, key, locale)] = name
            self._loaded.add(model)
        return self._names.get((model, term.translation_key, locale_id), term.name)


def linked_pages_of(page):
    return [
        target
        for link in registry.type_of(page).links
        for row in link.rows(page)
        if (target := getattr(row, link.field)) is not None
    ]


def visible_linked_pages(page):
    """The pages ``page`` links to whose translation group visitors can see (one query)."""
    return visible_targets(linked_pages_of(page))


def pages_linking_to(translation_keys):
    """Catalogue pages that link (as their types declare) to any page of these groups."""
    ids = set()
    for page_type in registry.page_types():
        for link in page_type.links:
            rows = link.row_model(page_type.model).objects.filter(
                **{f"{link.field}__translation_key__in": translation_keys}
            )
            ids.update(rows.values_list("page_id" if link.relation else "pk", flat=True))
    return Page.objects.filter(pk__in=ids).specific().select_related("locale")


def pages_naming(term):
    """Catalogue pages (every language) that point at ``term``'s translation group."""
    ids = set()
    for page_type in registry.page_types():
        for term_field in page_type.term_fields():
            if term_field.related_model is type(term):
                lookup = {f"{term_field.name}__translation_key": term.translation_key}
                ids.update(page_type.model.objects.filter(**lookup).values_list("pk", flat=True))
    return Page.objects.filter(pk__in=ids).specific().select_related("locale")


def build_document(page, term_names=None):
    """The document for a (specific) catalogue page, whether or not it is searchable."""
    term_names = term_names or TermNames()
    page_type = registry.type_of(page)
    values = {"kind": [page_type.key]}
    for name, facet in page_type.facets.items():
        values[name] = facets.values_of(page, page_type, facet)
    # names of related things, so that a search for them finds the page
    extra = []
    for _field, terms in page_type.terms_of(page):
        extra.extend(term_names.name(term, page.locale_id) for term in terms)
    extra.extend(linked.title for linked in visible_linked_pages(page))

    body = [text_of(getattr(page, name)) for name in page_type.body_fields]
    body.append(" · ".join(name for name in extra if name))
    return Document(
        page_id=page.pk,
        language=page.locale.language_code,
        kind=page_type.key,
        title=page.title,
        summary=page.summary,
        body="\n".join(part for part in body if part),
        translation_key=str(page.translation_key),
        published_at=page.last_published_at,
        first_published_at=page.first_published_at,
        facets={name: found for name, found in values.items() if found},
    )
