"""Admin addresses whose views ``access/admin_pages.py`` replaces: included before Wagtail's admin
(cms/urls.py), with the decorators Wagtail gives its own admin views. Unnamed: Wagtail's names still
reverse to these addresses (checked against Wagtail 8.0.1; tests/localisation/test_translator_access.py
reaches each of them by Wagtail's names, and fails if one moves)."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .admin_pages import BrowseView, ChosenMultipleView, PageTypesUsageReportView

urlpatterns = [
    path("choose-page/<int:parent_page_id>/", BrowseView.as_view()),
    path("choose-page/chosen-multiple/", ChosenMultipleView.as_view()),
    path("reports/page-types-usage/", PageTypesUsageReportView.as_view()),
    path("reports/page-types-usage/results/", PageTypesUsageReportView.as_view(results_only=True)),
]
for decorator in (require_admin_access, display_custom_404, never_cache):
    urlpatterns = decorate_urlpatterns(urlpatterns, decorator)
