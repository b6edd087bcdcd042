"""Every change visitors could see starts a new content generation (core.freshness).

The whole-answer cache and the per-publish data (header, switcher, similar tools…) are keyed by the
generation, so one bump makes every cached copy stale at once: the changed page, its listings, the
pages that cite it, the home page, the feeds. Working out which pages show which would be a second
copy of every relation the templates follow, and would be wrong the day a template changes.

So the rule is the other way round: any saved or deleted row bumps, except the models declared below,
which no public answer ever shows. A publish, an unpublish, a move, a privacy change, a taxonomy edit,
a translation published through wagtail-localize are all saves, and need nothing of their own. So
is the search engine taking an update after the commit: its queue's rows are deleted once sent, and
listings and searches cached in between (from the engine's old copy) become stale then.

The bump happens at once (this process stops serving its old copies) and again after the commit:
between the two, another process may have rendered the page from the data before the commit and
cached it under the new generation.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images.models import AbstractRendition
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import freshness


def _never_shown():
    """Models whose rows no public answer shows: saving them must not empty the caches."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from wagtail.models import Revision, TaskState, WorkflowState
    from wagtail.users.models import UserProfile

    # a draft's revision (Wagtail autosaves them while an editor types) and a workflow's progress
    # show nowhere public; a publish saves the page itself, which bumps
    models = {
        Session,
        AccessAttempt,
        AccessLog,
        AccessFailureLog,
        UserProfile,
        Revision,
        TaskState,
        WorkflowState,
    }
    try:  # wagtail's live editing sessions (who else is editing this page)
        from wagtail.admin.models import EditingSession

        models.add(EditingSession)
    except ImportError:
        pass
    from wagtail_localize.models import StringTranslation

    # a translator's typed string; it shows only once its translation is published (a page save)
    models.add(StringTranslation)
    # and those the features declare (the link checks' records: vitality/apps.py)
    models.update(freshness.declared_unshown())
    return frozenset(models)


_NEVER_SHOWN = None


def never_shown():
    global _NEVER_SHOWN
    if _NEVER_SHOWN is None:
        _NEVER_SHOWN = _never_shown()
    return _NEVER_SHOWN


def _after_commit():
    freshness.bump()


def bump():
    """A new generation now, and another once the current transaction commits (one per transaction)."""
    freshness.bump()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        pending = [entry[1] for entry in connection.run_on_commit]
        if _after_commit not in pending:
            transaction.on_commit(_after_commit)


# what saving a draft revision writes on the page row: no public answer reads these
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "wagtail_admin_comments",
}


def _bookkeeping_only(sender, update_fields):
    if update_fields is None:
        return False
    fields = set(update_fields)
    if sender is get_user_model():
        return fields <= {"last_login"}
    return fields <= DRAFT_FIELDS


def _is_never_shown(sender):
    # a rendition is made while a page renders: bumping then would keep every page cold
    return sender in never_shown() or issubclass(sender, AbstractRendition)


def on_save(sender, update_fields=None, raw=False, **kwargs):
    if _is_never_shown(sender) or _bookkeeping_only(sender, update_fields):
        return
    bump()


def on_delete(sender, **kwargs):
    if not _is_never_shown(sender):
        bump()


def on_m2m(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def on_page_event(sender, **kwargs):
    bump()


def connect():
    post_save.connect(on_save, dispatch_uid="caching-save")
    post_delete.connect(on_delete, dispatch_uid="caching-delete")
    m2m_changed.connect(on_m2m, dispatch_uid="caching-m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_event, dispatch_uid=f"caching-{id(signal)}")
