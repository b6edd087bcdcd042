"""Search tests run against each engine: the database (SQLite or PostgreSQL, whichever the run uses)
always, and a live OpenSearch or Elasticsearch when ``OPENSEARCH_URL`` / ``ELASTICSEARCH_URL`` is set
(``make search-engine`` starts a local OpenSearch 2.19). With ``SEARCH_ENGINE_REQUIRED=1`` (CI) a
missing engine fails the run instead of skipping its tests."""

import uuid

import pytest

from search import engines, rebuild
from search.config import engine_backends
from search.engines import breaker
from tests.helpers.search import ENGINES, Engine, live_engine_url


@pytest.fixture
def live_engine(settings):
    """Configure the live engine of this run (fresh indices, deleted afterwards), or skip."""
    made = []

    def configure(name):
        url = live_engine_url(name)
        prefix = f"test_{uuid.uuid4().hex[:8]}_"
        settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
        setattr(settings, f"{name.upper()}_URL", url)
        settings.WAGTAILSEARCH_BACKENDS = settings.WAGTAILSEARCH_BACKENDS | engine_backends(name, url, prefix)
        # behaviour, not speed: a busy test machine must not turn a slow first answer into a fallback
        settings.SEARCH_TIMEOUT = 15
        breaker.reset()
        made.append((engines.named(name), prefix))
        return engines.named(name)

    yield configure
    for engine, prefix in made:
        # by name: clusters refuse wildcard deletions by default (action.destructive_requires_name)
        client = engine.backend_for("fr").es
        for name in client.indices.get(index=f"{prefix}*"):
            client.indices.delete(index=name)
    breaker.reset()


@pytest.fixture(params=ENGINES)
def engine(request, settings, live_engine, django_capture_on_commit_callbacks):
    if request.param == "database":
        settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
        yield Engine("database", django_capture_on_commit_callbacks)
        return
    live_engine(request.param)
    rebuild.rebuild()
    yield Engine(request.param, django_capture_on_commit_callbacks)
