"""A publish never waits on the cache in front of the site, whatever that cache does.

The edges here are real servers on 127.0.0.1: one that accepts the connection and never answers, one
that refuses it (nothing listens), one that answers 500, one that answers too late, and a working one.
A moderator publishes through the admin; the purge runs after the commit in a background thread
(cms/task_backends.py), each request within ``FRONTEND_CACHE_PURGE_TIMEOUT``.
"""

import base64
import json
import logging
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings as django_settings
from django_tasks import task_backends
from wagtail.models import Page

from tests.admin import edit_url, page_form
from tests.factories import live_tool
from tests.servers import HangingServer, free_port, production_environment

pytestmark = pytest.mark.django_db

# the backend the production settings give FRONTEND_CACHE_PURGE_URL (checked below)
EDGE_BACKEND = "caching.frontend.HTTPPurgeBackend"
# how long the test lets a publish hang before hanging up the edge's connections itself: only ever
# reached when the publish waits on the edge, and then the test fails (it is not a speed limit)
WATCHDOG_SECONDS = 30
# what an operator might put in the purge URL, and must never see in a log
SECRET = "s3cret-purge-password"


def configure_edge(settings, location, timeout=1):
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {"BACKEND": EDGE_BACKEND, "LOCATION": location, "TIMEOUT": timeout},
    }


def with_credentials(url):
    return url.replace("http://", f"http://purger:{SECRET}@")


def background_done():
    return task_backends["background"].wait(WATCHDOG_SECONDS)


def publish_as_moderator(client, moderator, page, title, capture):
    client.force_login(moderator)
    form = page_form(client, edit_url(page), type(page), page)
    form["title"] = title
    with capture(execute=True):  # the commit's callbacks run, as at the end of a real request
        response = client.post(edit_url(page), {**form, "action-publish": "action-publish"})
    assert response.status_code == 302, response.status_code
    assert Page.objects.get(pk=page.pk).title == title
    return response


class _Edge(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purged.append(f"{self.headers['Host']}{self.path}")
        self.server.authorizations.add(self.headers.get("Authorization"))
        if self.server.delay:
            time.sleep(self.server.delay)
        self.send_response(self.server.status)
        self.end_headers()
        self.server.answered += 1

    def log_message(self, *args):
        pass


@pytest.fixture
def edge_server():
    """Start a real HTTP edge on 127.0.0.1 answering ``status`` after ``delay`` seconds."""
    servers = []

    def start(status=200, delay=0):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Edge)
        server.daemon_threads, server.block_on_close = True, False
        server.purged, server.authorizations, server.status, server.delay = [], set(), status, delay
        server.answered = 0
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server, f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_publish_returns_while_the_edge_holds_the_purge_unanswered(
    settings, client, moderator, django_capture_on_commit_callbacks, caplog
):
    hanging = HangingServer()
    watchdog = threading.Timer(WATCHDOG_SECONDS, hanging.hang_up)
    watchdog.start()
    try:
        configure_edge(settings, with_credentials(hanging.url), timeout=2)
        tool = live_tool("Outil au bord muet")

        with caplog.at_level(logging.ERROR, logger="caching.frontend"):
            publish_as_moderator(
                client, moderator, tool, "Outil publié sans attendre", django_capture_on_commit_callbacks
            )
            # the answer came back without the watchdog hanging up on the publish's own purge
            assert not hanging.hung_up
            # and the purge did go out, from elsewhere: the edge holds its connection, unanswered
            assert hanging.wait_for_connection()
            assert not hanging.hung_up
            assert background_done()  # the background thread gave up after its own timeout
    finally:
        watchdog.cancel()
        hanging.close()
    assert "no answer within 2 s" in caplog.text
    assert SECRET not in caplog.text


@pytest.mark.parametrize(
    ("status", "delay", "logged"),
    [(500, 0, "refused: HTTP 500"), (200, 3, "no answer within 0.5 s")],
    ids=["answers-500", "answers-too-late"],
)
def test_an_edge_that_fails_or_answers_late_never_holds_a_publish(
    settings,
    client,
    moderator,
    django_capture_on_commit_callbacks,
    caplog,
    edge_server,
    status,
    delay,
    logged,
):
    server, url = edge_server(status=status, delay=delay)
    configure_edge(settings, with_credentials(url), timeout=0.5)
    tool = live_tool("Outil au bord capricieux")

    with caplog.at_level(logging.ERROR, logger="caching.frontend"):
        publish_as_moderator(
            client, moderator, tool, "Outil publié malgré le bord", django_capture_on_commit_callbacks
        )
        if delay:  # the publish came back before the slow edge answered anything
            assert not server.answered
        assert background_done()

    assert server.purged  # it was asked
    assert logged in caplog.text
    assert SECRET not in caplog.text


def test_an_edge_that_refuses_connections_is_logged_and_the_publish_goes_through(
    settings, client, moderator, django_capture_on_commit_callbacks, caplog
):
    configure_edge(settings, with_credentials(f"http://127.0.0.1:{free_port()}"))
    tool = live_tool("Outil au bord fermé")

    with caplog.at_level(logging.ERROR, logger="caching.frontend"):
        publish_as_moderator(
            client, moderator, tool, "Outil publié, bord fermé", django_capture_on_commit_callbacks
        )
        assert background_done()

    assert "edge purge of" in caplog.text and "failed" in caplog.text
    assert SECRET not in caplog.text


def test_a_working_edge_still_receives_the_purge(
    settings, client, moderator, django_capture_on_commit_callbacks, edge_server
):
    server, url = edge_server()
    configure_edge(settings, with_credentials(url))
    tool = live_tool("Outil au bord qui répond")

    publish_as_moderator(client, moderator, tool, "Outil purgé au bord", django_capture_on_commit_callbacks)
    assert background_done()

    tool.refresh_from_db()
    assert any(address.endswith(tool.url) for address in server.purged)
    # the purge URL's credentials, as Basic authentication
    assert server.authorizations == {"Basic " + base64.b64encode(f"purger:{SECRET}".encode()).decode()}


def test_the_production_settings_give_the_purge_url_a_time_limit_and_the_background():
    """cms/settings/production.py with FRONTEND_CACHE_PURGE_URL, as a deployment reads it."""
    script = (
        "import json, cms.settings.production as s; "
        "print(json.dumps({'edge': s.WAGTAILFRONTENDCACHE['edge'], 'tasks': s.TASKS, "
        "'timeout': s.FRONTEND_CACHE_PURGE_TIMEOUT}))"
    )
    env = production_environment(
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081", ALLOWED_HOSTS="toolbox.example.org"
    )
    env.pop("FRONTEND_CACHE_PURGE_TIMEOUT", None)
    output = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=django_settings.BASE_DIR, capture_output=True, text=True
    )
    assert output.returncode == 0, output.stderr
    found = json.loads(output.stdout)
    assert found["edge"]["BACKEND"] == EDGE_BACKEND
    assert 0 < found["timeout"] <= 10  # a few seconds, not Wagtail's none
    assert found["tasks"]["background"]["BACKEND"] == "cms.task_backends.ThreadPoolBackend"
    assert "edge-purge" in found["tasks"]["background"]["QUEUES"]
    from caching.frontend import purge_addresses

    assert (purge_addresses.backend, purge_addresses.queue_name) == ("background", "edge-purge")
