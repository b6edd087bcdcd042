"""Search tests run against each engine: the database (SQLite or PostgreSQL, whichever the run uses)
always, and a live Elasticsearch when ``ELASTICSEARCH_URL`` is set (``pytest -m elasticsearch``)."""

import os
import uuid

import pytest
from wagtail.models import Locale
from wagtail.rich_text import RichText

from pages.tools import ToolIndexPage
from search import rebuild, service
from search.config import elasticsearch_backends
from search.engines import elasticsearch as es
from search.query import SearchRequest
from tests.factories import ToolPageFactory, section

ENGINES = ["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


class Engine:
    """Drives one engine as the site does: pages are published through Wagtail, then searched."""

    def __init__(self, name, capture):
        self.name = name
        self.capture = capture

    def refresh(self):
        if self.name == es.NAME:
            es.refresh()

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
        """Run a change (delete, move, restrict…) and let Elasticsearch see it."""
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


@pytest.fixture(params=ENGINES)
def engine(request, settings, django_capture_on_commit_callbacks):
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
        yield Engine("database", django_capture_on_commit_callbacks)
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: no live Elasticsearch to run the search stories against")
    prefix = f"test_{uuid.uuid4().hex[:8]}_"
    settings.ELASTICSEARCH_URL = url
    settings.WAGTAILSEARCH_BACKENDS = settings.WAGTAILSEARCH_BACKENDS | elasticsearch_backends(url, prefix)
    rebuild.rebuild()
    yield Engine("elasticsearch", django_capture_on_commit_callbacks)
    # by name: clusters refuse wildcard deletions by default (action.destructive_requires_name)
    client = es.backend_for("fr").es
    for name in client.indices.get(index=f"{prefix}*"):
        client.indices.delete(index=name)


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
