"""What search engines and link previews read: titles, descriptions, Open Graph, canonical and
hreflang links, sitemap.xml and robots.txt; and that none of it shows what visitors may not see."""

import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page, PageViewRestriction

from pages.tools import ToolPage

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def head(response):
    return response.content.decode().split("</head>")[0]


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


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
    tool = ToolPage.objects.get(slug="openfisca", locale__language_code="es")
    html = head(client.get(tool.url))
    assert re.search(r"<title>OpenFisca · OGP Toolbox</title>", html)
    assert meta(html, "name", "description") == tool.summary
    assert meta(html, "property", "og:title") == "OpenFisca"
    assert meta(html, "property", "og:description") == tool.summary
    assert meta(html, "property", "og:url") == "http://testserver/es/herramientas/openfisca/"
    assert meta(html, "property", "og:locale") == "es_ES"
    assert {"fr_FR", "en_GB"} <= set(re.findall(r'og:locale:alternate" content="([^"]+)"', html))
    assert meta(html, "property", "og:image").startswith("http://testserver/media/images/")
    assert '<link rel="canonical" href="http://testserver/es/herramientas/openfisca/">' in html
    assert '<meta name="robots"' not in html  # a public page may be indexed


def test_every_page_links_its_translations_with_hreflang_and_a_default(client):
    html = head(client.get("/en/tools/openfisca/"))
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert links == {
        "fr": "http://testserver/fr/outils/openfisca/",
        "en": "http://testserver/en/tools/openfisca/",
        "es": "http://testserver/es/herramientas/openfisca/",
        "x-default": "http://testserver/fr/outils/openfisca/",
    }


def test_search_comparison_and_history_pages_ask_not_to_be_indexed(client):
    tool = ToolPage.objects.get(slug="openfisca", locale__language_code="fr")
    for url in ("/fr/search/?q=budget", f"/fr/compare/?tool={tool.pk}", f"{tool.url}history/"):
        assert '<meta name="robots" content="noindex, follow">' in head(client.get(url)), url


def test_the_sitemap_lists_every_live_public_page_of_the_three_languages(client):
    urls = sitemap_urls(client)
    expected = {f"http://testserver{page.url}" for page in Page.objects.live().public().filter(depth__gte=2)}
    assert set(urls) == expected
    assert {url.split("/")[3] for url in urls} == {"fr", "en", "es"}
    openfisca = urls["http://testserver/fr/outils/openfisca/"]
    assert openfisca["es"] == "http://testserver/es/herramientas/openfisca/"
    assert openfisca["x-default"] == "http://testserver/fr/outils/openfisca/"


def test_drafts_and_private_pages_are_not_in_the_sitemap(client):
    draft = ToolPage.objects.get(slug="openfisca", locale__language_code="en")
    draft.unpublish()
    private = ToolPage.objects.get(slug="data-gouv-fr", locale__language_code="fr")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    urls = sitemap_urls(client)
    assert "http://testserver/en/tools/openfisca/" not in urls
    assert "http://testserver/fr/outils/data-gouv-fr/" not in urls
    # nor as a translation of the pages that remain
    alternates = {href for links in urls.values() for href in links.values()}
    assert "http://testserver/en/tools/openfisca/" not in alternates
    assert "http://testserver/fr/outils/data-gouv-fr/" not in alternates


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
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert "Algo ha salido mal" in body or "Algo salió mal" in body
