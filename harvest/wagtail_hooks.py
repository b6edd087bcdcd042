"""The "Sources" screen of the admin: moderators add, change and switch off the harvested sources."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Source, with_last_run
from .views import harvest_decisions, source_runs


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("harvest/sources/<int:pk>/runs/", source_runs, name="harvest_source_runs"),
        path("harvest/decisions/", harvest_decisions, name="harvest_decisions"),
    ]


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("harvest.change_source")


@hooks.register("register_admin_menu_item")
def decisions_menu_item():
    return ModeratorsMenuItem(
        _("Harvest decisions"), reverse("harvest_decisions"), icon_name="tasks", order=171
    )


@hooks.register("register_snippet_listing_buttons")
def runs_button(snippet, user, next_url=None):
    if isinstance(snippet, Source) and user.has_perm("harvest.change_source"):
        yield ListingButton(_("Harvests"), reverse("harvest_source_runs", args=[snippet.pk]), priority=15)


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "download"
    menu_label = _("Sources")
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["name", "kind", "enabled", "trust", "last_run_summary"]
    list_filter = ["kind", "enabled"]

    def get_queryset(self, request):
        return with_last_run(Source.objects.all())

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("address"),
        FieldPanel("language"),
        FieldPanel("data_licence"),
        FieldPanel("attribution"),
        FieldPanel("schedule"),
        FieldPanel("trust"),
        FieldPanel("enabled"),
    ]


register_snippet(SourceViewSet)
