"""What only a live engine can show: index rebuilds swapped in at once, and the queue replayed.

Runs on OpenSearch when ``OPENSEARCH_URL`` is set (CI: ``make search-engine``), on Elasticsearch when
``ELASTICSEARCH_URL`` is; skipped otherwise."""

import io

import pytest
from django.core.management import call_command

from pages import registry
from search import rebuild, service
from search.documents import searchable_queryset
from search.models import PendingIndexUpdate
from search.query import SearchRequest
from tests.factories import tool
from tests.helpers.html import result_titles, select, text_of
from tests.helpers.search import LIVE_ENGINES

pytestmark = pytest.mark.django_db


@pytest.fixture(params=LIVE_ENGINES)
def live(request, live_engine):
    return live_engine(request.param)


def tools_found(engine, language="fr"):
    request = SearchRequest("", language, filters={"kind": ["tool"]}, per_page=1)
    results = service.search(request, engine=engine.name)
    assert results.engine == engine.name, results.notice
    return results.total


def test_searches_during_a_rebuild_see_the_whole_old_index_and_then_the_new_one(live):
    rebuild.rebuild()
    live.refresh()
    before = tools_found(live)
    assert before > 10
    seen = []

    def while_rebuilding(_count):
        live.refresh()  # the alias's index, as a search would see it
        seen.append(tools_found(live))

    rebuild.rebuild(progress=while_rebuilding, chunk_size=25)
    live.refresh()

    assert len(seen) > 3
    assert set(seen) == {before}  # never empty, never half, never doubled
    assert tools_found(live) == before
    client = live.backend_for("fr").es
    alias = live.backend_for("fr").catalogue_index().name
    assert len(client.indices.get_alias(name=alias)) == 1  # the old index went with the swap


def test_the_first_rebuild_replaces_a_plain_index_of_the_aliass_name(live):
    index = live.backend_for("fr").catalogue_index()
    index.put()  # as left by a version without atomic rebuilds
    assert not index.is_alias()

    rebuild.rebuild()
    live.refresh()

    assert index.is_alias()
    assert tools_found(live) > 10


def test_updates_left_in_the_queue_reach_the_engine_with_catch_up(live, settings):
    rebuild.rebuild()
    settings.SEARCH_INDEX_WORKER = "queue"
    page = tool("Harmattan", summary="Un vent sec.")
    page.save_revision().publish()
    live.refresh()
    assert "Harmattan" not in [
        hit.title for hit in service.search(SearchRequest("harmattan"), engine=live.name).hits
    ]

    out = io.StringIO()
    call_command("search_catch_up", stdout=out)
    live.refresh()

    assert "1 update(s) sent" in out.getvalue()
    assert not PendingIndexUpdate.objects.exists()
    assert [hit.title for hit in service.search(SearchRequest("harmattan"), engine=live.name).hits] == [
        "Harmattan"
    ]


def test_the_api_ranks_a_query_as_the_search_page_does(live, client, django_capture_on_commit_callbacks):
    rebuild.rebuild()
    for page in (
        tool("Carnet C", summary="Un carnet.", body="On y parle de mangrove."),
        tool("Carnet B", summary="Une mangrove en ligne."),
        tool("Mangrove A", summary="Un carnet."),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
    live.refresh()

    listed = client.get("/api/v1/entries", {"q": "mangrove", "language": "fr"}).json()
    searched = service.search(SearchRequest("mangrove"), engine=live.name)

    assert [entry["title"] for entry in listed["results"]] == ["Mangrove A", "Carnet B", "Carnet C"]
    assert [hit.title for hit in searched.hits] == ["Mangrove A", "Carnet B", "Carnet C"]


def test_the_search_page_and_suggestions_answer_from_the_engine(
    live, client, django_capture_on_commit_callbacks
):
    rebuild.rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        tool("Mousson", summary="Un outil de consultation publique.").save_revision().publish()
    live.refresh()

    page = client.get("/fr/search/", {"q": "consultations", "kind": "tool"})
    suggestions = client.get("/fr/search/suggest/", {"q": "mous"}).json()

    assert page.status_code == 200
    assert "Mousson" in result_titles(page) and select(page, "mark")
    assert "Le moteur de recherche principal ne répond pas" not in text_of(page)  # no fallback
    assert [result["title"] for result in suggestions["results"]] == ["Mousson"]


def test_a_match_at_either_end_of_a_title_keeps_its_marks(live, django_capture_on_commit_callbacks):
    rebuild.rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        tool("Mistral", summary="Vent mistral").save_revision().publish()
    live.refresh()

    hit = service.search(SearchRequest("mistral"), engine=live.name).hits[0]

    assert str(hit.title_html) == "<mark>Mistral</mark>"
    assert str(hit.snippet_html) == "Vent <mark>mistral</mark>"


@pytest.mark.slow  # rebuilds a live engine's index
def test_a_page_unpublished_during_a_rebuild_is_not_in_the_new_index(
    live, django_capture_on_commit_callbacks
):
    first_read = (
        searchable_queryset(registry.page_types()[0]).order_by("pk").first()
    )  # in the rebuild's first chunk
    language = first_read.locale.language_code
    rebuild.rebuild()
    live.refresh()
    assert first_read.pk in found_ids(live, first_read.title, language)
    changed = []

    def while_rebuilding(_count):
        if not changed:
            with django_capture_on_commit_callbacks(execute=True):
                first_read.unpublish()
            changed.append(first_read.pk)

    rebuild.rebuild(progress=while_rebuilding, chunk_size=25)
    live.refresh()

    assert changed
    backend = live.backend_for(language)
    raw = backend.send(
        backend.es.search,
        {"query": {"ids": {"values": [str(first_read.pk)]}}},
        index=live.index_names([language])[0],
    )
    assert raw["hits"]["total"]["value"] == 0  # not in the engine's new index either
    assert not PendingIndexUpdate.objects.exists()


def found_ids(engine, text, language):
    return [hit.page_id for hit in service.search(SearchRequest(text, language), engine=engine.name).hits]
