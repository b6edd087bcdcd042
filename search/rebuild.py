"""Rebuilding the catalogue search from scratch, for ``update_index`` and the benchmarks."""

from collections import Counter

from django.db import transaction

from .engines import database
from .engines import elasticsearch as es
from .indexing import iter_searchable_documents, searchable_count
from .languages import language_codes
from .models import PendingIndexUpdate


def count():
    return searchable_count()


def rebuild(progress=None, chunk_size=200):
    """Index every live public catalogue page again; returns a summary dict.

    The database index is replaced in one transaction. Elasticsearch indices are built under new
    names and then swapped in (modelsearch's atomic rebuilder), so a failure leaves the old ones.
    """
    per_language = Counter()
    rebuilders = {}
    elasticsearch_error = ""
    if es.is_configured():
        try:
            for language in language_codes():
                rebuilder = es.backend_for(language).rebuilder_class(
                    es.backend_for(language).catalogue_index()
                )
                rebuilders[language] = (rebuilder, rebuilder.start())
        except es.UNAVAILABLE as error:
            elasticsearch_error = str(error)
            rebuilders = {}
    with transaction.atomic():
        database.clear()
        for documents in iter_searchable_documents(chunk_size):
            database.store(documents)
            if rebuilders:
                by_language = {}
                for document in documents:
                    by_language.setdefault(document.language, []).append(document)
                try:
                    for language, batch in by_language.items():
                        rebuilders[language][1].add_documents(batch)
                except (*es.UNAVAILABLE, es.elasticsearch.helpers.BulkIndexError) as error:
                    elasticsearch_error = str(error)
                    rebuilders = {}
            per_language.update(document.language for document in documents)
            if progress:
                progress(len(documents))
    if rebuilders:
        try:
            for rebuilder, _index in rebuilders.values():
                rebuilder.finish()
            PendingIndexUpdate.objects.all().delete()
        except es.UNAVAILABLE as error:
            elasticsearch_error = str(error)
    return {
        "documents": sum(per_language.values()),
        "per_language": dict(sorted(per_language.items())),
        "elasticsearch": "rebuilt" if es.is_configured() and not elasticsearch_error else "",
        "elasticsearch_error": elasticsearch_error,
    }


def describe(summary):
    languages = ", ".join(f"{code}: {n}" for code, n in summary["per_language"].items()) or "none"
    line = f"Indexed {summary['documents']} pages ({languages}) in the database search."
    if summary["elasticsearch"]:
        line += " Elasticsearch indices rebuilt and swapped in."
    if summary["elasticsearch_error"]:
        line += f" Elasticsearch could not be rebuilt: {summary['elasticsearch_error']}"
    return line
