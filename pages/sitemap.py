"""sitemap.xml: every live public page of the three locale trees, each with its translations.

Django's sitemap framework does the XML and the split into files of ``limit`` URLs (a sitemap
index points at them); this class only says which pages, where, and their language versions.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.site_address import public_address

from .navigation import HOME_DEPTH
from .relations import visible

URL_FIELDS = ("id", "path", "depth", "url_path", "translation_key", "last_published_at", "locale")


class CatalogueSitemap(Sitemap):
    limit = 10000

    def __init__(self, request):
        self.request = request

    # The public address, not the request's Host: Django's views pass the one the request came by.
    @property
    def protocol(self):
        return urlsplit(public_address()).scheme

    def get_domain(self, site=None):
        return urlsplit(public_address()).netloc

    def items(self):
        pages = visible(Page.objects.filter(depth__gte=HOME_DEPTH))
        return pages.select_related("locale").only(*URL_FIELDS, "locale__language_code").order_by("path")

    def location(self, page):
        parts = page.get_url_parts(self.request)
        return parts[2] if parts else ""

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = [url for url in super().get_urls(page, site, protocol) if url["item"].url_path]
        add_alternates(urls, self.request, self.protocol, self.get_domain())
        return urls


def add_alternates(urls, request, protocol, domain):
    """Give each URL the addresses of its page's live public translations (one query per file)."""
    keys = {url["item"].translation_key for url in urls}
    versions = {}
    translations = visible(Page.objects.filter(translation_key__in=keys)).select_related("locale")
    for version in translations.only(*URL_FIELDS, "locale__language_code"):
        parts = version.get_url_parts(request)
        if parts:
            versions.setdefault(version.translation_key, {})[version.locale.language_code] = parts[2]
    order = [code for code, _name in settings.LANGUAGES]
    for url in urls:
        by_language = versions.get(url["item"].translation_key, {})
        if len(by_language) < 2:
            continue
        url["alternates"] = [
            {"lang_code": code, "location": f"{protocol}://{domain}{by_language[code]}"}
            for code in order
            if code in by_language
        ]
        if settings.LANGUAGE_CODE in by_language:
            url["alternates"].append(
                {
                    "lang_code": "x-default",
                    "location": f"{protocol}://{domain}{by_language[settings.LANGUAGE_CODE]}",
                }
            )
