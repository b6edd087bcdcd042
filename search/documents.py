"""What the search engines know about a page: one flat, engine-neutral document per live public page.

Every engine indexes the same ``Document``: the title, summary and body text in the page's own
language, and the facet values (page type, categories, countries, audiences, licence). Facet values
are language-neutral identifiers (term slugs, ISO country codes) so that the same filter works in
every locale and across them.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape as unescape_entities

from django.apps import apps
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue, StructValue
from wagtail.models import Page
from wagtail.rich_text import RichText

from pages.relations import visible

TAG = re.compile(r"<[^>]+>")

# page type facet value → model; the order is the order of the facet on the search page
KINDS = {
    "tool": "pages.ToolPage",
    "use-case": "pages.UseCasePage",
    "organisation": "pages.OrganisationPage",
    "collection": "pages.CollectionPage",
    "hackathon": "pages.HackathonPage",
    "project": "pages.HackathonProjectPage",
}

FACETS = ("kind", "category", "country", "audience", "licence")

LICENCE_VALUES = {"open": _("Open source"), "closed": _("Not open source")}

# per model: the text fields that make the body, in order
BODY_FIELDS = {
    "tool": ["description"],
    "use-case": ["objectives", "users", "services", "body", "outcomes", "lessons"],
    "organisation": ["description"],
    "collection": ["introduction"],
    "hackathon": ["description", "venue", "city", "programme"],
    "project": ["challenge", "team", "progress_log", "next_steps"],
}

# per model: what building its document reads, loaded with the pages rather than one page at a time
PREFETCH = {
    "tool": ["categories", "topics", "organisation_links__organisation"],
    "use-case": ["audiences", "topics", "tool_links__tool", "organisation_links__organisation"],
    "organisation": [],
    "collection": ["topics", "items__tool"],
    "hackathon": [],
    "project": ["reused_tools__tool", "produced_tools__tool"],
}
SELECT = {"tool": ["licence"], "collection": ["curator"]}

# per model: the pages it links to whose names help find it, as (inline relation, field) — or
# (None, field) for a link on the page itself. Named in its document only while visitors can see
# them; when one is published, unpublished or restricted, the pages linking to it are re-indexed.
LINKED_PAGES = {
    "tool": [("organisation_links", "organisation")],
    "use-case": [("tool_links", "tool"), ("organisation_links", "organisation")],
    "collection": [("items", "tool"), (None, "curator")],
    "project": [("reused_tools", "tool"), ("produced_tools", "tool")],
}


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
    facets: dict[str, list[str]] = field(default_factory=dict)


def kind_models():
    return {kind: apps.get_model(label) for kind, label in KINDS.items()}


def kind_of(page):
    label = f"{page._meta.app_label}.{page._meta.object_name}"
    for kind, model_label in KINDS.items():
        if model_label.lower() == label.lower():
            return kind
    return None


def searchable_queryset(kind, queryset=None):
    """The live public pages of one kind, with what their documents need loaded alongside."""
    model = kind_models()[kind]
    queryset = visible(queryset if queryset is not None else model.objects.all())
    return (
        queryset.select_related("locale", *SELECT.get(kind, []))
        .prefetch_related(*PREFETCH[kind])
        .order_by("pk")
    )


def is_searchable(page):
    """A page belongs in the search results: a catalogue entry that is live and not private."""
    kind = kind_of(page)
    if kind is None or not page.live:
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


def linked_pages_of(page, kind):
    linked = []
    for relation, field_name in LINKED_PAGES.get(kind, []):
        rows = getattr(page, relation).all() if relation else [page]
        linked.extend(target for row in rows if (target := getattr(row, field_name)) is not None)
    return linked


def visible_linked_pages(page, kind):
    """The pages ``page`` links to whose translation group visitors can see (one query)."""
    linked = linked_pages_of(page, kind)
    if not linked:
        return []
    keys = {target.translation_key for target in linked}
    shown = set(
        visible(Page.objects.filter(translation_key__in=keys)).values_list("translation_key", flat=True)
    )
    return [target for target in linked if target.translation_key in shown]


def pages_linking_to(translation_keys):
    """Catalogue pages that link (as ``LINKED_PAGES`` declares) to any page of these groups."""
    ids = set()
    for kind, links in LINKED_PAGES.items():
        model = kind_models()[kind]
        for relation, field_name in links:
            if relation is None:
                rows = model.objects.filter(**{f"{field_name}__translation_key__in": translation_keys})
                ids.update(rows.values_list("pk", flat=True))
            else:
                child = model._meta.get_field(relation).related_model
                rows = child.objects.filter(**{f"{field_name}__translation_key__in": translation_keys})
                ids.update(rows.values_list("page_id", flat=True))
    return Page.objects.filter(pk__in=ids).specific().select_related("locale")


def build_document(page, term_names=None):
    """The document for a (specific) catalogue page, whether or not it is searchable."""
    term_names = term_names or TermNames()
    kind = kind_of(page)
    locale_id = page.locale_id
    facets = {"kind": [kind]}
    extra = []  # names of related things, so that a search for them finds the page

    def terms(manager, facet=None):
        found = list(manager.all())
        if facet:
            facets[facet] = sorted({term.slug for term in found})
        extra.extend(term_names.name(term, locale_id) for term in found)

    if kind == "tool":
        terms(page.categories, "category")
        terms(page.topics)
        facets["country"] = sorted(str(country.code) for country in page.countries)
        if page.licence:
            facets["licence"] = ["open" if page.licence.is_open_source else "closed"]
            extra.append(term_names.name(page.licence, locale_id))
    elif kind == "use-case":
        terms(page.audiences, "audience")
        terms(page.topics)
        facets["country"] = sorted(str(country.code) for country in page.countries)
    elif kind == "organisation":
        facets["country"] = [str(page.country.code)] if page.country else []
    elif kind == "collection":
        terms(page.topics)
    elif kind == "hackathon":
        facets["country"] = [str(page.country.code)] if page.country else []
    elif kind == "project":
        facets["country"] = sorted(str(country.code) for country in page.countries)
    extra.extend(linked.title for linked in visible_linked_pages(page, kind))

    body = [text_of(getattr(page, name)) for name in BODY_FIELDS[kind]]
    body.append(" · ".join(name for name in extra if name))
    return Document(
        page_id=page.pk,
        language=page.locale.language_code,
        kind=kind,
        title=page.title,
        summary=page.summary,
        body="\n".join(part for part in body if part),
        translation_key=str(page.translation_key),
        published_at=page.last_published_at,
        facets={name: values for name, values in facets.items() if values},
    )
