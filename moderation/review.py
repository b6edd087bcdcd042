"""What a moderator needs to decide on a submission, gathered in one place.

A submission is a page revision waiting in a moderation task (Wagtail's ``TaskState``). The review
shows what it changes against the live version (or, for a page never published, everything it
holds), the editor's own summaries of the change, and who the author is: how long they have had an
account and how many of their changes went live or were sent back. A moderator decides there, with
Wagtail's own task actions (``Task.on_action``), so the workflow, its log and its e-mails are
Wagtail's.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from wagtail.models import Page, PageLogEntry, Revision, TaskState

from history.page_history import FieldDiff, compare_objects, display_name
from history.summaries import summaries_between
from pages import registry

from .roles import IMPORT_USERNAME


@dataclass
class Author:
    name: str
    joined: datetime | None
    published: int  # their revisions that went live
    sent_back: int  # their revisions a moderator rejected
    is_import: bool = False

    @property
    def is_new(self):
        """A contributor none of whose changes has gone live yet."""
        return self.published == 0 and not self.is_import


@dataclass
class Submission:
    task_state: TaskState
    page: Page
    revision: Revision
    submitted_at: datetime
    author: Author
    live_revision_id: int | None
    summaries: list[str] = field(default_factory=list)
    diffs: list[FieldDiff] = field(default_factory=list)

    @property
    def is_new_page(self):
        return self.live_revision_id is None

    @property
    def type_label(self):
        page_type = registry.type_of(self.page)
        return page_type.label if page_type else self.page.specific_class._meta.verbose_name


def reviewable(user, model=Page):
    """The moderation tasks on ``model``'s objects (pages, or endorsements) ``user`` may decide on,
    oldest submission first. A page and an endorsement may share an id: the type keeps them apart."""
    base = ContentType.objects.get_for_model(model)
    return (
        TaskState.objects.reviewable_by(user)
        .filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__base_content_type=base)
        .select_related("revision__user", "workflow_state__requested_by", "task")
        .order_by("started_at", "pk")
    )


def authors(users):
    """``{user id: Author}`` for the authors of submissions (two queries whatever their number)."""
    users = {user.pk: user for user in users if user is not None}
    published = dict(
        PageLogEntry.objects.filter(action="wagtail.publish", revision__user_id__in=users)
        .values("revision__user_id")
        .annotate(n=Count("revision_id", distinct=True))
        .values_list("revision__user_id", "n")
    )
    sent_back = dict(
        Revision.page_revisions.filter(user_id__in=users)
        .annotate(rejected=Count("task_states", filter=Q(task_states__status=TaskState.STATUS_REJECTED)))
        .filter(rejected__gt=0)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    return {
        pk: Author(
            name=display_name(user),
            joined=user.date_joined,
            published=published.get(pk, 0),
            sent_back=sent_back.get(pk, 0),
            is_import=user.get_username() == IMPORT_USERNAME,
        )
        for pk, user in users.items()
    }


def submissions(task_states, with_diffs=False):
    """``Submission`` for each task state (a bounded number of queries, plus the diffs if asked)."""
    task_states = list(task_states)
    ids = {int(state.revision.object_id) for state in task_states}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).select_related("locale").specific()}
    people = authors(state.revision.user for state in task_states)
    found = []
    for state in task_states:
        page = pages.get(int(state.revision.object_id))
        if page is None:  # a page deleted while it waited
            continue
        user = state.revision.user
        found.append(
            Submission(
                task_state=state,
                page=page,
                revision=state.revision,
                submitted_at=state.started_at,
                author=people.get(user.pk) if user else Author(display_name(None), None, 0, 0, True),
                live_revision_id=page.live_revision_id if page.live else None,
            )
        )
    summaries = summaries_between((s.page.pk, s.live_revision_id, s.revision.pk) for s in found)
    for submission in found:
        submission.summaries = summaries.get((submission.page.pk, submission.revision.pk), [])
    if with_diffs:
        live = Revision.objects.in_bulk([s.live_revision_id for s in found if s.live_revision_id])
        for submission in found:
            submission.diffs = diff(submission, live.get(submission.live_revision_id))
    return found


def diff(submission, live_revision=None):
    """What the submitted revision changes in the live version, or all it holds for a new page."""
    page = submission.page
    live = live_revision.as_object() if live_revision is not None else type(page)(locale_id=page.locale_id)
    return compare_objects(page, live, submission.revision.as_object())


def decide(task_state, user, action, comment=""):
    """Approve or reject ``task_state`` as ``user`` through the task's own action (its log, its e-mails).

    Refused (``PermissionError``) when the task is no longer waiting or ``user`` may not act on it.
    """
    task_state = TaskState.objects.select_related("task").get(pk=task_state.pk)
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionError("decided")
    task = task_state.task.specific
    obj = task_state.revision.content_object  # a page or an endorsement
    obj = getattr(obj, "specific", obj)
    if action not in {name for name, _label, _modal in task.get_actions(obj, user)}:
        raise PermissionError("not allowed")
    task.on_action(task_state.specific, user, action, comment=comment)
