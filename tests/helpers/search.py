"""Driving the search engines in tests: which engines a run has, and an ``Engine`` that publishes pages
through Wagtail and searches them as the site does. The fixtures are in tests/search/conftest.py."""

import os

import pytest

from search import engines, service
from search.query import SearchRequest

# OpenSearch is the engine CI runs (a skip elsewhere says how to start it); Elasticsearch joins when
# ELASTICSEARCH_URL points at one (otherwise its request shapes are tested in test_engine_requests.py).
LIVE_ENGINES = ("opensearch", "elasticsearch") if os.environ.get("ELASTICSEARCH_URL") else ("opensearch",)
ENGINES = ["database", *(pytest.param(name, marks=getattr(pytest.mark, name)) for name in LIVE_ENGINES)]


class Engine:
    """Drives one engine as the site does: pages are published through Wagtail, then searched."""

    def __init__(self, name, capture):
        self.name = name
        self.capture = capture
        self.live = engines.named(name)

    def refresh(self):
        if self.live is not None:
            self.live.refresh()

    def publish(self, page, user=None):
        with self.capture(execute=True):
            page.save_revision(user=user).publish()
        self.refresh()
        return page

    def unpublish(self, page):
        with self.capture(execute=True):
            page.unpublish()
        self.refresh()

    def after(self, change):
        """Run a change (delete, move, restrict…) and let the engine see it."""
        with self.capture(execute=True):
            result = change()
        self.refresh()
        return result

    def search(self, text="", language="fr", **options):
        return service.search(SearchRequest(text, language, **options), engine=self.name)

    def titles(self, text="", language="fr", **options):
        return [hit.title for hit in self.search(text, language, **options).hits]

    def autocomplete(self, text, languages=("fr",)):
        return service.autocomplete(text, list(languages), engine=self.name)


def live_engine_url(name):
    """The address of a live engine for the tests, or a skip (a failure when one is required)."""
    url = os.environ.get(f"{name.upper()}_URL")
    if url:
        return url
    required = os.environ.get("SEARCH_ENGINE_REQUIRED", "")
    if required == name:
        pytest.fail(f"SEARCH_ENGINE_REQUIRED={name} but {name.upper()}_URL is not set (make search-engine)")
    pytest.skip(f"{name.upper()}_URL is not set: no live {name} to run the search stories against")
