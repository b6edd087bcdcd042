"""A source repository's facts from its forge's public API: GitHub, GitLab, Gitea and Forgejo.

``forge_of(address)`` says which API serves a repository's web address: GitHub's (``api.github.com``),
or the host's own for GitLab (``/api/v4``) and Gitea/Forgejo (``/api/v1``). Hosts are known by name
(``VITALITY_FORGES``, with the common public ones) or by a name containing "gitlab", "gitea" or
"forgejo"; any other host serving a repository-like address (``/owner/name``) is asked both APIs in
turn, and checked as a web page when neither answers.

``facts(forge, ask)`` asks a few documented endpoints through ``ask(url, headers)`` (the checks' polite
client, ``vitality.checks``) and returns what the score reads, with dates as ISO 8601 text:
``pushed_at`` (last push or commit), ``release_at`` and ``release``, ``archived``, ``issues_at``
(latest issue activity) and ``open_issues``. Tokens (``VITALITY_FORGE_TOKENS``, per host) raise the
rate limits; they are sent to that API's host only.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings

from . import probe

GITHUB, GITLAB, GITEA = "github", "gitlab", "gitea"


@dataclass(frozen=True)
class Forge:
    kind: str  # github, gitlab, gitea; "" for a host to probe
    api: str  # the API's base address, without a trailing slash
    path: str  # owner/name (GitLab: the whole group path)
    host: str  # the web host, for its token


def forge_of(address):
    """The forge serving the repository at ``address``, or None when it is no repository address."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    path = parts.path.split("/-/")[0].strip("/").removesuffix(".git")
    segments = [segment for segment in path.split("/") if segment]
    if len(segments) < 2:
        return None
    base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    kind = _known_kind(host, parts.netloc.lower())
    if kind == GITHUB:
        return Forge(GITHUB, settings.VITALITY_GITHUB_API.rstrip("/"), "/".join(segments[:2]), host)
    if kind == GITEA:
        return Forge(GITEA, f"{base}/api/v1", "/".join(segments[:2]), host)
    if kind == GITLAB:
        # "/tree/main", "/blob/…": pages of the repository; groups nest, so the path is kept up to them
        kept = []
        for segment in segments:
            if segment in ("tree", "blob", "issues", "merge_requests", "wikis"):
                break
            kept.append(segment)
        return Forge(GITLAB, f"{base}/api/v4", "/".join(kept), host)
    return Forge("", base, "/".join(segments[:2]), host)


def _known_kind(host, netloc):
    known = settings.VITALITY_FORGES
    if netloc in known or host in known:
        return known.get(netloc) or known[host]
    if host.startswith("www.") and host[4:] in known:
        return known[host[4:]]
    if "gitlab" in host:
        return GITLAB
    if "gitea" in host or "forgejo" in host:
        return GITEA
    return ""


def headers_for(forge):
    """The API token configured for this forge's host, sent over https to the API's own default port
    only (GitHub's API is the operator's setting, ``VITALITY_GITHUB_API``): a contributor's address
    with http:// or another port never receives it."""
    token = settings.VITALITY_FORGE_TOKENS.get(forge.host, "")
    if not token:
        return {}
    api = urlsplit(forge.api)
    if forge.kind != GITHUB and (api.scheme != "https" or api.port not in (None, 443)):
        return {}
    if forge.kind == GITLAB:
        return {"PRIVATE-TOKEN": token}
    return {"Authorization": f"token {token}" if forge.kind == GITEA else f"Bearer {token}"}


def facts(forge, ask):
    """``(outcome, facts)``: the main request's outcome (a missing repository fails, a forge that
    cannot be asked is unknown) and the facts read, or None."""
    if forge.kind == "":
        for kind, api in ((GITEA, f"{forge.api}/api/v1"), (GITLAB, f"{forge.api}/api/v4")):
            candidate = Forge(kind, api, forge.path, forge.host)
            outcome, found = facts(candidate, ask)
            if found is not None:
                return outcome, found
            if not outcome.answered:
                return outcome, None  # the host cannot be reached: asking its other API will not help
        return None, None  # no forge API: the caller checks the address as a web page
    read = {GITHUB: _github, GITLAB: _gitlab, GITEA: _gitea}[forge.kind]
    return read(forge, lambda url: ask(url, headers_for(forge)))


def _github(forge, get):
    base = f"{forge.api}/repos/{forge.path}"
    outcome = get(base)
    repo = outcome.data if isinstance(outcome.data, dict) else None
    if repo is None or "pushed_at" not in repo:
        return _missing(outcome), None
    found = {
        "forge": GITHUB,
        "pushed_at": _date(repo.get("pushed_at")),
        "archived": repo.get("archived") is True,
        "open_issues": _count(repo.get("open_issues_count")),
    }
    release = _listed(get(f"{base}/releases/latest"), found, "release")  # GitHub: 404 when none
    if isinstance(release, dict):
        found.update(release_at=_date(release.get("published_at")), release=_name(release.get("tag_name")))
    issues = _listed(get(f"{base}/issues?state=all&sort=updated&direction=desc&per_page=1"), found, "issues")
    if (first := _first(issues)) is not None:
        found["issues_at"] = _date(first.get("updated_at"))
    return outcome, found


def _gitlab(forge, get):
    base = f"{forge.api}/projects/{quote(forge.path, safe='')}"
    outcome = get(base)
    project = outcome.data if isinstance(outcome.data, dict) else None
    if project is None or "last_activity_at" not in project:
        return _missing(outcome), None
    found = {
        "forge": GITLAB,
        "pushed_at": _date(project.get("last_activity_at")),
        "archived": project.get("archived") is True,
        "open_issues": _count(project.get("open_issues_count")),
    }
    commits = _listed(get(f"{base}/repository/commits?per_page=1"), {}, "commits")
    if (first := _first(commits)) is not None:
        found["pushed_at"] = _date(first.get("committed_date")) or found["pushed_at"]
    releases = _listed(get(f"{base}/releases?per_page=1"), found, "release")
    if (first := _first(releases)) is not None:
        found.update(release_at=_date(first.get("released_at")), release=_name(first.get("tag_name")))
    # an instance with issues switched off answers 403 or 404: no issue activity to read
    issues = _listed(get(f"{base}/issues?order_by=updated_at&sort=desc&per_page=1"), {}, "issues")
    if (first := _first(issues)) is not None:
        found["issues_at"] = _date(first.get("updated_at"))
    return outcome, found


def _gitea(forge, get):
    base = f"{forge.api}/repos/{forge.path}"
    outcome = get(base)
    repo = outcome.data if isinstance(outcome.data, dict) else None
    if repo is None or "archived" not in repo or "full_name" not in repo:
        return _missing(outcome), None
    found = {
        "forge": GITEA,
        "pushed_at": _date(repo.get("updated_at")),
        "archived": repo.get("archived") is True,
        "open_issues": _count(repo.get("open_issues_count")),
    }
    commits = _listed(get(f"{base}/commits?limit=1&stat=false&verification=false&files=false"), {}, "commits")
    if (first := _first(commits)) is not None:
        commit = first.get("commit") if isinstance(first.get("commit"), dict) else {}
        committer = commit.get("committer") if isinstance(commit.get("committer"), dict) else {}
        found["pushed_at"] = _date(first.get("created") or committer.get("date")) or found["pushed_at"]
    releases = _listed(get(f"{base}/releases?limit=1"), found, "release")
    if (first := _first(releases)) is not None:
        found.update(release_at=_date(first.get("published_at")), release=_name(first.get("tag_name")))
    issues = _listed(get(f"{base}/issues?state=all&type=issues&sort=recentupdate&limit=1"), {}, "issues")
    if (first := _first(issues)) is not None:
        found["issues_at"] = _date(first.get("updated_at"))
    return outcome, found


def _first(listed):
    """The first row of a list the API answered, when it is one (latest first: the one the facts need)."""
    return listed[0] if isinstance(listed, list) and listed and isinstance(listed[0], dict) else None


def _missing(outcome):
    """A repository the forge says does not exist (404, 410) fails; a forge that refuses to say (401,
    403: a bad token, a secondary rate limit, an instance that wants a sign-in) could not be asked; an
    answer that is not the API's (a web page) says the address is no repository of this forge."""
    if outcome.reason in ("not-found", "gone"):
        outcome.state, outcome.reason = probe.FAILS, "no-repository"
    elif outcome.reason == "restricted":
        outcome.state, outcome.reason = probe.UNKNOWN, "forge-refused"
    elif outcome.state == probe.ANSWERS:
        outcome.state, outcome.reason = probe.FAILS, "no-repository"
    return outcome


def _listed(outcome, found, key, absent_status=404):
    """The API's answer to a request for a repository's releases or issues, or None. When it could
    not be read (a timeout, a rate limit, an error), the fact is marked unknown (``<key>_unknown``),
    so that a failed request never reads as "no release"."""
    if outcome.state == probe.ANSWERS and outcome.status and 200 <= outcome.status < 300:
        return outcome.data
    if outcome.status == absent_status:
        return None
    found[f"{key}_unknown"] = True
    return None


def _date(value):
    """ISO 8601 text of a date the API gave, or None (nothing else from outside is kept)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.isoformat()


def _name(value):
    return " ".join(probe.clean(value).split())[:80] if isinstance(value, str) else ""


def _count(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
