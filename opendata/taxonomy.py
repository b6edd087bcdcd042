"""The taxonomy records use: carried in JSON exports, read back (and created if asked) by imports.

A record names terms by identifier (slug). A JSON export adds, after its entries, every published
term they name, with its words in each language::

    "taxonomy": {"category": [{"slug": "forum", "names": {"fr": {"name": "Forum", "description": …},
                                                         "en": {…}, "es": {…}},
                               "fields": {}}, …],
                 "licence": [{"slug": "mit", "names": {…}, "fields": {"spdx_id": "MIT", …}}, …]}

so that a site that lacks a term can create it with its own names rather than a bare identifier.
"""

import functools
import uuid

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.text import slugify
from wagtail.models import Locale

from pages import registry
from snippets.models import Term

from .schema import child_relations, row_fields

TRANSLATED = ("name", "description")
# a term's identity and draft/revision machinery, not its content
NOT_SHARED = {
    "id", "slug", "locale", "translation_key", *TRANSLATED,
    "live", "has_unpublished_changes", "first_published_at", "last_published_at", "go_live_at",
    "expire_at", "expired", "live_revision", "latest_revision",
}  # fmt: skip


def term_models():
    return [model for model in apps.get_app_config("snippets").get_models() if issubclass(model, Term)]


def key_of(model):
    """A term model's name in files: "category", "licence", "technicalcriterion"…"""
    return model._meta.model_name


def by_key(key):
    return next((model for model in term_models() if key_of(model) == key), None)


def shared_fields(model):
    """The term's fields that are the same in every language (an SPDX id, a position…)."""
    return [field for field in model._meta.concrete_fields if field.name not in NOT_SHARED]


def _is_term_field(field):
    return isinstance(field, models.ForeignKey | models.ManyToManyField) and issubclass(
        field.related_model, Term
    )


@functools.cache
def term_paths(model):
    """Where a page type's records name terms: ``[(term model, field name, inline relation or None)]``."""
    # the page's own fields as its type declares them (the same the page and its search document read);
    # home and section pages have no type and name no terms
    page_type = registry.type_of(model)
    if page_type is None:
        return []
    paths = [(field.related_model, field.name, None) for field in page_type.term_fields()]
    for relation in child_relations(model):
        for field in row_fields(relation):
            if _is_term_field(field):
                paths.append((field.related_model, field.name, relation.get_accessor_name()))
    return paths


def _values(value):
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str) and item]
    return [value] if isinstance(value, str) and value else []


def references(model, record):
    """``(term model, slug)`` for every term the record names."""
    for term_model, name, relation in term_paths(model):
        rows = record.get(relation) or [] if relation else [record]
        for row in rows:
            if isinstance(row, dict):
                for slug in _values(row.get(name)):
                    yield term_model, slug


def block(used):
    """The taxonomy block of an export: ``used`` is ``{term model: {slugs}}``; published terms only."""
    taxonomy = {}
    for model in term_models():
        slugs = used.get(model)
        if not slugs:
            continue
        terms = {}
        for term in (
            model.objects.filter(slug__in=slugs, live=True)
            .select_related("locale")
            .order_by("slug", "locale_id")
        ):
            entry = terms.setdefault(term.slug, {"slug": term.slug, "names": {}, "fields": {}})
            entry["names"][term.locale.language_code] = {name: getattr(term, name) for name in TRANSLATED}
            if term.locale.language_code == settings.LANGUAGE_CODE or not entry["fields"]:
                entry["fields"] = {field.name: getattr(term, field.name) for field in shared_fields(model)}
        taxonomy[key_of(model)] = [terms[slug] for slug in sorted(terms)]
    return taxonomy


def drafts_named_by(page):
    """The draft terms a (specific) page names, in its fields or its inline rows."""
    found = []
    for _term_model, name, relation in term_paths(type(page)):
        for row in getattr(page, relation).all() if relation else [page]:
            value = getattr(row, name)
            terms = list(value.all()) if hasattr(value, "all") else [value] if value is not None else []
            found += [term for term in terms if not term.live and term not in found]
    return found


def publish_drafts_named_by(page, user=None):
    """Publish the draft terms ``page`` names, in every language: the moderator who approved the page
    approved them with it (its preview and diff show them). Nothing else publishes an import's term."""
    for term in drafts_named_by(page):
        for version in term.get_translations(inclusive=True):
            if not version.live:
                revision = version.latest_revision or version.save_revision(user=user, clean=False)
                revision.publish(user=user, skip_permission_checks=True)


def slug_of(model, reference):
    """Our identifier for a reference from a file: "AGPL-3.0-or-later" → "agpl-3-0-or-later" (dots
    count as separators, which Django's slugify drops), cut to the field's length."""
    return slugify(reference.replace(".", "-"))[: model._meta.get_field("slug").max_length]


class TermError(Exception):
    """A reference to a term that cannot be resolved; the message says why and what to do."""


class Terms:
    """Resolves the terms records name, and creates the missing ones when the import allows it.

    ``unknown``: "refuse" (the entry fails, with the reason) or "create" (the term is created from
    the file's taxonomy block, or from the reference itself: a draft for moderators unless the import
    publishes). Never a silent drop.
    """

    def __init__(self, unknown="refuse", taxonomy=None, user=None, publish=False):
        if unknown not in ("refuse", "create"):
            raise ValueError(f"unknown terms: expected 'refuse' or 'create', not {unknown!r}")
        self.unknown = unknown
        self.user = user
        self.publish = publish
        self.described = {}
        for key, entries in (taxonomy or {}).items():
            model = by_key(key)
            if model is None or not isinstance(entries, list):
                continue
            for entry in entries:
                if isinstance(entry, dict) and isinstance(entry.get("slug"), str):
                    self.described[(model, entry["slug"])] = entry
        self.created = []  # (model, slug) created for the entry being imported

    def find(self, model, reference):
        """The default-language term for ``reference``: an identifier, or a name in any language."""
        default = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        found = (
            default.filter(slug__in=[reference, slug_of(model, reference)]).order_by("-live", "pk").first()
        )
        if found is None and hasattr(model, "spdx_id"):
            # a licence by its SPDX id, or by the SPDX id the file's taxonomy gives its identifier
            entry = self.described.get((model, reference)) or {}
            fields = entry.get("fields") if isinstance(entry.get("fields"), dict) else {}
            for spdx_id in (reference, fields.get("spdx_id")):
                if isinstance(spdx_id, str) and spdx_id.strip():
                    found = default.filter(spdx_id__iexact=spdx_id.strip()).order_by("-live", "pk").first()
                    if found is not None:
                        break
        if found is None:
            named = model.objects.filter(name__iexact=reference.strip()).select_related("locale").first()
            if named is not None:
                found = named.get_translation_or_none(Locale.get_default()) or named
        return found

    def resolve(self, model_field, reference):
        model = model_field.related_model
        if not isinstance(reference, str) or not reference.strip():
            raise TermError(f"{model_field.name}: expected an identifier, not {reference!r}")
        found = self.find(model, reference)
        if found is not None:
            return found
        with translation.override("en"):  # like the rest of the import's report
            name = str(model._meta.verbose_name)
        if self.unknown == "refuse":
            raise TermError(
                f"{model_field.name}: unknown {name} {reference!r}, not in this site's taxonomy "
                "(import with --unknown-terms=create to add it as a draft term for moderators)"
            )
        return self.create(model, reference)

    def create(self, model, reference):
        slug = slug_of(model, reference)
        if not slug:
            with translation.override("en"):
                name = str(model._meta.verbose_name)
            raise TermError(f"cannot make an identifier for a {name} from {reference!r}")
        entry = self.described.get((model, reference)) or self.described.get((model, slug)) or {}
        names = entry.get("names") if isinstance(entry.get("names"), dict) else {}
        # each language's words: a name and a description as text, anything else is ignored
        names = {
            code: {key: value for key, value in words.items() if isinstance(value, str)}
            for code, words in names.items()
            if isinstance(words, dict)
        }
        fields = entry.get("fields") if isinstance(entry.get("fields"), dict) else {}
        default_code = settings.LANGUAGE_CODE
        key = uuid.uuid4()
        source = None
        languages = [default_code] + [code for code, _name in settings.LANGUAGES if code != default_code]
        for code in languages:
            words = names.get(code)
            if code != default_code and not isinstance(words, dict):
                continue  # no words for this language: visitors see the default language's
            words = words if isinstance(words, dict) else names.get(next(iter(names), ""), {})
            term = model(
                locale=Locale.objects.get(language_code=code),
                translation_key=key,
                slug=slug,
                name=str((words or {}).get("name") or reference)[:120],
                description=str((words or {}).get("description") or ""),
                live=self.publish,
            )
            for field in shared_fields(model):
                if field.name in fields:
                    setattr(term, field.name, fields[field.name])
            term.full_clean(exclude=["translation_key"])
            term.save()
            revision = term.save_revision(user=self.user, clean=False)
            if self.publish:
                revision.publish(user=self.user, skip_permission_checks=True)
            source = source or term
        self.created.append((model, slug))
        return source
