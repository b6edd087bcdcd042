"""Admin screens for the taxonomy: one SnippetViewSet per term type, grouped under one menu.

SnippetViewSet is Wagtail's own successor to wagtail-modeladmin, which upstream keeps in
maintenance mode only.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.models import Locale
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup, UnpublishView

from . import models


class DefaultLanguageTerms:
    """Pages point at the terms of the default language (``models.in_default_locale``): the chooser
    offers those only, published ones, and needs no language filter."""

    i18n_enabled = False

    def get_object_list(self):
        # by locale id: the admin's search filters on indexed fields only (``Term.search_fields``)
        return self.model_class.objects.filter(locale=Locale.get_default(), live=True)


class TermChooseView(DefaultLanguageTerms, ChooseView):
    pass


class TermChooseResultsView(DefaultLanguageTerms, ChooseResultsView):
    pass


class TermChooserViewSet(SnippetChooserViewSet):
    choose_view_class = TermChooseView
    choose_results_view_class = TermChooseResultsView


class TermUnpublishView(UnpublishView):
    """A published term is not taken back to a draft: the pages naming it show it in their fields and
    rows (criteria, scores) and in their history; to retract a term, delete it. Drafts only come from
    imports, and are published with the first entry a moderator approves that names them."""

    def user_has_permission(self, permission):
        return False


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale", LiveStatusTagColumn()]
    list_filter = ["locale", "live"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    add_to_admin_menu = False
    chooser_viewset_class = TermChooserViewSet
    unpublish_view_class = TermUnpublishView


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
    list_display = ["name", "spdx_id", "is_open_source", "locale", LiveStatusTagColumn()]
    list_filter = ["locale", "live", "is_open_source"]
    search_fields = ["name", "slug", "spdx_id"]


class TechnicalCriterionViewSet(TermViewSet):
    model = models.TechnicalCriterion
    icon = "cogs"
    list_display = ["name", "position", "locale", LiveStatusTagColumn()]
    ordering = ["position", "name"]


class HackathonCriterionViewSet(TermViewSet):
    model = models.HackathonCriterion
    icon = "pick"
    list_display = ["name", "position", "locale", LiveStatusTagColumn()]
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
