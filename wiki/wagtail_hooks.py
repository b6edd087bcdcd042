from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import outdated_translations_view


@hooks.register("register_admin_urls")
def register_outdated_translations_url():
    return [path("reports/outdated-translations/", outdated_translations_view, name="outdated_translations")]


@hooks.register("register_reports_menu_item")
def register_outdated_translations_menu_item():
    return MenuItem(
        _("Out-of-date translations"), reverse("outdated_translations"), icon_name="doc-empty", order=900
    )
