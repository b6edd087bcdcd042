"""sitemap.xml and robots.txt, at the root of the site (outside the language prefixes)."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from core.parameters import reads
from core.site_address import absolute

from .sitemap import CatalogueSitemap

# Not cached: a page unpublished a minute ago must leave the sitemap at once.


@reads()
@require_safe
@sitemap_views.x_robots_tag
def sitemap_index(request):
    """Django's sitemap index, but at the public address (Django's view uses the request's Host)."""
    sitemap = CatalogueSitemap(request)
    url = absolute(reverse("sitemap_section", kwargs={"section": "pages"}))
    lastmod = sitemap.get_latest_lastmod()
    files = [url] + [f"{url}?p={number}" for number in range(2, sitemap.paginator.num_pages + 1)]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": [sitemap_views.SitemapIndexItem(file, lastmod) for file in files]},
        content_type="application/xml",
        headers={"Last-Modified": http_date(lastmod.timestamp())} if lastmod else None,
    )


@reads("p")  # Django's sitemap view: the page of the sitemap
@require_safe
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, {"pages": CatalogueSitemap(request)}, section=section)


@reads()
@require_safe
def robots_txt(request):
    """Crawlers may read the catalogue, not the admin, the per-page history or search results."""
    sitemap = absolute(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        "Disallow: /*/compare/",
        "Disallow: /*/history/",
        "Allow: /",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
