"""Web and repository addresses: the one definition of what may be stored and when two are the same.

Harvested sources, imports and the duplicate checker all compare addresses; they do it here, so that
"http://www.GitHub.com/Decidim/decidim.git/" and "https://github.com/decidim/decidim" are the same
repository everywhere.

* ``clean``: an address fit to store and show as a link, or "" (only http and https, a real host, no
  credentials, no whitespace or control characters, at most ``MAX_LENGTH`` characters);
* ``key``: the form two addresses are compared in (no scheme, "www.", default port, query, fragment,
  trailing slash or ".git"; paths lowercased on the forges that ignore their case);
* ``repository``: the address of a source code repository itself, not one of its pages.
"""

import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

MAX_LENGTH = 500

# forges whose owner and repository names ignore case (GitHub/decidim = github/Decidim): their paths
# are compared lowercased and their repositories are always served over https
FORGES = frozenset(
    {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "framagit.org", "sourceforge.net"}
)
# forges where a repository is always /owner/name: anything after names one of its pages
TWO_SEGMENT_FORGES = frozenset({"github.com", "bitbucket.org", "codeberg.org"})
# schemes a repository is commonly cloned from; the key drops the scheme, so they compare with https
CLONE_SCHEMES = frozenset({"git", "ssh", "git+ssh"})
DEFAULT_PORTS = {"http": 80, "https": 443, "git": 9418, "ssh": 22, "git+ssh": 22}
# a page inside a repository on a GitLab ("/-/tree/main", "/-/issues") or a Gitea/Forgejo
# ("/src/branch/main/docs") instance, wherever it is hosted: these markers name no repository
INNER_PAGE = re.compile(r"/(?:-|src/(?:branch|tag|commit))(?:/.*)?$")
# whitespace and control characters are never part of an address (a browser would encode them)
FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f]")

_validate = URLValidator(schemes=["http", "https"])


def _parts(url, schemes):
    """(scheme, host, port, path, query, fragment) of ``url`` if it is a plausible address with one of
    ``schemes``, else None. The host is lowercased, credentials are dropped: what a link with them
    reaches is the host after the "@", and the secret must not be stored."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > MAX_LENGTH or FORBIDDEN.search(url):
        return None
    try:
        split = urlsplit(url)
        port = split.port  # a port that is not a number in range raises ValueError
    except ValueError:
        return None
    scheme = split.scheme.lower()
    host = (split.hostname or "").rstrip(".")  # urlsplit lowercases it and drops user:pass@
    if scheme not in schemes or not host:
        return None
    if ":" in host:  # an IPv6 address: written in brackets in an address
        host = f"[{host}]"
    return scheme, host, port, split.path, split.query, split.fragment


def _join(scheme, host, port, path, query, fragment):
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((scheme, netloc, path, query, fragment))


def clean(url):
    """``url`` as it may be stored and linked to, or "" when it is not a web address."""
    return _clean(url) if isinstance(url, str) else ""


# Matching compares every entry's address with every incoming one (opendata.duplicates, harvests):
# the same few thousand strings again and again, each through Django's URL validator.
@lru_cache(maxsize=8192)
def _clean(url):
    parts = _parts(url, {"http", "https"})
    if parts is None:
        return ""
    cleaned = _join(*parts)
    try:
        # Django's own check (hosts, IDN, IP addresses, lengths) on top of the parsing above
        _validate(cleaned)
    except ValidationError:
        return ""
    return cleaned


def _ascii_host(host):
    """The host's ASCII form, so that "bücher.example" and "xn--bcher-kva.example" compare equal."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _trim(path):
    return path.rstrip("/").removesuffix(".git").rstrip("/")


def key(url):
    """The form two addresses are compared in, or "" when ``url`` is not an address.

    Dropped: the scheme (git:// and ssh:// clone addresses are accepted, so they compare with https),
    credentials, "www.", the scheme's default port, the query, the fragment, trailing slashes and a
    trailing ".git". Kept: the host (lowercased, in ASCII), any other port and the path, lowercased
    only on ``FORGES``. The one query kept is gitweb's ``p``, which names the repository
    ("git.postgresql.org/gitweb/?p=postgresql.git"): without it every repository of such a host would
    share one key.
    """
    return _key(url) if isinstance(url, str) else ""


@lru_cache(maxsize=8192)
def _key(url):
    parts = _parts(url, {"http", "https"} | CLONE_SCHEMES)
    if parts is None:
        return ""
    scheme, host, port, path, query, _fragment = parts
    if not clean(_join("https", host, port, path, "", "")):  # the same checks for every scheme
        return ""
    host = _ascii_host(host).removeprefix("www.")
    port = "" if port is None or port == DEFAULT_PORTS[scheme] else f":{port}"
    path = _trim(path)
    if host in FORGES:
        path = path.lower()
    project = re.search(r"(?:^|[&;])p=([^&;]+)", query)  # gitweb separates by ";" too
    kept = f"?p={project.group(1).removesuffix('.git')}" if project else ""
    return f"{host}{port}{path}{kept}"


def repository(url):
    """The address of the repository ``url`` points into, fit to store, or "".

    On ``FORGES`` it is https without "www.", ".git", query or fragment, and names the repository
    itself: "/tree/<branch>/…", "/blob/…", "/issues"… are cut after /owner/name on GitHub, Bitbucket
    and Codeberg, and after /projects/<name> on SourceForge. Anywhere, GitLab's "/-/…" and
    Gitea/Forgejo's "/src/branch/…" pages are cut (GitLab groups and subgroups are kept). Elsewhere a
    trailing ".git" is kept: cgit and gitweb hosts serve the repository under that name (the key
    ignores it anyway). git:// and ssh:// addresses are kept only on ``FORGES``, as https.
    """
    parts = _parts(url, {"http", "https"} | CLONE_SCHEMES)
    if parts is None:
        return ""
    scheme, host, port, path, query, fragment = parts
    path = INNER_PAGE.sub("", path)
    forge = host.removeprefix("www.")
    if forge in FORGES:
        segments = [segment for segment in path.split("/") if segment]
        project = forge == "sourceforge.net" and segments[:1] in (["projects"], ["p"])
        if forge in TWO_SEGMENT_FORGES or project:
            segments = segments[:2]
        if not segments:  # the forge itself names no repository
            return ""
        path = _trim("/" + "/".join(segments))
        return clean(_join("https", forge, None, path, "", ""))
    if scheme not in ("http", "https"):
        return ""
    # a trailing slash before a query may be what the page needs ("/gitweb/?p=…"): kept then
    return clean(_join(scheme, host, port, path if query else path.rstrip("/"), query, fragment))
