"""Keeping the search indices in step with the site: what is live and public is found, nothing else.

The database index is written in the same transaction as the change that caused it, so a page that
is unpublished is gone from the results at once, and a rolled-back publish leaves no trace.
Elasticsearch is told after the transaction commits; if it cannot be reached the update is recorded
(``PendingIndexUpdate``) and ``manage.py search_catch_up`` replays it, while the site keeps working.
"""

import logging

from django.db import transaction
from wagtail.models import Page

from .documents import (
    KINDS,
    TermNames,
    build_document,
    is_searchable,
    kind_models,
    pages_linking_to,
    searchable_queryset,
)
from .engines import database
from .engines import elasticsearch as es
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def update_pages(pages):
    """Index the searchable pages among ``pages`` and remove the others, in every engine."""
    documents, removed = [], []
    term_names = TermNames()
    for page in pages:
        page = page.specific
        if is_searchable(page):
            documents.append(build_document(page, term_names))
        else:
            removed.append((page.pk, page.locale.language_code))
    database.store(documents)
    database.remove([page_id for page_id, _language in removed])
    if es.is_configured():
        updates = [(d.page_id, d.language) for d in documents] + removed
        transaction.on_commit(lambda: sync_elasticsearch(updates))


def remove_page(page_id, language):
    database.remove([page_id])
    if es.is_configured():
        transaction.on_commit(lambda: sync_elasticsearch([(page_id, language)]))


def update_subtree(root):
    """Re-decide every catalogue page under ``root`` (after a move or a privacy change), and the
    pages that name them."""
    pages = Page.objects.descendant_of(root, inclusive=True).type(*kind_models().values())
    update_pages(pages.specific().select_related("locale"))
    update_linking(pages.values("translation_key"))


def update_linking(translation_keys):
    """Re-index the pages that name pages of these groups: whether visitors may see those names
    may have just changed."""
    update_pages(pages_linking_to(translation_keys))


def sync_elasticsearch(updates):
    """Bring Elasticsearch in line with the current state of these ``(page id, language)`` pairs.

    Each page is looked up again: what is searchable now is indexed, anything else is deleted.
    Returns the number of failures, each recorded for ``search_catch_up``.
    """
    failures = 0
    page_ids = {page_id for page_id, _language in updates}
    pages = {page.pk: page.specific for page in Page.objects.filter(pk__in=page_ids).select_related("locale")}
    term_names = TermNames()
    for page_id, language in updates:
        page = pages.get(page_id)
        try:
            if page is not None and is_searchable(page):
                es.index_documents([build_document(page, term_names)])
            else:
                es.delete_documents([page_id], language)
        except es.Unavailable as error:
            failures += 1
            record_failure(page_id, language, error)
        else:
            PendingIndexUpdate.objects.filter(page_id=page_id).delete()
    return failures


def record_failure(page_id, language, error):
    logger.warning("Elasticsearch update of page %s failed, recorded for catch-up: %s", page_id, error)
    pending, created = PendingIndexUpdate.objects.get_or_create(
        page_id=page_id, defaults={"language": language, "error": str(error)[:2000]}
    )
    if not created:
        pending.language = language
        pending.error = str(error)[:2000]
        pending.attempts += 1
        pending.save()


def catch_up(progress=None):
    """Replay the recorded Elasticsearch updates; returns ``(replayed, still failing)``."""
    pending = list(PendingIndexUpdate.objects.values_list("page_id", "language"))
    replayed = failed = 0
    for position, update in enumerate(pending, start=1):
        if sync_elasticsearch([update]):
            failed += 1
        else:
            replayed += 1
        if progress:
            progress(position, len(pending))
    return replayed, failed


def searchable_count():
    return sum(searchable_queryset(kind).count() for kind in KINDS)


def iter_searchable_documents(chunk_size=200):
    """Documents of every live public catalogue page, built a chunk at a time."""
    term_names = TermNames()
    for kind in KINDS:
        queryset = searchable_queryset(kind)
        last_pk = 0
        while True:
            chunk = list(queryset.filter(pk__gt=last_pk)[:chunk_size])
            if not chunk:
                break
            last_pk = chunk[-1].pk
            yield [build_document(page, term_names) for page in chunk]
