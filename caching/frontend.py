"""Purging a cache in front of the site (nginx, Varnish, a CDN) when content changes.

Configured from the environment (cms/settings/base.py builds ``WAGTAILFRONTENDCACHE``): without it,
nothing is sent. The edge keeps answers ``FRONTEND_CACHE_TTL`` seconds at most anyway; the purge
makes a publish show at once. What a publish can change at the edge: the page in every language,
the sections and home pages above it (their listings and counts), and the pages it links to or
that link to it (their "cited by" and relation lists). A taxonomy edit changes the chips and facets
of any page, so it purges the home and section pages of every language; term pages follow the TTL.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages import registry
from pages.relations import privacy_scope, visible
from search.documents import pages_linking_to

logger = logging.getLogger(__name__)


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _with_ancestors(pages):
    found = {}
    for page in pages:
        found[page.pk] = page
        for ancestor in page.get_ancestors().filter(depth__gt=1):
            found[ancestor.pk] = ancestor
    return found.values()


def _linked(page):
    """Pages that link to ``page`` or that it links to, in every language (their live versions)."""
    page_type = registry.type_of(page)
    if page_type is None:
        return []
    keys = {source.translation_key for source in pages_linking_to([page.translation_key])}
    for link in page_type.links:
        for row in link.rows(page):
            target = getattr(row, link.field, None)
            if target is not None:
                keys.add(target.translation_key)
    return list(visible(Page.objects.filter(translation_key__in=keys)).specific())


def pages_to_purge(page):
    """Every page whose public answer a publish or unpublish of ``page`` can change."""
    translations = list(Page.objects.filter(translation_key=page.translation_key).specific())
    return list(_with_ancestors(translations + _linked(page)))


def _purge(pages):
    batch = PurgeBatch()
    # an unpublished page too: the edge must drop its public copy
    batch.add_pages(pages)
    try:
        batch.purge()
    except Exception:  # the edge being down must never fail a publish
        logger.exception("frontend cache purge failed")


def on_page_changed(sender, instance, **kwargs):
    if configured():
        pages = pages_to_purge(instance.specific)
        transaction.on_commit(lambda: _purge(pages))


def on_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again): the edge must drop the copies of it, below it and of
    its aliases."""
    if configured():
        page = instance.page
        # its aliases too: they show its content, and are as private as it is
        pages = [*privacy_scope(page).specific(), *page.get_ancestors().filter(depth__gt=1)]
        transaction.on_commit(lambda: _purge(pages))


def on_term_saved(sender, instance, **kwargs):
    from snippets.models import Term

    if configured() and isinstance(instance, Term):
        sections = Page.objects.filter(depth__in=(2, 3), live=True).specific()
        transaction.on_commit(lambda: _purge(list(sections)))


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_changed, dispatch_uid=f"frontend-{id(signal)}")
    post_save.connect(on_term_saved, dispatch_uid="frontend-term")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"frontend-restriction-{id(signal)}",
        )
