"""The "Sources" screen of the admin: moderators add, change and switch off the harvested sources."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Source


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "download"
    menu_label = _("Sources")
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["name", "kind", "enabled", "trust", "last_run_summary"]
    list_filter = ["kind", "enabled"]
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
