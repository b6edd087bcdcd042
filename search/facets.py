"""Facets, from their declaration on the page types (``registry.Facet``) and the kind of field they read.

One engine counts and filters every facet the same way (``name:value`` keys); what differs between a
country, a taxonomy, a choice or a date is only how a page's values are read, which values a URL
may ask for, and how a value is named for the visitor. All three are derived here from the field.
"""

import hashlib
import re
from datetime import date

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from django_countries.fields import CountryField
from wagtail.models import Page

from core import freshness
from pages import registry
from pages.relations import visible, visible_targets
from snippets.models import live_terms

SLUG = re.compile(r"^[-a-z0-9_]{1,100}$")
YEAR = re.compile(r"^(19|20)[0-9]{2}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SCORE = re.compile(r"^([-a-z0-9_]{1,100}):([0-9])$")
MAX_SCORE = 5  # the scores' validators: from 0 to 5

KIND_TITLE = gettext_lazy("Type")


def declared():
    """``{name: (page type, Facet)}`` for every facet name, as first declared."""
    return registry.facets()


def names():
    """The search's facets: the page type, then those the page types declare, in their order."""
    return ["kind", *declared()]


def names_of(page_type):
    return list(page_type.facets) if page_type is not None else []


def title(name, page_type=None):
    if name == "kind":
        return KIND_TITLE
    if page_type is not None and name in page_type.facets:
        return page_type.facets[name].title
    return declared()[name][1].title


def kind_of(page_type, facet):
    """What a facet reads: country, term, choice, year, link, linked-term or score (from the declaration
    and field)."""
    if facet.score:
        return "score"
    if facet.reader is not None:
        return "choice"
    if any(link.name == facet.field for link in page_type.links):
        return "linked-term" if facet.through else "link"
    model_field = page_type.model._meta.get_field(facet.field)
    if isinstance(model_field, CountryField):
        return "country"
    if facet.attribute:
        return "choice"
    if isinstance(model_field, models.ForeignKey | models.ManyToManyField):
        return "term"
    if isinstance(model_field, models.DateField):
        return "year"
    return "choice"


def is_year(name):
    return name in declared() and kind_of(*declared()[name]) == "year"


def choices(page_type, facet):
    """``{value: label}`` of a choice facet: declared, else the field's own choices (blank left out)."""
    found = (
        facet.choices or (facet.reader is None and page_type.model._meta.get_field(facet.field).choices) or ()
    )
    return {str(value): label for value, label in found if value != ""}


def _link(page_type, facet):
    return next(link for link in page_type.links if link.name == facet.field)


def values_of(page, page_type, facet, today=None):
    """A page's language-neutral values for a facet (term slugs, ISO codes, years…), sorted."""
    kind = kind_of(page_type, facet)
    if facet.reader is not None:
        return sorted(str(value) for value in facet.reader(page) if str(value) in choices(page_type, facet))
    if kind == "link":
        return sorted({str(target.translation_key) for target in _linked(page, _link(page_type, facet))})
    if kind == "linked-term":
        targets = _linked(page, _link(page_type, facet))
        terms = [term for target in targets for term in getattr(target, facet.through).all()]
        return sorted({term.slug for term in live_terms(terms)})
    if kind == "score":
        rows = getattr(page, facet.field).all()
        return sorted(
            {
                f"{row.criterion.slug}:{score}"
                for row in rows
                if (score := getattr(row, facet.score)) is not None and live_terms([row.criterion])
            }
        )
    value = getattr(page, facet.field)
    if kind == "country":
        found = value if page._meta.get_field(facet.field).multiple else [value] if value else []
        return sorted(str(country.code) for country in found)
    if kind == "year":
        if value is None:
            return []
        if facet.until is None:
            return [str(value.year)]
        end = getattr(page, facet.until) or today or date.today()
        return [str(year) for year in range(value.year, max(value.year, end.year) + 1)]
    if kind == "term":
        terms = list(value.all()) if hasattr(value, "all") else [value] if value else []
        return sorted({term.slug for term in live_terms(terms)})  # a draft term is no facet yet
    # a choice: the page's own value(s), or a property of the term it refers to
    if facet.attribute:
        return [str(getattr(value, facet.attribute))] if value and live_terms([value]) else []
    found = value if isinstance(value, list | tuple) else [value] if value else []
    return sorted(str(item) for item in found if str(item) in choices(page_type, facet))


def _linked(page, link):
    """The pages ``page`` links to through ``link`` that visitors can see (their translation groups)."""
    return visible_targets(
        [target for row in link.rows(page) if (target := getattr(row, link.field)) is not None]
    )


def is_valid(name, value):
    """Whether a URL may ask for this facet value (before any engine sees it)."""
    if name == "kind":
        return registry.get(value) is not None
    if name not in declared():
        return False
    page_type, facet = declared()[name]
    kind = kind_of(page_type, facet)
    if kind == "country":
        return value == value.upper() and value in dict(countries)
    if kind == "year":
        return bool(YEAR.match(value))
    if kind == "link":
        return bool(UUID.match(value))
    if kind == "score":
        match = SCORE.match(value)
        return bool(match) and int(match.group(2)) <= MAX_SCORE
    if kind == "choice":
        return value in choices(page_type, facet)
    return bool(SLUG.match(value))


def labels(name, values, language):
    """``{value: label}`` in ``language``, with a fixed number of queries."""
    values = list(values)
    if not values:
        return {}
    if name == "kind":
        return {value: str(registry.get(value).label) if registry.get(value) else value for value in values}
    page_type, facet = declared()[name]
    kind = kind_of(page_type, facet)
    with translation.override(language):
        if kind == "country":
            return {value: str(countries.name(value) or value) for value in values}
        if kind == "year":
            return {value: value for value in values}
        if kind == "choice":
            known = choices(page_type, facet)
            return {value: _choice_label(known.get(value, value)) for value in values}
        if kind == "link":
            return _page_titles(values, language)
        if kind == "linked-term":
            target = _link(page_type, facet).target_model(page_type.model)
            return _term_names(target._meta.get_field(facet.through).related_model, values, language)
        if kind == "score":
            slugs = {SCORE.match(value).group(1) for value in values if SCORE.match(value)}
            model = page_type.model._meta.get_field(facet.field).related_model
            names = _term_names(model._meta.get_field("criterion").related_model, slugs, language)
            found = {}
            for value in values:
                slug, _colon, score = value.partition(":")
                found[value] = _("%(criterion)s: %(score)s/%(maximum)s") % {
                    "criterion": names.get(slug, slug),
                    "score": score,
                    "maximum": MAX_SCORE,
                }
            return found
        return _term_names(page_type.model._meta.get_field(facet.field).related_model, values, language)


def _choice_label(label):
    # the languages of global settings are marked for translation, not translated: translate them here
    return _(label) if isinstance(label, str) else str(label)


def _term_names(model, slugs, language):
    """The live terms with those slugs, named in ``language``, else in any language.

    Terms only change when the taxonomy is edited, so all of a kind's names in a language are read
    in one query once per generation (core/freshness.py), then looked up."""
    key = f"term-names:{model._meta.label}:{language}"
    names = freshness.cached(key, lambda: _all_term_names(model, language))
    return {slug: names[slug] for slug in slugs if slug in names}


def _all_term_names(model, language):
    found = {}
    for slug, term_language, name in live_terms(model.objects.all()).values_list(
        "slug", "locale__language_code", "name"
    ):
        if term_language == language or slug not in found:
            found[slug] = name
    return found


def _page_titles(keys, language):
    """The visible pages of those translation groups, titled in ``language`` if they can be (one query
    per generation for each set of groups a facet shows)."""
    keys = sorted(str(key) for key in keys)
    digest = hashlib.sha256(" ".join(keys).encode()).hexdigest()
    return freshness.cached(f"page-titles:{language}:{digest}", lambda: _visible_titles(keys, language))


def _visible_titles(keys, language):
    found = {}
    pages = visible(Page.objects.filter(translation_key__in=keys)).values_list(
        "translation_key", "locale__language_code", "title"
    )
    for key, page_language, page_title in pages:
        if page_language == language or str(key) not in found:
            found[str(key)] = page_title
    return found
