from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import rules
from .models import Endorsement, Membership
from .moderation_views import count_waiting, history_view, moderation_view


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("community.argue", _("Argument written"), _("Argument written"))
    actions.register_action("community.withdraw", _("Withdrawn by its author"), _("Withdrawn by its author"))
    actions.register_action("community.report", _("Reported"), _("Reported to the moderators"))
    actions.register_action("community.hide", _("Hidden"), _("Hidden by a moderator"))
    actions.register_action("community.restore", _("Shown again"), _("Shown again by a moderator"))
    actions.register_action("community.keep", _("Kept"), _("Kept by a moderator; reports closed"))
    actions.register_action("community.publish", _("Published"), _("Published by a moderator"))


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("community/", moderation_view, name="community_moderation"),
        path("community/<slug:kind>/<int:pk>/history/", history_view, name="community_history"),
    ]


class CommunityMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.is_moderator(request.user)

    def get_context(self, request):
        context = super().get_context(request)
        waiting = count_waiting(request.user)
        if waiting:
            context["label"] = f"{self.label} ({waiting})"
        return context


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return CommunityMenuItem(_("Community"), reverse("community_moderation"), icon_name="group", order=160)


class EndorsementViewSet(SnippetViewSet):
    """Wagtail's own screens for endorsements: their workflow, revisions and history."""

    model = Endorsement
    icon = "pick"
    menu_label = _("Endorsements")
    add_to_admin_menu = False
    list_display = ["__str__", "live", "created_at", "withdrawn_at", "hidden_at"]
    list_filter = ["live"]


register_snippet(EndorsementViewSet)


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Organisation members")
    add_to_settings_menu = True
    form_fields = ["user", "organisation"]
    list_display = ["user", "organisation", "created_at"]
    search_fields = ["user__email", "user__username", "organisation__title"]


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return MembershipViewSet("organisation_members")
