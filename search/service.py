"""One entry point for the search page, the API and the autocomplete: the configured engine
(OpenSearch or Elasticsearch), or the database when none is configured or it cannot answer (with a
notice, never an error page)."""

import logging
from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from community.counts import counts_by_page
from core.stand_ins import stand_in

from . import engines, rankings
from .engines import database, dsl

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = _(
    "The main search engine is not answering; these results come from the backup search and may be "
    "less complete."
)


ENDORSED = "endorsed"
# the engines page through at most this many matches; "most endorsed" orders those
ENDORSED_WINDOW = dsl.MAX_WINDOW
BATCH = 500


def engine_name():
    engine = engines.configured()
    return engine.name if engine else database.NAME


def search(request, http_request=None, engine=None):
    if request.sort == ENDORSED:
        return _most_endorsed(request, http_request, engine)
    if (ranking := rankings.get(request.sort)) is not None:
        return _ranked(request, http_request, engine, ranking.scores)
    return _engine_search(request, http_request, engine)


def _engine_search(request, http_request=None, engine=None):
    external = engines.named(engine or engine_name())
    if external is not None and request.page * request.per_page <= dsl.MAX_WINDOW:
        try:
            return external.search(request, http_request)
        except engines.Unavailable as error:
            logger.error("%s search failed, falling back to the database: %s", external.name, error)
            stand_in()  # kept nowhere: the engine's own answer must show once it is back
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
            stand_in()
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


def _most_endorsed(request, http_request, engine):
    return _ranked(request, http_request, engine, counts_by_page)


def _ranked(request, http_request, engine, scores):
    """The matches, most endorsed first, by title on ties.

    Engines know nothing of endorsements (they change without a page being indexed again): the
    engine gives every match by title (in batches, up to ``ENDORSED_WINDOW``), one query counts
    their endorsements, and the page asked for is cut from that order. Total and facets are the
    engine's own, so the pages and counts are those of any other sort.
    """
    first = _engine_search(replace(request, sort="title", page=1), http_request, engine)
    if first.total <= request.per_page:
        hits = list(first.hits)  # one page held every match (highlighted, too)
    else:
        # a corrected spelling's matches are the hits shown: page through those
        matching = replace(first.request, listing=True, exact=True)
        hits = _every_match(matching, first.total, http_request, engine)
    counts = scores([hit.page_id for hit in hits])
    hits.sort(key=lambda hit: -counts.get(hit.page_id, -1))  # stable: titles stay in order on ties
    start = (request.page - 1) * request.per_page
    first.hits = hits[start : start + request.per_page]
    first.request = replace(first.request, sort=request.sort, page=request.page, per_page=request.per_page)
    return first


def _every_match(request, total, http_request, engine):
    hits = []
    for page in range(1, ENDORSED_WINDOW // BATCH + 1):
        batch = _engine_search(replace(request, page=page, per_page=BATCH), http_request, engine)
        hits.extend(batch.hits)
        if len(batch.hits) < BATCH or page * BATCH >= total:
            break
    return hits
