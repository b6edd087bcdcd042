"""What each translator has to translate: the "To translate" queue.

For each of a translator's languages, the live public pages of the other languages that have no
version in it yet ("Translate": wagtail-localize creates the translation, the translator fills it in
its editor) or whose version there is behind its source ("Update": the source is re-synced, the
translator updates the changed text). One row per translation group and target language; drafts,
unpublished and private pages are never listed. The dashboard panel and the admin report both read
``queue_for``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from pages.relations import visible

from .admin_views import languages_for
from .translation_status import outdated_translations

TRANSLATE = "translate"
UPDATE = "update"
ACTION_LABELS = {TRANSLATE: _("Translate"), UPDATE: _("Update")}


@dataclass
class QueueItem:
    """One page to translate (or update) into one language.

    ``source`` is the live public page to translate from, ``translation`` the existing version in
    ``language_code`` (None when the action is "translate").
    """

    source: Page
    language_code: str
    action: str  # TRANSLATE or UPDATE
    translation: Page | None = None

    @property
    def source_changed_on(self) -> datetime:
        return self.source.last_published_at

    @property
    def source_language(self) -> str:
        return self.source.locale.language_code

    @property
    def source_language_name(self) -> str:
        return dict(settings.LANGUAGES)[self.source_language]

    @property
    def language_name(self) -> str:
        return dict(settings.LANGUAGES)[self.language_code]

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])

    @property
    def action_url(self) -> str:
        """Where the action's form posts (it ends in the translation editor)."""
        return reverse("translation_queue_action", args=[self.source.pk, self.language_code])


def untranslated(language_code):
    """Live public pages of other languages with no version at all in ``language_code`` (one query).

    A translation group often has live versions in two other languages: the row shows the one
    wagtail-localize translated from (the original), else the one in the site's default language,
    else the oldest.
    """
    locale = Locale.objects.get(language_code=language_code)
    in_language = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=locale)
    original = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    )
    candidates = (
        visible(Page.objects.filter(depth__gt=2).exclude(locale=locale))
        .exclude(Exists(in_language))
        .annotate(is_original=Exists(original))
        .select_related("locale")
        .order_by("pk")
    )
    chosen = {}
    for page in candidates:
        rank = (not page.is_original, page.locale.language_code != settings.LANGUAGE_CODE)
        best = chosen.get(page.translation_key)
        if best is None or rank < best[0]:
            chosen[page.translation_key] = (rank, page)
    return [page for _rank, page in chosen.values()]


def queue_for(user, language_code=None):
    """The pages ``user`` has to translate, as a list of ``QueueItem``, oldest source change first.

    For each of the user's languages (``languages_for``), or only ``language_code`` if it is one of
    them. A bounded number of queries per language (four), whatever the number of pages.
    """
    codes = languages_for(user)
    if language_code is not None:
        codes = [code for code in codes if code == language_code]
    items = []
    for code in codes:
        items += [QueueItem(page, code, TRANSLATE) for page in untranslated(code)]
        items += [
            QueueItem(outdated.source, code, UPDATE, outdated.translation)
            for outdated in outdated_translations(code)
        ]
    items.sort(key=lambda item: (item.source_changed_on, item.source.pk, item.language_code))
    return items
