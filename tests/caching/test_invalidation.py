"""What starts a new content generation, and what a cache in front of the site is told to purge."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django_tasks import task_backends
from wagtail.models import Locale, Page

from core import freshness
from pages.tools import ToolIndexPage, ToolPage
from tests.factories import linked_catalogue, live_tool, section

pytestmark = pytest.mark.django_db


def changes_generation(action):
    before = freshness.generation()
    action()
    return freshness.generation() != before


def test_visible_changes_start_a_new_generation_and_bookkeeping_does_not(editor):
    tool = live_tool("Outil suivi")
    assert changes_generation(lambda: tool.save_revision().publish())
    assert changes_generation(tool.unpublish)
    assert changes_generation(lambda: tool.delete())
    store = SessionStore()
    store["anything"] = 1
    assert not changes_generation(store.save)
    editor.last_login = editor.date_joined
    assert not changes_generation(lambda: editor.save(update_fields=["last_login"]))


def test_a_moved_page_leaves_its_old_address_at_once(client):
    tool = live_tool("Outil déplacé")
    old = tool.url
    assert client.get(old).status_code == 200
    home = tool.get_parent().get_parent()
    tool.move(home, pos="last-child")
    new = Page.objects.get(pk=tool.pk).url
    moved = client.get(old)
    assert (moved.status_code, moved["Location"]) == (301, new)
    assert client.get(new).status_code == 200


def test_a_translation_published_through_wagtail_localize_shows_at_once_in_the_switcher(client):
    from wagtail_localize.models import TranslationSource

    tool = live_tool("Outil à traduire")
    before = client.get(tool.url).content.decode()
    source, _created = TranslationSource.get_or_create_from_instance(tool)
    translation, _created = source.create_or_update_translation(
        Locale.objects.get(language_code="es"), publish=True, fallback=True
    )
    # nothing is published without a moderator: the sync leaves a draft, which the moderator publishes
    translation.get_latest_revision().publish()
    translation.refresh_from_db()
    assert translation.live
    after = client.get(tool.url).content.decode()
    assert translation.url in after
    assert translation.url not in before


class _PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):
        self.purged.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def sent():
    """The purges go out after the commit, from a background thread (cms/task_backends.py)."""
    return task_backends["background"].wait(10)


@pytest.fixture
def edge(settings):
    """A real HTTP server on 127.0.0.1 standing for Varnish or nginx, recording the PURGE requests."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    _PurgeRecorder.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "caching.frontend.HTTPPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield _PurgeRecorder.purged
    server.shutdown()
    server.server_close()


def test_a_publish_purges_the_page_its_translations_sections_and_the_pages_citing_it(
    edge, django_capture_on_commit_callbacks
):
    built = linked_catalogue()
    tool, use_case = built["tool"]["fr"], built["use_case"]
    with django_capture_on_commit_callbacks(execute=True):
        tool.title = "Outil purgé"
        tool.save_revision().publish()
    assert sent()
    paths = {address.split("testserver", 1)[-1] for address in edge}
    for language in ("fr", "en", "es"):
        assert built["tool"][language].url in paths
        assert use_case[language].url in paths
        assert section(ToolIndexPage, language).url in paths
        assert f"/{language}/" in paths


def test_without_an_edge_configured_nothing_is_sent(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    tool = live_tool("Outil sans bord")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tool.save_revision().publish()
    from caching import frontend

    assert not any(getattr(c, "__module__", "") == frontend.__name__ for c in callbacks)


def test_an_edge_that_is_down_never_fails_a_publish(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    tool = live_tool("Outil au bord fermé")
    with django_capture_on_commit_callbacks(execute=True):
        tool.title = "Outil publié quand même"
        tool.save_revision().publish()
    assert ToolPage.objects.get(pk=tool.pk).title == "Outil publié quand même"
    assert Page.objects.filter(pk=tool.pk, live=True).exists()


def test_an_editors_draft_keeps_the_public_cache_warm_and_shows_nowhere(client):
    tool = live_tool("Outil en travaux")
    visit = client.get(tool.url)
    assert visit["X-Page-Cache"] == "miss"
    before = freshness.generation()
    tool.title = "Brouillon pas encore relu"
    tool.save_revision()  # what the editor's Save (and Wagtail's autosave) does
    assert freshness.generation() == before
    again = client.get(tool.url)
    assert again["X-Page-Cache"] == "hit"
    assert "Brouillon pas encore relu" not in again.content.decode()
    tool.get_latest_revision().publish()
    assert "Brouillon pas encore relu" in client.get(tool.url).content.decode()


def test_an_unpublished_or_restricted_page_is_purged_from_the_edge(edge, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    gone, hidden = live_tool("Outil retiré du bord"), live_tool("Outil caché du bord")
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    assert sent()
    assert any(address.endswith(gone.url) for address in edge)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    assert sent()
    assert any(address.endswith(hidden.url) for address in edge)
