"""sitemap.xml and robots.txt, at the root of the site (outside the language prefixes)."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .sitemap import CatalogueSitemap

# Not cached: a page unpublished a minute ago must leave the sitemap at once.


@require_safe
def sitemap_index(request):
    return sitemap_views.index(
        request, {"pages": CatalogueSitemap(request)}, sitemap_url_name="sitemap_section"
    )


@require_safe
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, {"pages": CatalogueSitemap(request)}, section=section)


@require_safe
def robots_txt(request):
    """Crawlers may read the catalogue, not the admin, the per-page history or search results."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
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
