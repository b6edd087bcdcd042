"""TEMPORARY: replaced by caching.invalidation (the lead removes this module at merge).

Starts a new generation (cms/freshness.py) when what visitors see may have changed, so that what is
built once per publish (pages/per_publish.py, pages/routing.py) is rebuilt: on publish, unpublish
and move, and on any save or delete of the catalogue's rows, Wagtail's pages, privacy settings,
log and images. At once, and again when the transaction commits, since another process may
rebuild from the old rows in between.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images.models import AbstractRendition
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import freshness

# TEMPORARY: replaced by caching.invalidation
VISIBLE_APPS = {"pages", "snippets", "wagtailcore", "wagtailimages", "wagtaildocs"}


def bump(**kwargs):  # TEMPORARY: replaced by caching.invalidation
    freshness.bump()
    transaction.on_commit(freshness.bump)


def _row_changed(sender, **kwargs):  # TEMPORARY: replaced by caching.invalidation
    # a rendition is made while a page is rendered: it changes nothing visitors see
    if sender._meta.app_label in VISIBLE_APPS and not issubclass(sender, AbstractRendition):
        bump()


def connect():  # TEMPORARY: replaced by caching.invalidation
    page_published.connect(bump, dispatch_uid="pages.signals.published")
    page_unpublished.connect(bump, dispatch_uid="pages.signals.unpublished")
    post_page_move.connect(bump, dispatch_uid="pages.signals.moved")
    post_save.connect(_row_changed, dispatch_uid="pages.signals.saved")
    post_delete.connect(_row_changed, dispatch_uid="pages.signals.deleted")
    m2m_changed.connect(_row_changed, dispatch_uid="pages.signals.m2m")
