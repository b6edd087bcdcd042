import json
import socket

import pytest

from tests.factories import live_tool
from tests.harvest.http import Answer, LocalServer


def api(data, status=200, **headers):
    return Answer(json.dumps(data), status=status, headers={"Content-Type": "application/json", **headers})


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(autouse=True)
def _nothing_beyond_loopback(monkeypatch):
    """The shared test data (the demo catalogue) names real sites: here no name but the loopback's
    resolves, as on a machine without network, so no check of theirs ever leaves this machine."""
    resolve = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):
        if str(host).lower().strip("[]") not in LOOPBACK:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (tests: loopback only)")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)


@pytest.fixture
def web():
    """A local server playing the tools' websites and their forge (GitHub's API at ``/repos/``)."""
    with LocalServer() as server:
        yield server


@pytest.fixture
def quick(settings, web):
    """The checks' settings for tests: no long waits."""
    settings.VITALITY_MAX_WAIT = 2
    settings.VITALITY_CONNECT_TIMEOUT = 1
    settings.VITALITY_READ_TIMEOUT = 1
    return settings


def github(web, path, pushed_at, *, archived=False, release=None, issues_at=None):
    """``web`` plays GitHub's API for the repository ``path`` (and for every GitHub repository: the
    demo's too, which it does not know)."""
    from django.conf import settings

    settings.VITALITY_GITHUB_API = web.url
    web.route(f"/repos/{path}", api({"pushed_at": pushed_at, "archived": archived, "open_issues_count": 3}))
    web.route(
        f"/repos/{path}/releases/latest",
        api({"tag_name": release[0], "published_at": release[1]})
        if release
        else api({"message": "Not Found"}, 404),
    )
    web.route(f"/repos/{path}/issues", api([{"updated_at": issues_at}] if issues_at else []))


def tool_at(web, title, path="/", repository="", **fields):
    return live_tool(title, website=web.address(path), source_code_url=repository, **fields)
