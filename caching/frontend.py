"""Purging a cache in front of the site (nginx, Varnish, a CDN) when content changes.

Configured from the environment (cms/settings/base.py builds ``WAGTAILFRONTENDCACHE``): without it,
nothing is sent. The edge keeps answers ``FRONTEND_CACHE_TTL`` seconds at most anyway; the purge
makes a publish show at once. What a publish can change at the edge: the page in every language,
the sections and home pages above it (their listings and counts), and the pages it links to or
that link to it (their "cited by" and relation lists). A taxonomy edit changes the chips and facets
of any page, so it purges the home and section pages of every language; term pages follow the TTL.

A purge never runs in the request that publishes: the addresses are worked out after the commit, and
sent by ``purge_addresses``, a django-tasks task on the ``edge-purge`` queue, which ``TASKS`` gives to
a few background threads of the process (cms/task_backends.py). Wagtail's own HTTP backend waits
for an answer without a time limit; ``HTTPPurgeBackend`` gives up after
``FRONTEND_CACHE_PURGE_TIMEOUT`` seconds, and stops a batch at the first address the edge cannot be
reached for. A failed purge is logged (the page's address and why, never the purge URL, which may
hold credentials); the edge still drops its copy once the TTL has passed.
"""

import base64
import logging
import socket
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urlsplit, urlunsplit
from urllib.request import urlopen

import wagtail
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
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


PURGE_QUEUE = "edge-purge"


class HTTPPurgeBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend (Varnish, nginx), with a time limit on each request.

    Checked against Wagtail 8.0.1's ``HTTPBackend.purge``, whose request it builds the same way; that
    one calls ``urlopen`` without a timeout, and lets a timed-out read escape as ``TimeoutError``.
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", settings.FRONTEND_CACHE_PURGE_TIMEOUT))
        super().__init__(params)
        # credentials in the purge URL (https://user:password@varnish…) go as Basic authentication;
        # urllib would otherwise take them for part of the host name
        self.authorization = None
        userinfo, at, hostport = self.cache_netloc.rpartition("@")
        if at:
            user, _colon, password = userinfo.partition(":")
            pair = f"{unquote(user)}:{unquote(password)}".encode()
            self.authorization = f"Basic {base64.b64encode(pair).decode()}"
            self.cache_netloc = hostport

    def _request(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        headers = {"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail.__version__}"}
        if self.authorization:
            headers["Authorization"] = self.authorization
        return PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment)),
            headers=headers,
        )

    def purge(self, url):
        """Purge one address; False if the edge could not be reached (refused, timed out)."""
        try:
            with urlopen(self._request(url), timeout=self.timeout):  # the purge URL is the operator's
                return True
        except HTTPError as error:  # the edge answered: the next address may go through
            logger.error("edge purge of %s refused: HTTP %d", url, error.code)
            return True
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, socket.timeout | TimeoutError):
                reason = f"no answer within {self.timeout:g} s"
            logger.error("edge purge of %s failed: %s", url, reason)
            return False

    def purge_batch(self, urls):
        for done, url in enumerate(urls):
            if not self.purge(url):
                left = len(urls) - done - 1
                if left:
                    logger.error("edge unreachable: %d more address(es) left to its TTL", left)
                return


@task(backend="background", queue_name=PURGE_QUEUE)
def purge_addresses(urls):
    """Send the purge of ``urls`` to every configured edge (Wagtail's task, run in this one's thread)."""
    try:
        purge_urls_from_cache_task.call(urls)
    except Exception as error:  # logged without its message: a backend's may hold its address
        logger.error("edge purge of %d address(es) failed: %s", len(urls), type(error).__name__)


def _purge(pages):
    batch = PurgeBatch()
    # an unpublished page too: the edge must drop its public copy
    batch.add_pages(pages)
    try:
        if batch.urls:
            # after the commit (this runs in on_commit), in the background (TASKS["background"])
            purge_addresses.enqueue(sorted(batch.urls))
    except Exception:  # the edge must never fail a publish
        logger.exception("frontend cache purge could not be queued")


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
