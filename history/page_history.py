"""A page's public history: the revisions that were published, who wrote them, and what changed.

Only revisions that went live are public. Drafts, rejected revisions and revisions waiting for
moderation never appear: the list is built from Wagtail's publish log entries, each of which names
the revision it published.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.models import PageLogEntry, Revision, TaskState

from .summaries import summaries_between

SYSTEM_NAME = _("the OGP Toolbox team")


def display_name(user):
    """What visitors see of a contributor: their full name, else their user name."""
    if user is None:
        return str(SYSTEM_NAME)
    return user.get_full_name().strip() or user.get_username()


@dataclass
class PublishedRevision:
    revision: Revision
    published_at: datetime
    author: str
    comment: str = ""
    summaries: list[str] = field(default_factory=list)  # the editors' own words for the change
    number: int = 0  # 1 for the first published version
    changes_url: str = ""

    @property
    def id(self):
        return self.revision.pk


@dataclass
class PageHistory:
    versions: list[PublishedRevision] = field(default_factory=list)

    @property
    def latest(self):
        return self.versions[0] if self.versions else None

    @property
    def contributors(self):
        """Authors of published revisions, most recent contribution first, each once."""
        names = []
        for version in self.versions:
            if version.author not in names:
                names.append(version.author)
        return names


def page_history(page, with_comments=False):
    """Published revisions of ``page``, newest first (one query; two more for moderation comments and
    change summaries)."""
    entries = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .select_related("revision__user")
        .order_by("-timestamp", "-pk")
    )
    versions = []
    seen = set()
    for entry in entries:
        if entry.revision_id in seen:
            continue
        seen.add(entry.revision_id)
        versions.append(
            PublishedRevision(
                revision=entry.revision,
                published_at=entry.timestamp,
                author=display_name(entry.revision.user),
            )
        )
    for number, version in enumerate(reversed(versions), start=1):
        version.number = number
    if with_comments and versions:
        comments = dict(
            TaskState.objects.filter(revision_id__in=seen, status=TaskState.STATUS_APPROVED)
            .exclude(comment="")
            .values_list("revision_id", "comment")
        )
        for version in versions:
            version.comment = comments.get(version.id, "")
        previous = [older.id for older in versions[1:]] + [None]
        found = summaries_between(
            (page.pk, after, version.id) for version, after in zip(versions, previous, strict=True)
        )
        for version in versions:
            version.summaries = found.get((page.pk, version.id), [])
    return PageHistory(versions)


def published_revision(page, revision_id):
    """A revision of ``page`` that was published, or 404 (drafts and pending revisions are private)."""
    published = PageLogEntry.objects.filter(
        page=page, action="wagtail.publish", revision_id=revision_id
    ).exists()
    if not published:
        raise Http404
    return page.revisions.select_related("user").get(pk=revision_id)


@dataclass
class RowDiff:
    """One row of an inline relation (a recommended tool, an organisation link…) that changed."""

    status: str  # "added", "removed", "changed" or "moved"
    fields: list  # [(label, html)] of every field of the row, changes marked

    @property
    def status_label(self):
        return ROW_STATUS_LABELS[self.status]


ROW_STATUS_LABELS = {
    "added": _("New entry"),
    "removed": _("Entry removed"),
    "changed": _("Entry changed"),
    "moved": _("Entry moved"),
}


@dataclass
class FieldDiff:
    label: str
    html: str = ""
    rows: list[RowDiff] = field(default_factory=list)


def row_diffs(relation_comparison):
    """The rows of an inline relation that were added, removed, changed or moved, in the new order."""
    rows = []
    for child in relation_comparison.get_child_comparisons():
        if child.is_addition():
            status = "added"
        elif child.is_deletion():
            status = "removed"
        elif child.has_changed():
            status = "changed"
        elif child.get_position_change():
            status = "moved"
        else:
            continue
        fields = [(str(c.field_label()), c.htmldiff()) for c in child.get_field_comparisons()]
        rows.append(RowDiff(status, fields))
    return rows


def compare(page, revision_a, revision_b):
    """What changed between two revisions of ``page``, field by field, for the fields editors see.

    Uses Wagtail's own comparison classes (those of the admin's "Compare" view, completed by
    ``pages.comparisons``): words added and removed in text, StreamField blocks, taxonomy links, and
    the rows of inline relations, which Wagtail's admin template lays out itself. Only the content
    panels are compared: settings such as scheduling are not shown to visitors.
    """
    return compare_objects(page, revision_a.as_object(), revision_b.as_object())


def compare_objects(page, object_a, object_b):
    """``compare`` for two versions of ``page`` given as page objects (a blank one for a new page)."""
    model = type(page)
    panel = ObjectList(model.content_panels).bind_to_model(model)
    bound = panel.get_bound_panel(instance=page, request=None, form=None)
    diffs = []
    for comparison_class in bound.get_comparison():
        comparison = comparison_class(object_a, object_b)
        label = str(comparison.field_label())
        if comparison.is_child_relation:
            # Wagtail's has_changed() overlooks rows that only moved: the order of recommended tools counts
            rows = row_diffs(comparison)
            if rows:
                diffs.append(FieldDiff(label, rows=rows))
        elif comparison.has_changed():
            diffs.append(FieldDiff(label, comparison.htmldiff()))
    return diffs
