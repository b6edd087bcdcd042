"""Search tests run against each engine: the database (SQLite or PostgreSQL, whichever the run uses)
always, and a live OpenSearch or Elasticsearch when ``OPENSEARCH_URL`` / ``ELASTICSEARCH_URL`` is set
(``make search-engine`` starts a local OpenSearch 2.19). With ``SEARCH_ENGINE_REQUIRED=1`` (CI) a
missing engine fails the run instead of skipping its tests."""

import os
import uuid

import pytest
from wagtail.models import Locale
from wagtail.rich_text import RichText

from pages.tools import ToolIndexPage
from search import engines, rebuild, service
from search.config import engine_backends
from search.engines import breaker
from search.query import SearchRequest
from tests.factories import ToolPageFactory, section

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


def hidden_tools(label):
    """A never-published tool and a published one restricted to signed-in users: what must not leak."""
    from wagtail.models import PageViewRestriction

    draft = tool(f"Brouillon {label}", summary="Texte.", live=False)
    draft.save_revision()
    private = tool(f"Privé {label}", summary="Texte.")
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return draft, private


def tool(title, summary="", body="", language="fr", **fields):
    """A tool page (not yet published) in a language's tool section."""
    page = ToolPageFactory.build(title=title, summary=summary, **fields)
    if body:
        page.description = [("paragraph", RichText(f"<p>{body}</p>"))]
    parent = section(ToolIndexPage, language)
    page.locale = Locale.objects.get(language_code=language)
    parent.add_child(instance=page)
    return page
