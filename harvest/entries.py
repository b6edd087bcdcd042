"""A harvested record as the catalogue's own records (``opendata.importer``), one per language.

The importer already does what any record from outside needs: cleaning, validation, a revision by
the given user, moderation. This module only says which field of a tool or organisation page each
part of a harvested record fills, in which language.
"""

import uuid

from django.conf import settings
from django.utils.html import escape
from django.utils.text import slugify

from core import addresses
from pages.organisations import OrganisationKind, OrganisationPage
from pages.tools import ToolPage
from snippets.models import Licence

from .records import HarvestedOrganisation, HarvestedTool

# the page types a harvest fills, by their registry keys (pages.registry)
HARVESTED = {"tool": ToolPage, "organisation": OrganisationPage}

SUMMARY_LENGTH = 250
TITLE_LENGTH = 255
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def identity(record):
    """What names the same entry whichever source describes it: its repository, else its website."""
    if isinstance(record, HarvestedTool) and record.repository:
        return "repository:" + addresses.key(record.repository)
    if record.website:
        return "website:" + addresses.key(record.website)
    return ""


def new_key(page_type, record, source):
    """The translation key of an entry the harvest creates: derived from what identifies it, so that
    the same entry seen again (from this source or another) gets the same key."""
    what = identity(record) or f"source:{source.pk}:{record.ref}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"ogptoolbox:harvest:{page_type}:{what}")


def languages_of(record, source):
    """The languages the record has texts in (a text lands in the tree of its language)."""
    texts = getattr(record, "summaries", {}) | record.descriptions
    found = [code for code in LANGUAGES if texts.get(code)]
    return found or [source.language]


def _name(record, language, source):
    names = record.names
    return (names.get(language) or names.get(source.language) or next(iter(names.values()), "")).strip()


def _paragraph(text):
    text = " ".join(str(text).split())
    return [{"type": "paragraph", "value": f"<p>{escape(text)}</p>"}] if text else []


def _licence_slug(spdx_id):
    if not spdx_id:
        return None
    return (
        Licence.objects.filter(spdx_id=spdx_id, locale__language_code=settings.LANGUAGE_CODE, live=True)
        .values_list("slug", flat=True)
        .first()
    )


def tool_fields(record, language, source, notes):
    """The fields of a tool page in ``language`` that this record fills (only those it has)."""
    fields = {"title": _name(record, language, source)[:TITLE_LENGTH]}
    summary = record.summaries.get(language) or ""
    if summary:
        fields["summary"] = " ".join(summary.split())[:SUMMARY_LENGTH]
    if record.descriptions.get(language):
        fields["description"] = _paragraph(record.descriptions[language])
    if record.website:
        fields["website"] = record.website
    if record.repository:
        fields["source_code_url"] = record.repository
    if record.licence:
        slug = _licence_slug(record.licence)
        if slug:
            fields["licence"] = slug
        else:
            notes.append(f"licence {record.licence} is not one of the site's licences: left out")
    if record.countries:
        fields["countries"] = sorted(set(record.countries))
    return fields


def organisation_fields(record, language, source, notes):
    fields = {"title": _name(record, language, source)[:TITLE_LENGTH]}
    if record.descriptions.get(language):
        fields["description"] = _paragraph(record.descriptions[language])
    if record.website:
        fields["website"] = record.website
    if record.country:
        fields["country"] = record.country
    return fields


def new_organisation_fields(record):
    """What an organisation page needs when the harvest creates it (the kind is required)."""
    kind = record.kind if record.kind in OrganisationKind.values else OrganisationKind.CIVIL_SOCIETY
    return {"kind": kind}


def slug_for(title, fallback):
    return slugify(title)[:50] or fallback


def is_organisation(record):
    return isinstance(record, HarvestedOrganisation)
