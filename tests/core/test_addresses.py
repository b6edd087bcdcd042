"""One definition of addresses: what may be stored, when two are the same, what names a repository."""

import pytest

from core.addresses import clean, key, repository


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("  https://Example.ORG/Path?q=1#top \n", "https://example.org/Path?q=1#top"),  # host only lowercased
        ("HTTP://www.example.org", "http://www.example.org"),
        ("https://user:secret@example.org/a", "https://example.org/a"),  # the secret is never stored
        ("https://example.org:8443/a", "https://example.org:8443/a"),
        ("https://bücher.example/katalog", "https://bücher.example/katalog"),  # an IDN host
        ("https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/"),
        ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/x"),
    ],
)
def test_a_web_address_is_stored_trimmed_with_its_host_lowercased_and_no_credentials(given, stored):
    assert clean(given) == stored


HOSTILE = [
    None,
    "",
    "   ",
    42,
    ["https://example.org"],
    "javascript:alert(document.cookie)",
    "JavaScript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://ftp.example.org/pub",
    "file:///etc/passwd",
    "mailto:someone@example.org",
    "not a url",
    "example.org",  # no scheme: not guessed
    "https://",
    "https:///path-only",
    "https://exa mple.org/",
    "https://example.org/a\nb",
    "https://example.org/\x00",
    "https://example.org:99999/",
    "https://example.org:port/",
    "https://<script>.example.org/",
    "https://example.org/" + "a" * 500,  # longer than any address worth storing
    "https://example.org/" + "a" * 10_000,
    "h" * 10_000,
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_anything_but_an_http_address_is_neither_stored_nor_matched(hostile):
    assert clean(hostile) == ""
    assert key(hostile) == ""
    assert repository(hostile) == ""


def test_an_address_of_500_characters_is_kept():
    address = "https://example.org/" + "a" * 480
    assert len(address) == 500 and clean(address) == address


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("http://www.GitHub.com/Decidim/decidim.git/", "https://github.com/decidim/decidim"),
        ("https://github.com/decidim/decidim", "git://github.com/decidim/decidim.git"),  # clone addresses
        ("ssh://git@github.com/decidim/decidim.git", "https://github.com/decidim/decidim/"),
        ("https://www.OpenFisca.org/", "http://openfisca.org"),
        ("https://openfisca.org/fr?utm_source=x#top", "http://openfisca.org/fr/"),  # query and fragment
        ("https://openfisca.org:443/fr", "http://openfisca.org:80/fr"),  # default ports
        ("https://GitLab.com/Group/SubGroup/Project", "https://gitlab.com/group/subgroup/project.git"),
        ("https://framagit.org/Framasoft/PeerTube", "https://framagit.org/framasoft/peertube"),
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),  # IDN written either way
        ("https://user:pw@example.org/a", "https://example.org/a"),
    ],
)
def test_the_same_address_written_differently_has_one_key(a, b):
    assert key(a) == key(b) != ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://github.com/decidim/decidim", "https://github.com/decidim/decidim-app"),  # two repositories
        ("https://github.com/decidim/decidim", "https://github.com/consuldemocracy/decidim"),
        ("https://gitlab.com/group/sub/project", "https://gitlab.com/group/project"),  # subgroups are kept
        ("https://gitlab.com/group/sub-a/project", "https://gitlab.com/group/sub-b/project"),
        ("https://openfisca.org/fr/", "https://openfisca.org/"),
        ("https://example.org/Docs", "https://example.org/docs"),  # only forges ignore the path's case
        ("https://example.org:8080/", "https://example.org/"),  # a port other than the default
        ("https://a.example.org/", "https://b.example.org/"),
        (
            "https://git.postgresql.org/gitweb/?p=postgresql.git",
            "https://git.postgresql.org/gitweb/?p=pgadmin.git",
        ),
    ],
)
def test_different_addresses_keep_different_keys(a, b):
    assert key(a) != key(b)


def test_a_key_drops_what_links_may_add_but_keeps_the_host_and_path():
    assert key("http://www.GitHub.com/Decidim/decidim.git/") == "github.com/decidim/decidim"
    assert key("https://www.example.org/Some/Page/?q=1#x") == "example.org/Some/Page"
    assert (
        key("https://git.postgresql.org/gitweb/?p=postgresql.git;a=summary")
        == "git.postgresql.org/gitweb?p=postgresql"
    )


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("http://www.GitHub.com/Decidim/decidim.git/", "https://github.com/Decidim/decidim"),
        (
            "https://github.com/decidim/decidim/tree/develop/decidim-core",
            "https://github.com/decidim/decidim",
        ),
        (
            "https://github.com/XRAccessibility/site/blob/main/README.md",
            "https://github.com/XRAccessibility/site",
        ),
        ("https://github.com/decidim/decidim/issues?q=is%3Aopen", "https://github.com/decidim/decidim"),
        ("git://github.com/nextcloud/server.git", "https://github.com/nextcloud/server"),
        ("ssh://git@gitlab.com/group/sub/project.git", "https://gitlab.com/group/sub/project"),
        ("https://gitlab.com/group/sub/project/-/tree/main/docs", "https://gitlab.com/group/sub/project"),
        ("https://git.example.gouv.fr/team/app/-/blob/main/x.py", "https://git.example.gouv.fr/team/app"),
        (
            "https://codeberg.org/forgejo/forgejo/src/branch/forgejo/docs",
            "https://codeberg.org/forgejo/forgejo",
        ),
        ("https://gitea.example.org/org/repo/src/tag/v1.0/", "https://gitea.example.org/org/repo"),
        ("https://bitbucket.org/team/repo/src/abc123/README.md", "https://bitbucket.org/team/repo"),
        (
            "https://sourceforge.net/projects/sevenzip/files/7-Zip/",
            "https://sourceforge.net/projects/sevenzip",
        ),
        ("https://github.com/codegouvfr/", "https://github.com/codegouvfr"),  # an account
        # cgit and gitweb serve the repository under its ".git" name: kept off the known forges
        ("https://git.kernel.org/pub/scm/git/git.git/", "https://git.kernel.org/pub/scm/git/git.git"),
        (
            "https://git.postgresql.org/gitweb/?p=postgresql.git",
            "https://git.postgresql.org/gitweb/?p=postgresql.git",
        ),
    ],
)
def test_a_repository_address_names_the_repository_itself(given, stored):
    assert repository(given) == stored


def test_a_repository_address_is_refused_where_it_names_no_repository_or_no_web_page():
    assert repository("https://github.com/") == ""  # the forge itself
    assert repository("git://git.apache.org/lucene-solr.git") == ""  # no web address to link to


def test_a_stored_repository_address_keeps_its_key():
    for address in ("http://www.GitHub.com/Decidim/decidim.git/", "https://gitlab.com/a/b/c.git"):
        assert key(repository(address)) == key(address)
        assert repository(repository(address)) == repository(address)
