"""A repository's facts come from its forge's documented API, served here by a local server."""

import json

import pytest

from tests.harvest import http
from tests.harvest.http import Answer
from vitality import forges, probe

http_server = http.http_server  # the fixture: a LocalServer started for the test


def api(data, status=200):
    return Answer(json.dumps(data), status=status, headers={"Content-Type": "application/json"})


def ask(url, headers):
    return probe.check(url, headers=headers, json_body=True)


@pytest.mark.parametrize(
    ("address", "kind", "path"),
    [
        ("https://github.com/decidim/decidim", "github", "decidim/decidim"),
        ("https://github.com/decidim/decidim/tree/develop", "github", "decidim/decidim"),
        ("https://gitlab.com/group/sub/project/-/tree/main", "gitlab", "group/sub/project"),
        ("https://framagit.org/a/b.git", "gitlab", "a/b"),
        ("https://codeberg.org/forgejo/forgejo", "gitea", "forgejo/forgejo"),
        ("https://git.example.org/owner/name", "", "owner/name"),
    ],
)
def test_the_forge_is_known_from_the_address(address, kind, path):
    forge = forges.forge_of(address)
    assert (forge.kind, forge.path) == (kind, path)


@pytest.mark.parametrize(
    "address", ["https://github.com/", "https://github.com/decidim", "not an address", ""]
)
def test_an_address_naming_no_repository_has_no_forge(address):
    assert forges.forge_of(address) is None


def test_github_facts(settings, http_server):
    settings.VITALITY_GITHUB_API = http_server.url
    settings.VITALITY_FORGE_TOKENS = {"github.com": "s3cret"}
    http_server.route(
        "/repos/decidim/decidim",
        api({"pushed_at": "2026-11-30T10:00:00Z", "archived": False, "open_issues_count": 12}),
    )
    http_server.route(
        "/repos/decidim/decidim/releases/latest",
        api({"tag_name": "v0.29.2", "published_at": "2026-10-01T00:00:00Z"}),
    )
    http_server.route("/repos/decidim/decidim/issues", api([{"updated_at": "2026-12-01T00:00:00Z"}]))
    outcome, found = forges.facts(forges.forge_of("https://github.com/decidim/decidim"), ask)
    assert outcome.state == "answers"
    assert found == {
        "forge": "github",
        "pushed_at": "2026-11-30T10:00:00+00:00",
        "archived": False,
        "open_issues": 12,
        "release_at": "2026-10-01T00:00:00+00:00",
        "release": "v0.29.2",
        "issues_at": "2026-12-01T00:00:00+00:00",
    }
    assert {request.headers["Authorization"] for request in http_server.seen()} == {"Bearer s3cret"}


def test_a_repository_the_forge_does_not_know_fails(settings, http_server):
    settings.VITALITY_GITHUB_API = http_server.url
    http_server.route("/repos/gone/away", api({"message": "Not Found"}, status=404))
    outcome, found = forges.facts(forges.forge_of("https://github.com/gone/away"), ask)
    assert (outcome.state, outcome.reason, found) == ("fails", "no-repository", None)


def test_gitlab_facts_on_a_self_hosted_forge(settings, http_server):
    host = f"127.0.0.1:{http_server.port}"
    settings.VITALITY_FORGES = {host: "gitlab"}
    base = "/api/v4/projects/adullact%2Fpristy"
    http_server.route(
        base, api({"last_activity_at": "2026-01-01T00:00:00Z", "archived": True, "open_issues_count": 0})
    )
    http_server.route(base + "/repository/commits", api([{"committed_date": "2025-12-30T08:00:00+01:00"}]))
    http_server.route(base + "/releases", api([]))
    http_server.route(base + "/issues", api([]))
    _outcome, found = forges.facts(forges.forge_of(f"http://{host}/adullact/pristy"), ask)
    assert found["archived"] is True
    assert found["pushed_at"] == "2025-12-30T08:00:00+01:00"
    assert "release_at" not in found


def test_an_unknown_host_is_asked_as_gitea_then_gitlab(http_server):
    http_server.route(
        "/api/v1/repos/owner/name",
        api({"full_name": "owner/name", "archived": False, "updated_at": "2026-06-01T00:00:00Z"}),
    )
    http_server.route(
        "/api/v1/repos/owner/name/commits", api([{"commit": {"committer": {"date": "2026-05-30T00:00:00Z"}}}])
    )
    http_server.route(
        "/api/v1/repos/owner/name/releases",
        api([{"tag_name": "1.0", "published_at": "2026-04-01T00:00:00Z"}]),
    )
    _outcome, found = forges.facts(forges.forge_of(http_server.address("/owner/name")), ask)
    assert (found["forge"], found["pushed_at"], found["release"]) == (
        "gitea",
        "2026-05-30T00:00:00+00:00",
        "1.0",
    )


def test_a_host_with_no_forge_api_is_left_to_the_web_page_check(http_server):
    outcome, found = forges.facts(forges.forge_of(http_server.address("/owner/name")), ask)
    assert (outcome, found) == (None, None)
    assert [request.path.split("?")[0] for request in http_server.seen()] == [
        "/api/v1/repos/owner/name",
        "/api/v4/projects/owner%2Fname",
    ]


def test_what_an_api_says_is_cleaned(settings, http_server):
    settings.VITALITY_GITHUB_API = http_server.url
    http_server.route(
        "/repos/a/b",
        api({"pushed_at": "<script>", "archived": "yes", "open_issues_count": -3}),
    )
    http_server.route(
        "/repos/a/b/releases/latest", api({"tag_name": "v1\n\n<b>x</b>" + "y" * 500, "published_at": 42})
    )
    _outcome, found = forges.facts(forges.forge_of("https://github.com/a/b"), ask)
    assert found["pushed_at"] is None and found["open_issues"] is None and found["release_at"] is None
    assert found["archived"] is False  # only a JSON true archives
    assert len(found["release"]) == 80


def test_a_token_never_travels_over_http_or_to_another_port(settings):
    settings.VITALITY_FORGE_TOKENS = {"gitlab.com": "glpat-secret", "codeberg.org": "cb"}
    assert forges.headers_for(forges.forge_of("https://gitlab.com/g/p")) == {"PRIVATE-TOKEN": "glpat-secret"}
    assert forges.headers_for(forges.forge_of("http://gitlab.com/g/p")) == {}
    assert forges.headers_for(forges.forge_of("https://gitlab.com:8443/g/p")) == {}
    assert forges.headers_for(forges.forge_of("https://codeberg.org/a/b")) == {"Authorization": "token cb"}


def test_a_forge_that_refuses_its_api_could_not_be_asked(settings, http_server):
    settings.VITALITY_GITHUB_API = http_server.url
    http_server.route("/repos/a/b", api({"message": "API rate limit exceeded"}, status=403))
    outcome, found = forges.facts(forges.forge_of("https://github.com/a/b"), ask)
    assert (outcome.state, outcome.reason, found) == ("unknown", "forge-refused", None)


def test_a_release_list_that_times_out_is_unknown_not_absent(settings, http_server):
    settings.VITALITY_GITHUB_API = http_server.url
    http_server.route("/repos/a/b", api({"pushed_at": "2026-11-30T10:00:00Z", "archived": False}))
    http_server.route("/repos/a/b/releases/latest", api({}, status=502))
    http_server.route("/repos/a/b/issues", api([]))
    _outcome, found = forges.facts(forges.forge_of("https://github.com/a/b"), ask)
    assert found["release_unknown"] is True and "release_at" not in found


def test_control_characters_in_what_a_forge_says_are_dropped(http_server):
    http_server.route(
        "/api/v1/repos/owner/name",
        api({"full_name": "owner/name", "archived": False, "updated_at": "2026-06-01T00:00:00Z"}),
    )
    http_server.route(
        "/api/v1/repos/owner/name/releases",
        api([{"tag_name": "v1\u0000", "published_at": "2026-04-01T00:00:00Z"}]),
    )
    _outcome, found = forges.facts(forges.forge_of(http_server.address("/owner/name")), ask)
    assert found["release"] == "v1"
