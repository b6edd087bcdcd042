from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.menu import MenuItem

from . import roles
from .dashboard import MyWorkPanel, ToReviewPanel
from .review_views import review_list_view, review_view


def is_moderator(user):
    return user.is_superuser or user.groups.filter(name=roles.MODERATORS).exists()


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("review/", review_list_view, name="review_list"),
        path("review/<int:task_state_id>/", review_view, name="review"),
    ]


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(_("Changes to review"), reverse("review_list"), icon_name="tasks", order=150)


# Wagtail's own panels for these link to its modal actions; ours open the review screen, and say why a
# change was sent back
REPLACED_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


@hooks.register("construct_homepage_panels")
def role_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    panels.append(MyWorkPanel())
    if is_moderator(request.user):
        panels.append(ToReviewPanel(request.user))


@hooks.register("construct_page_action_menu")
def one_approve_action(menu_items, request, context):
    """Wagtail offers moderators "Approve" and "Approve with comment" side by side; keep one "Approve"
    whose dialog takes an optional comment, beside "Request changes"."""
    approvals = [item for item in menu_items if isinstance(item, WorkflowMenuItem) and item.name == "approve"]
    with_dialog = [item for item in approvals if item.launch_modal]
    if not with_dialog:
        return
    for item in approvals:
        if not item.launch_modal:
            menu_items.remove(item)
    with_dialog[0].label = _("Approve (comment optional)")
