"""What search engines and link previews read: titles, descriptions, Open Graph, canonical and
hreflang links, sitemap.xml and robots.txt; and that none of it shows what visitors may not see."""

import xml.etree.ElementTree as ET

import pytest
import wagtail_factories
from wagtail.models import Page, PageViewRestriction

from core.content import Texts
from pages.tools import ToolPage
from tests.factories import ToolPageFactory, published
from tests.helpers.html import attributes, meta, one, parse, select, text_of

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def head(response):
    return one(parse(response), "head")


def translated_tool():
    """A tool with a logo, in French, English and Spanish (the same slug in each)."""
    return published(
        ToolPage,
        {
            "title": "Calculix",
            "slug": "calculix",
            "summary": Texts("Un calculateur.", "A calculator.", "Una calculadora."),
            "logo": wagtail_factories.ImageFactory(),
        },
    )


def sitemap_urls(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {}
    for location in index.iter(f"{SITEMAP}loc"):
        path = location.text.split("testserver", 1)[1]
        document = ET.fromstring(client.get(path).content)
        for url in document.iter(f"{SITEMAP}url"):
            alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
            urls[url.find(f"{SITEMAP}loc").text] = alternates
    return urls


def test_a_tool_page_has_its_title_description_and_sharing_tags(client):
    tool = translated_tool()["es"]
    html = head(client.get(tool.url))
    assert text_of(one(html, "title")) == "Calculix · OGP Toolbox"
    assert meta(html, "description") == tool.summary == "Una calculadora."
    assert meta(html, "og:title") == "Calculix"
    assert meta(html, "og:description") == tool.summary
    assert meta(html, "og:url") == "http://testserver/es/herramientas/calculix/"
    assert meta(html, "og:locale") == "es_ES"
    assert {"fr_FR", "en_GB"} <= set(attributes(html, 'meta[property="og:locale:alternate"]', "content"))
    assert meta(html, "og:image").startswith("http://testserver/media/images/")
    assert attributes(html, 'link[rel="canonical"]', "href") == [
        "http://testserver/es/herramientas/calculix/"
    ]
    assert meta(html, "robots") is None  # a public page may be indexed


def test_every_page_links_its_translations_with_hreflang_and_a_default(client):
    translated_tool()
    html = head(client.get("/en/tools/calculix/"))
    links = {link["hreflang"]: link["href"] for link in select(html, 'link[rel="alternate"][hreflang]')}
    assert links == {
        "fr": "http://testserver/fr/outils/calculix/",
        "en": "http://testserver/en/tools/calculix/",
        "es": "http://testserver/es/herramientas/calculix/",
        "x-default": "http://testserver/fr/outils/calculix/",
    }


def test_search_comparison_and_history_pages_ask_not_to_be_indexed(client):
    tool = ToolPageFactory()
    for url in ("/fr/search/?q=budget", f"/fr/compare/?tool={tool.pk}", f"{tool.url}history/"):
        assert meta(head(client.get(url)), "robots") == "noindex, follow", url


def test_the_sitemap_lists_every_live_public_page_of_the_three_languages(client):
    translated_tool()
    urls = sitemap_urls(client)
    expected = {f"http://testserver{page.url}" for page in Page.objects.live().public().filter(depth__gte=2)}
    assert set(urls) == expected
    assert {url.split("/")[3] for url in urls} == {"fr", "en", "es"}
    calculix = urls["http://testserver/fr/outils/calculix/"]
    assert calculix["es"] == "http://testserver/es/herramientas/calculix/"
    assert calculix["x-default"] == "http://testserver/fr/outils/calculix/"


def test_drafts_and_private_pages_are_not_in_the_sitemap(client):
    draft = translated_tool()["en"]
    draft.unpublish()
    private = ToolPageFactory(title="Outil réservé", slug="outil-reserve")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    urls = sitemap_urls(client)
    assert "http://testserver/fr/outils/calculix/" in urls
    assert "http://testserver/en/tools/calculix/" not in urls
    assert "http://testserver/fr/outils/outil-reserve/" not in urls
    # nor as a translation of the pages that remain
    alternates = {href for links in urls.values() for href in links.values()}
    assert "http://testserver/en/tools/calculix/" not in alternates
    assert "http://testserver/fr/outils/outil-reserve/" not in alternates


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_the_500_page_is_in_the_visitors_language(client, settings):
    from django.urls import path

    from cms import urls as site_urls

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "BrokenURLs",
        (),
        {
            "urlpatterns": [path("es/roto/", broken), *site_urls.urlpatterns],
            "handler404": site_urls.handler404,
            "handler500": site_urls.handler500,
        },
    )
    client.raise_request_exception = False
    response = client.get("/es/roto/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 500
    document = parse(response)
    assert one(document, "html")["lang"] == "es"
    assert "Algo ha salido mal" in text_of(document) or "Algo salió mal" in text_of(document)
