"""Admin screens for the taxonomy: one SnippetViewSet per term type, grouped under one menu.

SnippetViewSet is Wagtail's own successor to wagtail-modeladmin, which upstream keeps in
maintenance mode only.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import models


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["name"]
    add_to_admin_menu = False


class CategoryViewSet(TermViewSet):
    model = models.Category
    icon = "folder-open-inverse"


class TopicViewSet(TermViewSet):
    model = models.Topic
    icon = "tag"


class AudienceViewSet(TermViewSet):
    model = models.Audience
    icon = "group"


class LicenceViewSet(TermViewSet):
    model = models.Licence
    icon = "doc-full"
    list_display = ["name", "spdx_id", "is_open_source", "locale"]
    list_filter = ["locale", "is_open_source"]


class TechnicalCriterionViewSet(TermViewSet):
    model = models.TechnicalCriterion
    icon = "cogs"
    list_display = ["name", "position", "locale"]
    ordering = ["position", "name"]


class HackathonCriterionViewSet(TermViewSet):
    model = models.HackathonCriterion
    icon = "pick"
    list_display = ["name", "position", "locale"]
    ordering = ["position", "name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        CategoryViewSet,
        TopicViewSet,
        AudienceViewSet,
        LicenceViewSet,
        TechnicalCriterionViewSet,
        HackathonCriterionViewSet,
    )
