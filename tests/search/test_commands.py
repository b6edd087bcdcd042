"""Rebuilding the search index from the command line."""

import io

import pytest
from django.core.management import call_command

from pages.relations import visible
from pages.tools import ToolPage
from search.models import SearchDocument
from tests.factories import tool

pytestmark = pytest.mark.django_db


def test_update_index_rebuilds_the_catalogue_search_with_progress_and_a_summary(settings):
    settings.ELASTICSEARCH_URL = ""
    draft = tool("Brouillon caché", summary="Jamais publié.", live=False)
    draft.save_revision()
    before = set(SearchDocument.objects.values_list("page_id", "language"))
    SearchDocument.objects.all().delete()

    out = io.StringIO()
    call_command("update_index", stdout=out)

    output = out.getvalue()
    assert "Catalogue search [" in output and "100%" in output
    per_language = {
        code: sum(1 for _page_id, language in before if language == code) for code in ("en", "es", "fr")
    }
    assert per_language["fr"] > 0 and len(set(per_language.values())) == 1  # every entry in every language
    summary = ", ".join(f"{code}: {count}" for code, count in per_language.items())
    assert f"Indexed {len(before)} pages ({summary})" in output
    assert set(SearchDocument.objects.values_list("page_id", "language")) == before
    assert not SearchDocument.objects.filter(page_id=draft.pk).exists()
    tools = SearchDocument.objects.filter(facet_keys__contains=" kind:tool ")
    assert tools.count() == visible(ToolPage.objects).count()


def test_update_index_is_safe_to_run_twice():
    call_command("update_index", "--catalogue-only", stdout=io.StringIO())
    count = SearchDocument.objects.count()
    call_command("update_index", "--catalogue-only", stdout=io.StringIO())
    assert SearchDocument.objects.count() == count


@pytest.mark.opensearch
def test_a_rebuilt_engine_index_gets_its_own_refresh_and_replica_settings_back(live_engine):
    """Indices are built without refreshes or replicas; the ones swapped in have their settings back."""
    from search import rebuild

    engine = live_engine("opensearch")
    published = tool("Outil reconstruit", summary="Trouvé après la reconstruction.")
    published.save_revision().publish()
    summary = rebuild.rebuild()

    assert summary["engine_rebuilt"], summary["engine_error"]
    client = engine.backend_for("fr").es
    alias = engine.index_names(["fr"])[0]
    for settings in client.indices.get_settings(index=alias).values():
        index = settings["settings"]["index"]
        assert index.get("refresh_interval") != "-1"
        assert index.get("number_of_replicas") == "1"  # the engine's default, as before
    # searchable at once, without an explicit refresh
    assert any(hit.page_id == published.pk for hit in engine.search(_request("reconstruit")).hits)


def _request(text):
    from search.query import SearchRequest

    return SearchRequest(text, "fr")
