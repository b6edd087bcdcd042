"""The admin dashboard tells each person what to do next: their own work, and what waits for them."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from . import review

LIMIT = 10
SENT_BACK_DAYS = 30

STATUS_LABELS = {
    "draft": _("draft, not sent for moderation"),
    "waiting": _("waiting for moderation"),
    "sent_back": _("changes asked by a moderator"),
}


@dataclass
class Work:
    page: Page
    status: str  # a key of STATUS_LABELS
    comment: str = ""  # the moderator's, when sent back

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def my_work(user, limit=LIMIT):
    """Pages whose latest, unpublished revision is ``user``'s: drafts, submissions, and those sent back
    with the moderator's reason (three queries)."""
    pages = list(
        Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
        .select_related("locale")
        .order_by("-latest_revision_created_at", "-pk")[:limit]
    )
    states = {
        int(state.object_id): state
        for state in WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page.pk) for page in pages],
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        )
    }
    reasons = dict(
        TaskState.objects.filter(
            workflow_state__in=[s for s in states.values() if s.status == WorkflowState.STATUS_NEEDS_CHANGES],
            status=TaskState.STATUS_REJECTED,
        )
        .order_by("finished_at")
        .values_list("workflow_state_id", "comment")
    )
    work = []
    for page in pages:
        state = states.get(page.pk)
        if state is None:
            work.append(Work(page, "draft"))
        elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            work.append(Work(page, "sent_back", reasons.get(state.pk, "")))
        else:
            work.append(Work(page, "waiting"))
    return work


def recently_sent_back(user, days=SENT_BACK_DAYS, limit=LIMIT):
    """``user``'s submissions a moderator sent back lately, newest first, with the reason."""
    since = timezone.now() - timedelta(days=days)
    return list(
        TaskState.objects.filter(
            status=TaskState.STATUS_REJECTED,
            revision__user=user,
            finished_at__gte=since,
            # pages only: a sent-back endorsement is told on the site, and its id is no page's
            revision__base_content_type=ContentType.objects.get_for_model(Page),
        )
        .select_related("finished_by", "revision")
        .order_by("-finished_at")[:limit]
    )


class MyWorkPanel(Component):
    name = "toolbox_my_work"
    template_name = "moderation/admin/panels/my_work.html"
    order = 90  # first: one's own unfinished work

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        return {"work": my_work(user), "sent_back": recently_sent_back(user)}


class ToReviewPanel(Component):
    name = "toolbox_to_review"
    template_name = "moderation/admin/panels/to_review.html"
    order = 80

    def __init__(self, user):
        self.states = review.reviewable(user)

    def get_context_data(self, parent_context):
        states = self.states
        return {"submissions": review.submissions(states[:LIMIT]), "count": states.count()}
