"""Keeping the search indices in step with the site: what is live and public is found, nothing else.

The database index is written in the same transaction as the change that caused it, so a page that
is unpublished is gone from the results at once, and a rolled-back publish leaves no trace.
For OpenSearch or Elasticsearch the change queues its pages (``PendingIndexUpdate``, in the same
transaction); once it commits, ``search.worker`` sends them, outside the request. What the engine
cannot take is kept in the queue and replayed (``manage.py search_catch_up``), while the site keeps
working on the database search.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from pages import registry
from pages.relations import privacy_scope

from . import engines, worker
from .documents import TermNames, build_document, is_searchable, pages_linking_to, searchable_queryset
from .engines import breaker, database
from .models import IndexRebuild, PendingIndexUpdate

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
    enqueue([(d.page_id, d.language) for d in documents] + removed)


def remove_page(page_id, language):
    database.remove([page_id])
    enqueue([(page_id, language)])


def enqueue(updates):
    """Queue engine updates in the change's own transaction; they are sent once it commits."""
    if not updates or engines.configured() is None:
        return
    rows = {
        page_id: PendingIndexUpdate(page_id=page_id, language=language, attempts=0)
        for page_id, language in updates
    }
    PendingIndexUpdate.objects.bulk_create(
        rows.values(),
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["language", "error", "last_failed_at"],
    )
    transaction.on_commit(lambda: worker.kick(send_queued))


def update_subtree(root):
    """Re-decide every catalogue page under ``root`` (after a move or a privacy change), the aliases
    of any of them (an alias is as private as what it shows) and the pages that name them."""
    pages = privacy_scope(root).type(*(page_type.model for page_type in registry.page_types()))
    update_pages(pages.specific().select_related("locale"))
    update_linking(pages.values("translation_key"))


def update_linking(translation_keys):
    """Re-index the pages that name pages of these groups: whether visitors may see those names
    may have just changed."""
    update_pages(pages_linking_to(translation_keys))


def send_updates(updates, engine=None):
    """Bring the engine in line with the current state of these ``(page id, language)`` pairs.

    Each page is looked up again: what is searchable now is indexed, anything else is deleted, in
    bulk. Returns the number of updates that failed; they stay queued, with the error.
    """
    engine = engine or engines.configured()
    if engine is None or not updates:
        return 0
    page_ids = {page_id for page_id, _language in updates}
    pages = {page.pk: page.specific for page in Page.objects.filter(pk__in=page_ids).select_related("locale")}
    term_names = TermNames()
    documents, deletions = [], defaultdict(list)
    for page_id, language in updates:
        page = pages.get(page_id)
        if page is not None and is_searchable(page):
            documents.append(build_document(page, term_names))
        else:
            deletions[language].append(page_id)
    try:
        engine.index_documents(documents)
        for language, ids in deletions.items():
            engine.delete_documents(ids, language)
        # searchable before the queue rows go: deleting them starts a new content generation, and a
        # listing rendered from the index before its refresh would be kept under it
        engine.refresh(sorted({language for _page_id, language in updates}))
    except engines.Unavailable as error:
        for page_id, language in updates:
            record_failure(page_id, language, error)
        return len(updates)
    return 0


def record_failure(page_id, language, error):
    logger.warning("Search engine update of page %s failed, kept for catch-up: %s", page_id, error)
    pending, created = PendingIndexUpdate.objects.get_or_create(
        page_id=page_id, defaults={"language": language, "error": str(error)[:2000]}
    )
    if not created:
        pending.language = language
        pending.error = str(error)[:2000]
        pending.attempts += 1
        pending.save()


def send_queued(batch_size=500, progress=None, stop_on_failure=True):
    """Send the queued updates a batch at a time; returns ``(sent, failed)``.

    A row queued again while its batch was in flight (a newer change of the same page) stays: only
    rows as they were read are removed. While ``update_index`` rebuilds, sent rows stay queued too:
    the rebuild sends them again to its new indices once they are swapped in.
    """
    sent = failed = 0
    total = PendingIndexUpdate.objects.count()
    after = 0  # keyset pagination by page id: a failure re-stamps its rows, and must not bring them back
    while True:
        rows = list(
            PendingIndexUpdate.objects.filter(page_id__gt=after)
            .order_by("page_id")
            .values_list("page_id", "language", "last_failed_at")[:batch_size]
        )
        if not rows:
            break
        after = rows[-1][0]
        failures = send_updates([(page_id, language) for page_id, language, _stamp in rows])
        if failures:
            failed += failures
        else:
            sent += len(rows)
            if not rebuild_running():
                _remove_sent(rows)
        if progress:
            progress(sent + failed, max(total, sent + failed))
        if failures and stop_on_failure:
            break
    return sent, failed


def _remove_sent(rows, chunk=200):
    for start in range(0, len(rows), chunk):
        condition = Q()
        for page_id, _language, stamp in rows[start : start + chunk]:
            condition |= Q(page_id=page_id, last_failed_at=stamp)
        PendingIndexUpdate.objects.filter(condition).delete()


def rebuild_running():
    """Whether ``update_index`` is rebuilding the engine's indices (in any process), as it said when
    it began; a mark older than a day is from a rebuild that died, and is ignored."""
    return IndexRebuild.objects.filter(started_at__gte=timezone.now() - timedelta(days=1)).exists()


def _send_after_recovery():
    worker.kick(send_queued)


# what was queued while the engine failed goes out as soon as it answers again, not at the next change
breaker.on_recovery(_send_after_recovery)


def catch_up(progress=None):
    """Replay every queued or failed update; returns ``(replayed, still failing)``."""
    breaker.reset()  # asked to try now
    return send_queued(progress=progress, stop_on_failure=False)


def searchable_count():
    return sum(searchable_queryset(page_type).count() for page_type in registry.page_types())


def iter_searchable_documents(chunk_size=200):
    """Documents of every live public catalogue page, built a chunk at a time."""
    term_names = TermNames()
    for page_type in registry.page_types():
        queryset = searchable_queryset(page_type)
        last_pk = 0
        while True:
            chunk = list(queryset.filter(pk__gt=last_pk)[:chunk_size])
            if not chunk:
                break
            last_pk = chunk[-1].pk
            yield [build_document(page, term_names) for page in chunk]
