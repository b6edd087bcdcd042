from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from access import admin_urls, private
from core import errors
from opendata import views as opendata_views
from opendata.api import declared_urls
from pages import seo_views

from . import icon_views

urlpatterns = [
    # before Wagtail's own, at the same addresses: they name pages one may not read (access/admin_pages.py)
    path("admin/", include(admin_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("api/", opendata_views.api_index, name="api_index"),
    path("api/", declared_urls()),
    # before Wagtail's own, at the same address: shared passwords are throttled (access/private.py)
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        private.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", seo_views.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", seo_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path("favicon.ico", icon_views.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

if settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        # not documents: Wagtail serves them at /documents/…, after checking their privacy
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Every public page lives under its language: /fr/…, /en/…, /es/…; "/" redirects by the browser's
# Accept-Language (Django's LocaleMiddleware).
urlpatterns += i18n_patterns(
    path("site.webmanifest", icon_views.manifest, name="web_manifest"),
    path("", include("search.urls")),
    path("", include("pages.changes_urls")),
    path("", include("wiki.urls")),
    path("", include("community.urls")),
    path("", include("opendata.urls")),
    path("", include("pages.urls")),
    path("", include("atlas.urls")),
    path("", include("harvest.urls")),
    path("", include("vitality.urls")),
    path("", include("pages.term_urls")),  # the terms' pages: /fr/categories/<slug>/…
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        private.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = errors.bad_request
handler404 = errors.page_not_found
handler500 = errors.server_error
