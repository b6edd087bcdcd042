"""Importing records in our own schema (the exports' JSON or CSV): the inverse of ``schema.record``.

Entries are matched by translation key and language, so importing again updates instead of
duplicating. Each entry is saved in its own transaction: a bad entry is reported (where, and why)
and the others are imported. Pages are saved as revisions by the "import" user and go through
moderation, unless ``publish`` is asked.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, DataError, models, transaction
from django.utils import translation
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from moderation.publishing import send_to_moderation
from moderation.roles import IMPORT_USERNAME
from pages import registry
from snippets.models import Term

from .cleaning import clean_values
from .duplicates import likely_duplicates
from .schema import CHILD_SKIPPED, child_relations, content_fields, record
from .taxonomy import TermError, Terms

VOLATILE = {"url", "last_published_at"}


class EntryError(Exception):
    """What is wrong with one entry, in words a person can act on."""


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    # entries imported without markup their fields do not allow: (where, what was removed)
    cleaned: list[tuple[str, str]] = field(default_factory=list)
    # what a file said that could not be kept (a CSV column, a publiccode category): (where, what)
    notes: list[tuple[str, str]] = field(default_factory=list)
    # taxonomy terms the site did not have, created for the entries that name them: "category 'x'"
    terms_created: list[str] = field(default_factory=list)
    terms_published: bool = False

    def summary(self):
        text = (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.failed)} failed"
        )
        if self.cleaned:
            text += f", {len(self.cleaned)} cleaned"
        if self.notes:
            text += f", {len(self.notes)} with notes"
        if self.terms_created:
            state = "published" if self.terms_published else "drafts for moderators"
            text += f"; {len(self.terms_created)} new terms ({state}): {', '.join(self.terms_created)}"
        return text


class _DryRun(Exception):
    pass


def import_user():
    user, _ = get_user_model().objects.get_or_create(
        username=IMPORT_USERNAME, defaults={"first_name": "Import", "is_active": False}
    )
    return user


def import_records(
    entries,
    *,
    publish=False,
    dry_run=False,
    progress=None,
    unknown_terms="refuse",
    taxonomy=None,
    language=None,
):
    """``entries``: ``[(where, record)]``. Returns a ``Report``.

    ``unknown_terms``: what to do with a term the site does not have ("refuse": the entry fails and
    says so; "create": the term is created, from the file's ``taxonomy`` block when it describes it,
    as a draft for moderators unless ``publish``). ``language``: for records that carry none.

    Each entry is imported in its own transaction: whatever goes wrong with one (a value of the
    wrong shape, markup nested too deep, a number beyond the database's) fails that entry with the
    reason, and the others are imported. A dry run does everything but keep it, and tells no one
    (no moderation request is sent).
    """
    report = Report(terms_published=publish)
    user = import_user()
    terms = Terms(unknown_terms, taxonomy, user=user, publish=publish)
    seen = set()  # the keys derived for records without one
    ordered = sorted(entries, key=lambda item: _order(item[1]))
    for where, data in ordered:
        notes = []
        remarks = []
        terms.created = []
        try:
            with transaction.atomic():
                outcome = import_record(
                    data,
                    user=user,
                    publish=publish,
                    notes=notes,
                    moderate=not dry_run,
                    terms=terms,
                    language=language,
                    remarks=remarks,
                    seen=seen,
                )
                if dry_run:
                    raise _DryRun(outcome)
        except _DryRun as dry:
            outcome = dry.args[0]
        except (EntryError, ValidationError, ValueError, KeyError, TypeError, DataError) as error:
            report.failed.append((where, _message(error)))
            outcome = None
        except (AttributeError, OverflowError, RecursionError, DatabaseError) as error:
            # not foreseen by the checks above: still this entry's fault, not the import's
            report.failed.append((where, f"cannot be imported ({type(error).__name__}: {str(error)[:200]})"))
            outcome = None
        if outcome and notes:
            report.cleaned.append((where, "; ".join(notes)))
        if remarks:
            report.notes.append((where, "; ".join(remarks)))
        if outcome:
            with translation.override("en"):  # like the rest of the report
                named = [f"{model._meta.verbose_name} {slug!r}" for model, slug in terms.created]
            # a dry run creates (and rolls back) a term for each entry naming it: list it once
            report.terms_created += [item for item in named if item not in report.terms_created]
        if outcome:
            setattr(report, outcome, getattr(report, outcome) + 1)
        if progress:
            progress()
    return report


def _order(data):
    # dependencies first: a use case links tools and organisations, a project its hackathon…
    order = [page_type.key for page_type in registry.import_order()]
    type_key = data.get("type") if isinstance(data, dict) else None
    return order.index(type_key) if type_key in order else -1


def _message(error):
    if isinstance(error, ValidationError):
        return (
            "; ".join(f"{name}: {'; '.join(messages)}" for name, messages in error.message_dict.items())
            if hasattr(error, "message_dict")
            else " ".join(error.messages)
        )
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}"
    return str(error)


def import_record(  # one entry's options, given by import_records
    data,
    *,
    user,
    publish,
    notes=None,
    moderate=True,
    terms=None,
    language=None,
    remarks=None,
    seen=None,
    check_duplicates=True,
):
    """Create or update the page a record describes; returns "created", "updated" or "unchanged".

    Rich text and StreamField values are first cleaned as the admin cleans them (``cleaning``);
    what the cleaning removed is added to ``notes``. ``check_duplicates``: refuse to create an entry
    that looks like an existing one (off for a caller that matched entries itself, such as the
    harvest, where a moderator may have said the two are different).
    """
    if not isinstance(data, dict):
        raise EntryError("an entry must be an object with fields")
    if remarks is not None:
        # what the reader could not carry over (a list of texts; anything else in a file is no note),
        # told whether or not the entry is imported
        given = data.get("_notes")
        remarks.extend(note for note in (given if isinstance(given, list) else []) if isinstance(note, str))
    if "_error" in data:
        raise EntryError(data["_error"])
    page_type = registry.get(data.get("type")) if isinstance(data.get("type"), str) else None
    if page_type is None:
        raise EntryError(f"unknown type {data.get('type')!r} (expected one of {', '.join(registry.keys())})")
    model = page_type.model
    terms = terms or Terms(user=user, publish=publish)
    # a record that carries its language keeps it; ``language`` is for files whose records have none
    language = data.get("language") or language
    if language not in dict(settings.LANGUAGES):
        raise EntryError(
            f"unknown language {language!r}"
            if language
            else "no language: add a language column, or import with --locale"
        )
    locale = Locale.objects.get(language_code=language)
    for name in ("title", "slug"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise EntryError(f"{name}: expected text, not {type(data[name]).__name__}")
    if not str(data.get("title") or "").strip():
        raise EntryError("the title is empty")
    key = _translation_key(page_type, data)
    if data.get("translation_key") in (None, "") and seen is not None:
        # two records of a file without keys and with the same title are two entries, not one updated
        if (page_type.key, language, key) in seen:
            raise EntryError(
                "same type and title as an earlier entry of this file, and no translation_key: "
                "give each entry its own translation_key"
            )
        seen.add((page_type.key, language, key))
    data = {**data, "language": language, "translation_key": str(key)}  # as the page's record will say
    data, removed = clean_values(model, data)
    if notes is not None:
        notes.extend(removed)

    existing = model.objects.filter(translation_key=key, locale=locale).first()
    if existing is not None:
        current = {name: value for name, value in record(existing).items() if name not in VOLATILE}
        wanted = {
            name: value
            for name, value in data.items()
            if name not in VOLATILE and name in current and not (name == "slug" and not value)  # kept
        }
        if all(_same(current.get(name), value) for name, value in wanted.items()):
            return "unchanged"
        page = existing.get_latest_revision_as_object()
    else:
        if page_type.checks_duplicates and check_duplicates:
            duplicates = likely_duplicates(model, data["title"], data.get("website") or "", language=language)
            if duplicates:
                names = ", ".join(
                    f"{page.title} ({page.url_path.rstrip('/').rsplit('/', 1)[-1]})"
                    for page in duplicates[:3]
                )
                raise EntryError(
                    f"likely duplicate of {names}: not created "
                    "(import it with the same translation_key to update)"
                )
        page = model(translation_key=key, locale=locale)

    page.title = data["title"]
    page.slug = data.get("slug") or page.slug
    for model_field in content_fields(model):
        if model_field.name in data:
            _set(page, model_field, data[model_field.name], language, terms)
    for relation in child_relations(model):
        name = relation.get_accessor_name()
        if name in data:
            children = [
                _child(relation.related_model, item, language, f"{name} row {position}", terms)
                for position, item in enumerate(data[name] or [], start=1)
            ]
            for position, child in enumerate(children):
                if hasattr(child, "sort_order"):
                    child.sort_order = position  # the order of the file is the order on the page
            setattr(page, name, children)

    if existing is None:
        page.live = publish
        _parent(page_type, data, locale).add_child(instance=page)
    page.full_clean()
    revision = page.save_revision(user=user, clean=False)
    if publish:
        revision.publish(user=user, skip_permission_checks=True)
    elif moderate:
        send_to_moderation(page, user)
    return "created" if existing is None else "updated"


def same_value(current, wanted):
    """Whether a field's current value (``schema.record``) and an incoming one say the same."""
    return _same(current, wanted)


def _same(current, wanted):
    """Equal values, where an empty cell (CSV) equals an empty string, list or nothing."""
    if current in (None, "", []) and wanted in (None, "", []):
        return True
    if _plain_list(current) and _plain_list(wanted):
        return sorted(current) == sorted(wanted)  # taxonomy, countries, languages: sets, not sequences
    return _without_block_ids(current) == _without_block_ids(wanted)


def _plain_list(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _without_block_ids(value):
    # StreamField blocks get ids when saved; a file that never had them describes the same content
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_block_ids(item) for key, item in value.items() if key != "id"}
    return value


def _parent(page_type, data, locale):
    if page_type.in_section:
        return page_type.parent_model.objects.get(locale=locale)
    parent = page_type.parent_model.objects.filter(translation_key=data.get("parent"), locale=locale).first()
    if parent is None:
        name = page_type.parent_model._meta.verbose_name
        raise EntryError(f"its {name} {data.get('parent')!r} is not in this language's catalogue")
    return parent


def _translation_key(page_type, data):
    """The record's translation key; a record from elsewhere without one gets a key derived from its
    type and title, so that importing the same file again updates the entries it created."""
    reference = data.get("translation_key")
    if reference in (None, ""):
        title = " ".join(str(data["title"]).split()).lower()
        return uuid.uuid5(uuid.NAMESPACE_URL, f"ogptoolbox:import:{page_type.key}:{title}")
    try:
        return uuid.UUID(str(reference))
    except ValueError as error:
        raise EntryError(f"translation_key {reference!r} is not a UUID") from error


def _set(obj, model_field, value, language, terms):
    if isinstance(model_field, ParentalManyToManyField | models.ManyToManyField):
        if value is not None and not isinstance(value, list):
            raise EntryError(f"{model_field.name}: expected a list, not {type(value).__name__}")
        setattr(obj, model_field.name, [_target(model_field, item, language, terms) for item in value or []])
    elif isinstance(model_field, models.ForeignKey):
        setattr(obj, model_field.name, _target(model_field, value, language, terms) if value else None)
    elif isinstance(model_field, CountryField):
        setattr(obj, model_field.name, list(value or []) if model_field.multiple else (value or ""))
    elif isinstance(model_field, StreamField):
        # already cleaned by ``cleaning.clean_values``: the block data the admin would store
        setattr(obj, model_field.name, value or [])
    elif isinstance(model_field, models.DateTimeField) and value:
        setattr(obj, model_field.name, datetime.fromisoformat(value))
    elif isinstance(model_field, models.DateField) and value:
        setattr(obj, model_field.name, date.fromisoformat(value))
    else:
        setattr(obj, model_field.name, "" if value is None and not model_field.null else value)


def _target(model_field, reference, language, terms):
    """A referenced page (by translation key: this language first) or term (``taxonomy.Terms``)."""
    target = model_field.related_model
    if issubclass(target, Page):
        candidates = target.objects.filter(translation_key=reference)
        found = candidates.filter(locale__language_code=language).first() or candidates.first()
    elif issubclass(target, Term):
        try:
            return terms.resolve(model_field, reference)
        except TermError as error:
            raise EntryError(str(error)) from error
    else:
        found = target.objects.filter(slug=reference).first()
    if found is None:
        raise EntryError(f"{model_field.name}: unknown {target._meta.verbose_name} {reference!r}")
    return found


def _child(model, item, language, where, terms):
    """An inline row (organisation link, tool used…), validated as the admin's inline form would."""
    if not isinstance(item, dict):
        raise EntryError(f"{where}: expected an object with fields")
    child = model()
    skipped = set(CHILD_SKIPPED)
    for child_field in model._meta.get_fields():
        if isinstance(child_field, ParentalKey):
            skipped.add(child_field.name)
        if not child_field.concrete or child_field.name in skipped:
            continue
        if child_field.name in item:
            try:
                _set(child, child_field, item[child_field.name], language, terms)
            except EntryError as error:
                raise EntryError(f"{where}: {error}") from error
    try:
        # the page and the row's locale are set when the page is saved
        child.full_clean(exclude=skipped)
    except ValidationError as error:
        raise EntryError(f"{where}: {_message(error)}") from error
    return child
