from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

from core import site_address
from history.page_history import page_history
from pages.navigation import header
from pages.per_publish import once_per_publish

register = template.Library()


@register.simple_tag(takes_context=True)
def page_header(context, page=None):
    """Menu, breadcrumbs and language versions for the current page (see pages.navigation)."""
    return header(context["request"], page or None)


@register.filter
def language_name(code):
    """A language code as the language's name in the visitor's language ("es" → "espagnol")."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.simple_tag(takes_context=True)
def page_history_summary(context, page):
    """The "last changed" line of a page: its latest published version and its contributors.

    Only a publish changes it, so it is read once per publish (one query then), without the
    revisions themselves."""

    def build():
        history = page_history(page)
        latest = history.latest
        return {
            "latest": latest and {"published_at": latest.published_at, "author": latest.author},
            "contributors": history.contributors,
        }

    return once_per_publish("history-summary", context.get("request"), page, build)


# languages whose names take a capital inside a sentence ("in French", but "en français", "en francés")
CAPITALISED_LANGUAGE_NAMES = {"en", "de"}


@register.filter
def language_name_in_text(code):
    """A language's name as written inside a sentence of the current language."""
    name = language_name(code)
    return name if (get_language() or "")[:2] in CAPITALISED_LANGUAGE_NAMES else name.lower()


# Open Graph wants a territory; these are the usual readers' ones for each site language.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES"}


@register.filter
def og_locale(code):
    return OG_LOCALES.get(code, code)


@register.filter
def absolute(path):
    """A path of the site as an absolute address, at its public address (SITE_URL)."""
    return site_address.absolute(path)


@register.simple_tag
def default_language():
    return settings.LANGUAGE_CODE
