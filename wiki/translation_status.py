"""Which translations are behind their source page.

wagtail-localize records, for each translated page, the source it was translated from (any locale
can be the source). A translation is *out of date* when its source page was published after the
translation last was: the source changed and nobody has re-synced and republished the translation.
Re-syncing with wagtail-localize and publishing the translation clears it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from wagtail.models import Page
from wagtail_localize.models import Translation

from pages.relations import visible


@dataclass
class Outdated:
    translation: Page
    source: Page

    @property
    def source_changed_on(self) -> datetime:
        return self.source.last_published_at

    @property
    def source_language(self):
        return self.source.locale.language_code

    @property
    def translation_published_on(self) -> datetime:
        return self.translation.last_published_at

    @property
    def language_name(self):
        return dict(settings.LANGUAGES)[self.translation.locale.language_code]

    @property
    def original(self):  # as the report shows it
        return f"{self.source.title} ({self.source_language})"


def source_language(page):
    """The language ``page`` was translated from, or None if it is an original (one query)."""
    return (
        Translation.objects.filter(source__object_id=page.translation_key, target_locale_id=page.locale_id)
        .values_list("source__locale__language_code", flat=True)
        .first()
    )


def is_behind(translation, source):
    return bool(
        source is not None
        and source.pk != translation.pk
        and source.last_published_at
        and translation.last_published_at
        and source.last_published_at > translation.last_published_at
    )


def outdated_notice(page, versions):
    """``Outdated`` if ``page`` is a translation behind its source, else None.

    ``versions`` are the page's live public versions by language code (the language switcher has
    them already), so this costs one query.
    """
    code = source_language(page)
    if not code or code == page.locale.language_code:
        return None
    source = versions.get(code)
    return Outdated(page, source) if is_behind(page, source) else None


def outdated_translations(language_code):
    """Every translation in a language that is behind its source, oldest first (three queries)."""
    translations = list(
        Page.objects.filter(locale__language_code=language_code, live=True)
        .filter(
            translation_key__in=Translation.objects.filter(target_locale__language_code=language_code).values(
                "source__object_id"
            )
        )
        .select_related("locale")
    )
    sources = dict(
        Translation.objects.filter(
            target_locale__language_code=language_code,
            source__object_id__in=[page.translation_key for page in translations],
        ).values_list("source__object_id", "source__locale_id")
    )
    source_pages = {
        (page.translation_key, page.locale_id): page
        for page in visible(Page.objects.filter(translation_key__in=list(sources)).select_related("locale"))
    }
    outdated = []
    for page in translations:
        source = source_pages.get((page.translation_key, sources.get(page.translation_key)))
        if is_behind(page, source):
            outdated.append(Outdated(page, source))
    outdated.sort(key=lambda item: item.source_changed_on)
    return outdated
