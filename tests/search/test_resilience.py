"""When the search engine is down, the site keeps working and nothing is lost.

"Down" is real here: the configured address is a local port nothing listens on, so each engine's own
client (opensearch-py, the official Elasticsearch client) gets a real connection refusal."""

import io

import pytest
from django.core.management import CommandError, call_command

from search import engines, indexing, service
from search.config import engine_backends
from search.engines import breaker
from search.models import IndexRebuild, PendingIndexUpdate, SearchDocument
from search.query import SearchRequest
from tests.factories import tool

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture(params=["opensearch", "elasticsearch"])
def elasticsearch_down(request, settings):
    settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
    setattr(settings, f"{request.param.upper()}_URL", UNREACHABLE)
    settings.WAGTAILSEARCH_BACKENDS = settings.WAGTAILSEARCH_BACKENDS | engine_backends(
        request.param, UNREACHABLE, "toolbox_", timeout=2
    )
    breaker.reset()
    yield request.param
    breaker.reset()


def test_publishing_works_and_the_missed_update_is_recorded(
    elasticsearch_down, django_capture_on_commit_callbacks, client
):
    page = tool("Mistral", summary="Un vent du nord.")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    page.refresh_from_db()
    assert page.live
    assert SearchDocument.objects.filter(page_id=page.pk).exists()
    pending = PendingIndexUpdate.objects.get(page_id=page.pk)
    assert pending.language == "fr"
    assert pending.error
    assert client.get(page.url).status_code == 200


def test_unpublishing_and_deleting_are_recorded_too(elasticsearch_down, django_capture_on_commit_callbacks):
    first = tool("Sirocco", summary="Vent.")
    second = tool("Tramontane", summary="Vent.")
    with django_capture_on_commit_callbacks(execute=True):
        first.save_revision().publish()
        second.save_revision().publish()
    PendingIndexUpdate.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
        second_id = second.pk
        second.delete()

    assert set(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == {first.pk, second_id}


def test_the_search_page_falls_back_to_the_database_with_a_notice(elasticsearch_down, client):
    page = tool("Mistral", summary="Un vent du nord.")
    page.save_revision().publish()

    response = client.get("/fr/search/", {"q": "mistral"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Mistral" in html
    assert "Le moteur de recherche principal ne répond pas" in html


def test_search_and_autocomplete_fall_back_when_called_directly(elasticsearch_down):
    tool("Mistral", summary="Un vent du nord.").save_revision().publish()

    results = service.search(SearchRequest("mistral", "fr"))
    assert results.engine == "database"
    assert results.notice
    assert [hit.title for hit in results.hits] == ["Mistral"]
    assert [hit.title for hit in service.autocomplete("mist", ["fr"])] == ["Mistral"]


def test_catch_up_keeps_what_still_fails_and_says_so(elasticsearch_down, django_capture_on_commit_callbacks):
    page = tool("Mistral", summary="Vent.")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    out = io.StringIO()
    with pytest.raises(CommandError, match="0 update\\(s\\) sent, 1 still failing"):
        call_command("search_catch_up", stdout=out)

    assert PendingIndexUpdate.objects.get(page_id=page.pk).attempts == 2
    assert "Catching up" in out.getvalue()


def test_catch_up_without_an_engine_explains_itself(settings):
    settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="Neither OPENSEARCH_URL nor ELASTICSEARCH_URL is set"):
        call_command("search_catch_up")


def test_a_rebuild_while_elasticsearch_is_down_still_rebuilds_the_database_search(elasticsearch_down):
    SearchDocument.objects.all().delete()
    name = {"opensearch": "OpenSearch", "elasticsearch": "Elasticsearch"}[elasticsearch_down]

    with pytest.raises(CommandError, match=f"{name} could not be rebuilt"):
        call_command("update_index", "--catalogue-only", stdout=io.StringIO())

    assert SearchDocument.objects.count() > 100  # the database search was rebuilt all the same
    assert not IndexRebuild.objects.exists()


def test_a_failed_update_is_recorded_once_per_page(elasticsearch_down):
    page = tool("Mistral", summary="Vent.")
    page.save_revision().publish()
    indexing.send_updates([(page.pk, "fr")])
    indexing.send_updates([(page.pk, "fr")])

    pending = PendingIndexUpdate.objects.get(page_id=page.pk)
    assert pending.attempts >= 2
    assert engines.configured().name == elasticsearch_down
