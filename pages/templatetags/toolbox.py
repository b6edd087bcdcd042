from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

from cms import site_address
from history.page_history import page_history
from pages.navigation import header

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


@register.simple_tag
def page_history_summary(page):
    """Published versions and contributors of a page, for its "last changed" line (one query)."""
    return page_history(page)


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
