"""Creating wagtail-localize translations from code, exactly as a translator would.

A translator exports a page's strings as a PO file, fills it and imports it back; wagtail-localize
then builds the translated page. ``translate`` does the same with the strings of an unsaved instance
written in the target language, so that loaded content is managed by wagtail-localize (it can be
re-synced, its PO file exported, its strings edited in the translation editor) and not a detached
copy.
"""

import re

from django.conf import settings
from django.db import transaction
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class StructureMismatch(ValueError):
    """The translated instance does not have the same translatable strings as the source."""


def shape(path):
    # Child objects and stream blocks carry random ids (none yet on unsaved blocks); what must
    # match is the field and block names along the path.
    return ".".join(part for part in path.split(".") if not UUID.fullmatch(part))


def strings_of(instance):
    return [segment for segment in extract_segments(instance) if isinstance(segment, StringSegmentValue)]


@transaction.atomic
def translate(source, locale, translated, user=None, publish=True):
    """Create or update the translation of ``source`` into ``locale`` and save it.

    ``translated`` is an unsaved instance of the same model holding the target-language text, with
    the same structure as ``source`` (same rich-text paragraphs, stream blocks and child rows).
    Returns the translated object.
    """
    translation_source, _ = TranslationSource.update_or_create_from_instance(source)
    translation, _ = Translation.objects.get_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    entries = [entry for entry in po if not entry.obsolete]
    targets = strings_of(translated)
    if len(entries) != len(targets):
        raise StructureMismatch(
            f"{source!r} has {len(entries)} strings to translate but the {locale} version has {len(targets)}"
        )
    for entry, target in zip(entries, targets, strict=True):
        if shape(entry.msgctxt) != shape(target.path):
            raise StructureMismatch(f"{source!r}: {entry.msgctxt} does not match {target.path}")
        entry.msgstr = target.string.data
    translation.import_po(po, user=user)
    drafts_allowed = isinstance(source, DraftStateMixin)
    # wagtail-localize publishes in a transaction.on_commit callback holding the page as it was in
    # memory, which writes a stale tree child count back over the parent (wagtail-localize issues
    # 773 and 793) and never runs inside a test transaction. Save a draft, publish it ourselves.
    translation.save_target(user=user, publish=not drafts_allowed)
    target = translation.get_target_instance()
    if publish and drafts_allowed:
        target.get_latest_revision().publish(user=user, skip_permission_checks=True)
        target.refresh_from_db()
    return target


def save_translation_draft(source, locale, user=None):
    """Save the translation of ``source`` into ``locale`` as a new draft revision only.

    wagtail-localize's own draft save writes the translation into the page's row (and its child
    rows) as well, so visitors of a live page would read an unapproved translation. Here the
    translated page is built in memory, as wagtail-localize's preview does, and only kept as a
    revision. Returns the (unsaved) translated page.
    """
    draft = source.get_ephemeral_translated_instance(locale, fallback=True)
    draft.save_revision(user=user, log_action=True)
    return draft


def ensure_locales():
    """The content languages, in settings order; French (the default) first."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }
