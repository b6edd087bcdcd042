"""TEMPORARY: replaced by caching.invalidation (the lead removes this module at merge).

Starts a new generation (cms/freshness.py) when what visitors see changes, so that what is built
once per publish (pages/per_publish.py, pages/routing.py) is rebuilt: at once, and again when the
transaction commits, since another process may rebuild from the old rows in between.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from cms import freshness


def bump(**kwargs):  # TEMPORARY: replaced by caching.invalidation
    freshness.bump()
    transaction.on_commit(freshness.bump)


def _visible_row_changed(sender, instance, **kwargs):  # TEMPORARY: replaced by caching.invalidation
    deleted_page = isinstance(instance, Page) and kwargs.get("signal") is post_delete
    if deleted_page or isinstance(instance, PageViewRestriction) or type(instance) in get_snippet_models():
        bump()


def connect():  # TEMPORARY: replaced by caching.invalidation
    page_published.connect(bump, dispatch_uid="pages.signals.published")
    page_unpublished.connect(bump, dispatch_uid="pages.signals.unpublished")
    post_page_move.connect(bump, dispatch_uid="pages.signals.moved")
    # snippets register late (Wagtail hooks), so they are recognised when saved
    post_save.connect(_visible_row_changed, dispatch_uid="pages.signals.saved")
    post_delete.connect(_visible_row_changed, dispatch_uid="pages.signals.deleted")
