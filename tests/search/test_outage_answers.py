"""An answer the database gave in the engine's place is kept nowhere: once the engine is back, its
own answer shows, without the notice.

"Down" is a real local port nothing listens on. "Back" is, on the database path that runs
everywhere, the site configured without an engine again (the database search is then the engine,
and answers without a notice); with ``OPENSEARCH_URL`` (CI), the live engine itself.
"""

import pytest

from search import rebuild
from search.config import engine_backends
from search.engines import breaker
from tests.factories import tool
from tests.helpers.search import ENGINES

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9"
NOTICE = "Le moteur de recherche principal ne répond pas"


def engine_down(settings, name):
    settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
    setattr(settings, f"{name.upper()}_URL", UNREACHABLE)
    settings.WAGTAILSEARCH_BACKENDS = settings.WAGTAILSEARCH_BACKENDS | engine_backends(
        name, UNREACHABLE, "toolbox_", timeout=2
    )
    breaker.reset()


@pytest.fixture
def back(settings, live_engine):
    """Bring the engine back: the database search (no engine configured), or the live engine."""

    def bring_back(name):
        if name == "database":
            settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
        else:
            live_engine(name)
            rebuild.rebuild()
        breaker.reset()

    yield bring_back
    breaker.reset()


@pytest.mark.parametrize("recovered", ENGINES)
@pytest.mark.parametrize(
    "address",
    ["/fr/search/?q=mistral", "/fr/outils/?sort=updated"],
    ids=["search", "listing"],
)
def test_an_answer_given_during_an_outage_is_not_kept_after_recovery(
    client, settings, back, recovered, address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tool("Mistral", summary="Un vent du nord.").save_revision().publish()
    engine_down(settings, "opensearch" if recovered == "database" else recovered)

    during = client.get(address)
    assert during.status_code == 200
    assert NOTICE in during.content.decode()
    assert "no-store" in during["Cache-Control"]
    assert "X-Page-Cache" not in during

    back(recovered)
    after = client.get(address)

    assert after.status_code == 200
    assert NOTICE not in after.content.decode()
    assert "Mistral" in after.content.decode()
    assert after["X-Page-Cache"] == "miss"
