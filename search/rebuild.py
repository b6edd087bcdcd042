"""Rebuilding the catalogue search from scratch, for ``update_index`` and the benchmarks."""

from collections import Counter

from django.db import transaction
from django.utils import timezone

from . import engines
from .engines import database
from .indexing import iter_searchable_documents, searchable_count, send_queued
from .models import IndexRebuild, PendingIndexUpdate


def count():
    return searchable_count()


def rebuild(progress=None, chunk_size=500):
    """Index every live public catalogue page again; returns a summary dict.

    The database index is replaced in one transaction. The engine's indices are built under new
    names, in bulk, and swapped in with one alias request each (``dsl.AtomicRebuilder``): searches
    meanwhile read the old ones, and a failure leaves them in place.
    """
    per_language = Counter()
    engine = engines.configured()
    rebuilders = {}
    engine_error = ""
    started = timezone.now()
    mark = IndexRebuild.objects.create() if engine is not None else None
    try:
        if engine is not None:
            try:
                rebuilders = engine.start_rebuild()
            except engines.Unavailable as error:
                engine_error = str(error)
        with transaction.atomic():
            database.clear()
            for documents in iter_searchable_documents(chunk_size):
                database.store(documents)
                if rebuilders:
                    try:
                        engine.add_to_rebuild(rebuilders, documents)
                    except engines.Unavailable as error:
                        engine_error = str(error)
                        engine.abandon_rebuild(rebuilders)
                        rebuilders = {}
                per_language.update(document.language for document in documents)
                if progress:
                    progress(len(documents))
        if rebuilders:
            try:
                engine.finish_rebuild(rebuilders)
            except engines.Unavailable as error:
                engine_error = str(error)
                engine.abandon_rebuild(rebuilders)
            else:
                # the new indices hold what was queued before the rebuild began; what was queued
                # during it may be newer than what the rebuild read: send it again, to the new indices
                PendingIndexUpdate.objects.filter(last_failed_at__lt=started).delete()
                mark.delete()
                mark = None
                send_queued()
    finally:
        if mark is not None:
            mark.delete()
    return {
        "documents": sum(per_language.values()),
        "per_language": dict(sorted(per_language.items())),
        "engine": engine.name if engine else "",
        "engine_rebuilt": bool(engine) and not engine_error,
        "engine_error": engine_error,
    }


ENGINE_NAMES = {"opensearch": "OpenSearch", "elasticsearch": "Elasticsearch"}


def describe(summary):
    languages = ", ".join(f"{code}: {n}" for code, n in summary["per_language"].items()) or "none"
    line = f"Indexed {summary['documents']} pages ({languages}) in the database search."
    name = ENGINE_NAMES.get(summary["engine"], summary["engine"])
    if summary["engine_rebuilt"]:
        line += f" {name} indices rebuilt and swapped in."
    if summary["engine_error"]:
        line += f" {name} could not be rebuilt: {summary['engine_error']}"
    return line
