"""Public pages of taxonomy terms: which term a visitor asks for, and which pages name it.

Every term kind declares its key and the first segment of its address in each language once, on its
model (``Term.term_kind``, ``Term.public_path``); the pages naming a term are derived from the page
types of the registry: their own term fields (``PageType.term_fields``) and their rows pointing at
terms (a tool's criteria values, a hackathon's judging criteria, a project's scores).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from localisation.localization import active_language, best_per_key
from pages import registry
from pages.relations import for_cards, visible

from . import models

TERM_MODELS = (
    models.Category,
    models.Topic,
    models.Audience,
    models.Licence,
    models.TechnicalCriterion,
    models.HackathonCriterion,
)


def kinds():
    """``{kind key: term model}``."""
    return {model.term_kind: model for model in TERM_MODELS}


def model_of(kind):
    return kinds().get(kind)


def segments(model):
    """The first segment of the model's addresses, by language."""
    return {code: getattr(model.public_path, code) for code, _name in settings.LANGUAGES}


def term_url(term, language=None, feed=False):
    """The public address of ``term`` (any translation of it) in ``language`` (the active one)."""
    language = language or active_language()
    model = type(term)
    name = f"term-{'feed-' if feed else ''}{model.term_kind}-{segments(model)[language]}"
    with translation.override(language):
        return reverse(name, kwargs={"slug": term.slug})


def find(model, slug, language):
    """``(term to show, term pages point at)`` for a visitor of ``language``, or None.

    Pages point at the default language's term: it decides whether the term is public (a draft is
    not). The visitor reads its translation in their language, else the default language's words (a
    term not translated yet is still named by that language's pages, whose chips link here).
    """
    versions = list(model.objects.filter(slug=slug).select_related("locale"))
    source = next((t for t in versions if t.locale.language_code == settings.LANGUAGE_CODE), None)
    if source is None or not source.live:
        return None
    shown = next((t for t in versions if t.locale.language_code == language and t.live), source)
    shown.other_language = None if shown.locale.language_code == language else shown.locale.language_code
    return shown, source


def _lookups(page_model, term_model):
    """ORM paths from ``page_model`` to a term of ``term_model``: its own fields, then its rows'."""
    page_type = registry.type_of(page_model)
    paths = [f.name for f in page_type.term_fields() if f.related_model is term_model]
    for relation in page_model._meta.related_objects:
        if not isinstance(relation.remote_field, ParentalKey):
            continue
        for row_field in relation.related_model._meta.fields:
            if row_field.is_relation and row_field.related_model is term_model:
                paths.append(f"{relation.name}__{row_field.name}")
    return paths


def naming(page_model, term, language):
    """Visible pages of ``page_model`` in ``language`` naming ``term``'s translation group, or None
    when pages of that type never name terms of its kind."""
    paths = _lookups(page_model, type(term))
    if not paths:
        return None
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path}__translation_key": term.translation_key})
    ids = page_model.objects.filter(condition).values("pk")
    return visible(page_model.objects.filter(pk__in=ids, locale__language_code=language))


@dataclass
class Group:
    """The pages of one type naming a term: the first ones, how many there are, where to see all."""

    page_type: registry.PageType
    count: int
    pages: list = field(default_factory=list)
    directory_url: str = ""

    @property
    def heading(self):
        return capfirst(self.page_type.model._meta.verbose_name_plural)


def groups(term, language, per_type=12):
    """``[Group]`` of every page type whose pages may name ``term``, in the registry's order; each
    type takes two or three queries (count, pages, logos), whatever the number of pages."""
    found = []
    for page_type in registry.page_types():
        pages = naming(page_type.model, term, language)
        if pages is None:
            continue
        count = pages.count()
        shown = list(for_cards(page_type.model, pages).order_by("title")[:per_type]) if count else []
        directory = _directory_url(page_type, term, language) if count else ""
        found.append(Group(page_type, count, shown, directory))
    return found


def _directory_url(page_type, term, language):
    """The section listing of the type filtered by the term, when the type has it as a facet."""
    facet = next(
        (
            name
            for name, facet in page_type.facets.items()
            # the facet of the term itself, not of one of its properties (a licence's openness)
            if facet.attribute is None
            and any(f.name == facet.field and f.related_model is type(term) for f in page_type.term_fields())
        ),
        None,
    )
    if facet is None:
        return ""
    section = visible(page_type.parent_model.objects.filter(locale__language_code=language)).first()
    return f"{section.url}?{facet}={term.slug}" if section else ""


def pages_naming(term, language):
    """Visible catalogue pages of ``language`` naming ``term`` (a Page queryset), for feeds and watches."""
    condition = Q(pk__in=[])
    for page_type in registry.page_types():
        pages = naming(page_type.model, term, language)
        if pages is not None:
            condition |= Q(pk__in=pages.values("pk"))
    return Page.objects.filter(condition)


def localized_names(terms, language):
    """``{translation key: term}`` of ``terms`` in ``language``, else the default language (one query)."""
    terms = list(terms)
    if not terms:
        return {}
    model = type(terms[0])
    keys = {t.translation_key for t in terms}
    candidates = model.objects.filter(translation_key__in=keys, live=True).select_related("locale")
    return best_per_key(candidates, language)
