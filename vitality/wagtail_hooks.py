"""The checks' screens in the admin: "Needs attention" and "Broken links" (editors and moderators)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import admin_views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("vitality/attention/", admin_views.attention, name="vitality_attention"),
        path("vitality/links/", admin_views.links, name="vitality_links"),
    ]


class CheckersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("vitality.view_attention")


@hooks.register("register_admin_menu_item")
def attention_menu_item():
    return CheckersMenuItem(
        _("Needs attention"), reverse("vitality_attention"), icon_name="warning", order=172
    )


@hooks.register("register_admin_menu_item")
def links_menu_item():
    return CheckersMenuItem(_("Broken links"), reverse("vitality_links"), icon_name="link", order=173)


@hooks.register("register_page_header_buttons")
def links_button(page, user, view_name, next_url=None):
    """ "Checked links" in a page's header menu: the per-page report (for those who see the reports)."""
    if page.live and user.has_perm("vitality.view_attention"):
        yield Button(
            _("Checked links"), f"{reverse('vitality_links')}?page={page.pk}", icon_name="link", priority=66
        )
