"""One entry point for the search page, the API and the autocomplete: the configured engine
(OpenSearch or Elasticsearch), or the database when none is configured or it cannot answer (with a
notice, never an error page)."""

import logging
from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from . import engines
from .engines import database, dsl

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = _(
    "The main search engine is not answering; these results come from the backup search and may be "
    "less complete."
)


def engine_name():
    engine = engines.configured()
    return engine.name if engine else database.NAME


def search(request, http_request=None, engine=None):
    external = engines.named(engine or engine_name())
    if external is not None and request.page * request.per_page <= dsl.MAX_WINDOW:
        try:
            return external.search(request, http_request)
        except engines.Unavailable as error:
            logger.error("%s search failed, falling back to the database: %s", external.name, error)
            results = database.search(request, http_request)
            results.notice = str(FALLBACK_NOTICE)
            return results
    return database.search(request, http_request)


def autocomplete(text, languages, http_request=None, engine=None, limit=8):
    external = engines.named(engine or engine_name())
    if external is not None:
        try:
            return external.autocomplete(text, languages, limit, http_request)
        except engines.Unavailable as error:
            logger.error("%s autocomplete failed, falling back to the database: %s", external.name, error)
    return database.autocomplete(text, languages, limit, http_request)


def matching_ids(request, limit=dsl.MAX_WINDOW, batch=500):
    """The page ids a search matches, best first, as the search page ranks them (for exports)."""
    ids = []
    page = 1
    while len(ids) < limit:
        results = search(replace(request, listing=True, exact=True, page=page, per_page=batch))
        ids.extend(hit.page_id for hit in results.hits)
        if len(results.hits) < batch or page * batch >= results.total:
            break
        page += 1
    return ids[:limit]
