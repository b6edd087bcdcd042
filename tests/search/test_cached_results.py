"""A cached search or listing never outlives the engine's copy of a change.

The engine (OpenSearch, Elasticsearch) takes a publish after the commit, from a worker. A search
page cached in between, after the commit but before the engine took the change, would keep
showing the old results: taking the change starts a new content generation.
"""

import pytest

from tests.factories import tool
from tests.helpers.html import parse, result_titles

pytestmark = pytest.mark.django_db


def test_a_search_cached_before_the_engine_took_a_publish_is_renewed_once_it_has(
    client, engine, django_capture_on_commit_callbacks
):
    page = tool("Zorglub", summary="Un outil de délibération.")
    with django_capture_on_commit_callbacks(execute=False) as pending:
        page.save_revision().publish()
    sends = [callback for callback in pending if "kick" in callback.__code__.co_names]
    for callback in pending:
        if callback not in sends:
            callback()
    early = client.get("/fr/search/", {"q": "Zorglub"})
    if engine.live is None:
        # the database index is written in the publish's own transaction: already there
        assert "Zorglub" in result_titles(parse(early))
        return
    assert "Zorglub" not in result_titles(parse(early))
    for callback in sends:
        callback()
    engine.refresh()
    assert "Zorglub" in result_titles(parse(client.get("/fr/search/", {"q": "Zorglub"})))
