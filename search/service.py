"""One entry point for the search page and the autocomplete: the configured engine, or the database
when Elasticsearch is not configured or cannot answer (with a notice, never an error page)."""

import logging

from django.utils.translation import gettext_lazy as _

from .engines import database
from .engines import elasticsearch as es

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = _(
    "The main search engine is not answering; these results come from the backup search and may be "
    "less complete."
)


def engine_name():
    return es.NAME if es.is_configured() else database.NAME


def search(request, http_request=None, engine=None):
    engine = engine or engine_name()
    if engine == es.NAME:
        try:
            return es.search(request, http_request)
        except es.Unavailable as error:
            logger.error("Elasticsearch search failed, falling back to the database: %s", error)
            results = database.search(request, http_request)
            results.notice = str(FALLBACK_NOTICE)
            return results
    return database.search(request, http_request)


def autocomplete(text, languages, http_request=None, engine=None, limit=8):
    engine = engine or engine_name()
    if engine == es.NAME:
        try:
            return es.autocomplete(text, languages, limit, http_request)
        except es.Unavailable as error:
            logger.error("Elasticsearch autocomplete failed, falling back to the database: %s", error)
    return database.autocomplete(text, languages, limit, http_request)
