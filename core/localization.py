"""Showing translatable things in the visitor's language, in a bounded number of queries.

Pages and terms point at each other's *translation group* (``translation_key``): a French tool and
its Spanish translation link to the same organisations. These helpers turn such references into the
objects to display in one locale, one query per model rather than one per object.
"""

from django.conf import settings
from django.utils import translation


def active_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def preference(language_code, wanted_language_code):
    """Sort key: the wanted language first, then the default language, then any other."""
    if language_code == wanted_language_code:
        return 0
    if language_code == settings.LANGUAGE_CODE:
        return 1
    return 2


def best_per_key(objects, language_code):
    """From objects of several locales (with ``locale`` loaded), keep one per translation key."""
    chosen = {}
    for obj in objects:
        current = chosen.get(obj.translation_key)
        if current is None or preference(obj.locale.language_code, language_code) < preference(
            current.locale.language_code, language_code
        ):
            chosen[obj.translation_key] = obj
    for obj in chosen.values():
        # lets a template label entries shown in another language than the one asked for
        obj.other_language = obj.locale.language_code if obj.locale.language_code != language_code else None
    return chosen


def localize_terms(terms, locale):
    """Replace each taxonomy term by its translation in ``locale`` when one exists (one query)."""
    terms = list(terms)
    if not terms:
        return []
    model = type(terms[0])
    missing = {t.translation_key for t in terms if t.locale_id != locale.id}
    translations = {}
    if missing:
        translations = {
            t.translation_key: t for t in model.objects.filter(translation_key__in=missing, locale=locale)
        }
    return [translations.get(t.translation_key, t) if t.locale_id != locale.id else t for t in terms]
