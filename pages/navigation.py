"""The parts of every page that depend on where the visitor is: section menu, breadcrumbs, languages.

Built once per publish (pages/per_publish.py) for each host, page and language, and kept on the
request, so the header, the ``hreflang`` links and the language switcher cost no query once built.
Only the visitor's own missing language (from their browser) is worked out per request.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from .home import HomePage
from .per_publish import once_per_publish
from .relations import visible

HOME_DEPTH = 2


def language_versions(request, page=None):
    """One entry per site language: the page's live translation if any, else that language's home."""
    homes = {home.locale.language_code: home for home in visible(HomePage.objects.select_related("locale"))}
    translations = {}
    if page is not None and page.id:
        translations = {
            version.locale.language_code: version
            for version in visible(
                Page.objects.filter(translation_key=page.translation_key).select_related("locale")
            )
        }
    current = page.locale.language_code if page is not None and page.id else translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        versions.append(
            {
                "code": code,
                "name": name,
                "url": target.get_url(request),
                "is_translation": code in translations,
                "is_current": code == current,
            }
        )
    return versions, homes, translations


def _missing_language(request, page, translations):
    """The visitor's own language (from their browser) when this page has no version in it."""
    if page is None or not page.id:
        return None
    if not (request.META.get("HTTP_ACCEPT_LANGUAGE") or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
        return None  # the browser said nothing: no language to be missing
    preferred = translation.get_language_from_request(request, check_path=False)
    if preferred == page.locale.language_code or preferred in translations:
        return None
    if preferred not in dict(settings.LANGUAGES):
        return None
    return preferred


class _NoPage:
    """Stands for "no page" (search, comparison): the header of the active language."""

    pk = "-"
    live = True


_NO_PAGE = _NoPage()


def _build_header(request, page):
    languages, homes, translations = language_versions(request, page)
    if page is not None and page.id and page.depth >= HOME_DEPTH:
        home = homes.get(page.locale.language_code)
        ancestors = list(
            visible(Page.objects.ancestor_of(page).filter(depth__gte=HOME_DEPTH)).order_by("depth")
        )
    else:
        home = homes.get(translation.get_language()) or homes.get(settings.LANGUAGE_CODE)
        ancestors = []
    sections = list(visible(home.sections())) if home else []
    data = {
        "home": home,
        "sections": sections,
        "breadcrumbs": ancestors,
        "languages": languages,
        "alternates": [version for version in languages if version["is_translation"]],
        # the page's live public versions by language code (for the out-of-date notice)
        "translations": translations,
    }
    return data


def header(request, page=None):
    """Header data for ``page`` (or for a non-page view when ``page`` is None), cached on the request."""
    cache_key = ("toolbox_header", getattr(page, "id", None))
    cached = getattr(request, "_toolbox_header", None)
    if cached and cached[0] == cache_key:
        return cached[1]

    data = once_per_publish("header", request, page or _NO_PAGE, lambda: _build_header(request, page))
    data["missing_language"] = _missing_language(request, page, data["translations"])
    request._toolbox_header = (cache_key, data)
    return data


def link_view_languages(request, url_name):
    """For a view that is not a page (search, comparison): each language links to the same request."""
    data = header(request)
    query = request.GET.urlencode()
    for version in data["languages"]:
        with translation.override(version["code"]):
            url = reverse(url_name)
        version["url"] = f"{url}?{query}" if query else url
        version["is_translation"] = True
    data["alternates"] = data["languages"]
    return data
