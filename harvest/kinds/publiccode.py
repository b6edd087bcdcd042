"""``publiccode.yml`` files (the standard description of public-sector software), by repository
address: the file at the root of the repository's default branch. And lists of repository addresses
(``publiccode-list``): each listed repository's file, read as one source.

A file describes one tool, in each language it has a description for; the organisations it names
(owner, users, contractors, funders) come with their role. ``maintenance.contacts`` are people, and
are never read.
"""

from datetime import date, datetime
from urllib.parse import quote, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _

from harvest.documents import DocumentError, one_line, string, strings, text_of, yaml_document
from harvest.kinds import Kind, register
from harvest.records import HarvestedOrganisation, HarvestedTool, RecordError
from opendata.publiccode import ROLES, shape_errors

FILE = "publiccode.yml"
# Gitea and Forgejo hosts known by name; others are recognised by "gitea" or "forgejo" in their name
GITEA_HOSTS = {"codeberg.org", "gitea.com", "next.forgejo.org", "git.disroot.org"}
# a list naming more repositories than this is not a list of a catalogue's publishers' software
MAX_LISTED = 2000


def raw_address(repository):
    """The address of the ``publiccode.yml`` file on the default branch of ``repository`` (a web
    address of a repository on GitHub, GitLab, Gitea/Forgejo or Bitbucket); an address that already
    names a ``.yml``/``.yaml`` file is fetched as it is."""
    parts = urlsplit(repository.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{repository!r} is not the web address of a repository")
    if parts.path.endswith((".yml", ".yaml")):
        return repository.strip()
    host = parts.hostname.lower()
    # "/-/tree/main", "/tree/main", "/src/branch/main": a page of the repository, not the repository
    path = parts.path.split("/-/")[0].strip("/").removesuffix(".git")
    segments = [segment for segment in path.split("/") if segment]
    if len(segments) < 2:
        raise ValueError(f"{repository!r} names no repository (an owner and a name)")
    owner, name = segments[0], segments[1]
    if host in ("github.com", "www.github.com"):
        # raw.githubusercontent.com serves any ref, and HEAD is the default branch, as in git itself
        # (https://github.com/xvik/gradle-github-info-plugin/issues/1 relies on it for the same reason)
        return f"https://raw.githubusercontent.com/{owner}/{name}/HEAD/{FILE}"
    if host in ("bitbucket.org", "www.bitbucket.org"):
        # Bitbucket Cloud's raw route takes a ref as git names it; HEAD is the main branch
        return f"https://bitbucket.org/{owner}/{name}/raw/HEAD/{FILE}"
    if host in GITEA_HOSTS or "gitea" in host or "forgejo" in host:
        # Gitea's web routes accept HEAD for /src/ only (go-gitea/gitea#27384), not for /raw/; its API's
        # raw file route (GET /api/v1/repos/{owner}/{repo}/raw/{filepath}) reads the repository's default
        # branch when no ref is given. Forgejo keeps the same API.
        base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        return f"{base}/api/v1/repos/{quote(owner)}/{quote(name)}/raw/{FILE}"
    # GitLab, and any other host: most self-hosted public-sector forges are GitLab (91 of the 93 in
    # code.gouv.fr's list). Its raw route takes HEAD for the default branch (GitLab documents HEAD as a
    # ref value, gitlab-org/gitlab commit a0fd1031); groups nest, so the whole path is kept.
    base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return f"{base}/{'/'.join(segments)}/-/raw/HEAD/{FILE}"


def documents(address):
    return [raw_address(address)]


def read(fetched):
    for address, data in fetched.items():
        yield from read_file(address, data)


def read_file(address, data):
    """The tool a ``publiccode.yml`` file describes (``DocumentError`` when it is no YAML mapping)."""
    document = yaml_document(data, address, shape=dict)
    ref = one_line(document.get("url")) if isinstance(document.get("url"), str) else ""
    ref = ref or address
    if errors := shape_errors(document):
        yield RecordError(ref, "not a valid publiccode.yml file: " + "; ".join(errors))
        return
    name = one_line(document.get("name"))
    if not name:
        yield RecordError(ref, "no name")
        return
    descriptions = {
        code.strip(): text
        for code, text in (document.get("description") or {}).items()
        if isinstance(code, str) and code.strip() and isinstance(text, dict)
    }
    localisation = document.get("localisation") or {}
    languages = list(descriptions) or strings(localisation.get("availableLanguages"))[:1] or ["en"]
    legal = document.get("legal") or {}
    tool = HarvestedTool(
        ref=ref,
        names={code: one_line(descriptions.get(code, {}).get("localisedName")) or name for code in languages},
        summaries={
            code: summary
            for code, text in descriptions.items()
            if (summary := one_line(text.get("shortDescription")))
        },
        descriptions={code: body for code, text in descriptions.items() if (body := _description(text))},
        website=string(document.get("landingURL")),
        repository=string(document.get("url")),
        licence=string(legal.get("license")),
        categories=strings(document.get("categories")),
        countries=strings((document.get("intendedAudience") or {}).get("countries"))
        if isinstance(document.get("intendedAudience"), dict)
        else [],
        organisations=_organisations(document, languages),
        release_date=_date(document.get("releaseDate")),
        release_version=one_line(str(document.get("softwareVersion") or ""))[:100],
    )
    yield tool


def _date(value):
    """``releaseDate`` as a date: YAML reads 2025-02-12 as one, "2025-02-12" as text; anything else,
    or a date in the future, is no release date."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, datetime):
        value = value.date()
    return value if isinstance(value, date) and value <= date.today() else None


def _description(text):
    """The long description, then the features as a list, in plain text."""
    body = string(text.get("longDescription"))
    features = strings(text.get("features"))
    if features:
        body = "\n\n".join(part for part in (body, "\n".join(f"- {feature}" for feature in features)) if part)
    return body


def _organisations(document, languages):
    """``[(role, organisation)]``, each name once per role (Decidim's ``usedBy`` names some twice)."""
    legal = document.get("legal") or {}
    maintenance = document.get("maintenance") if isinstance(document.get("maintenance"), dict) else {}
    named = []
    owner = one_line(legal.get("mainCopyrightOwner")) or one_line(legal.get("repoOwner"))
    if owner:
        named.append((ROLES["owner"], owner, ""))
    for name in strings(document.get("usedBy")):
        named.append((ROLES["usedBy"], name, ""))
    others = (
        (maintenance.get("contractors"), ROLES["contractor"]),
        (document.get("fundedBy"), ROLES["fundedBy"]),
    )
    for entries, role in others:
        for entry in entries if isinstance(entries, list) else []:
            # a contractor or funder is an organisation, with its address (``uri`` / ``website``); its
            # ``email`` may be a person's, and is not read
            if isinstance(entry, dict):
                name = one_line(entry.get("name"))
                website = string(entry.get("website")) or string(entry.get("uri"))
            else:
                name, website = one_line(entry), ""
            if name:
                named.append((role, name, website))
    found, seen = [], set()
    for role, name, website in named:
        if (role, name.casefold()) in seen:
            continue
        seen.add((role, name.casefold()))
        found.append(
            (role, HarvestedOrganisation(ref=name, names=dict.fromkeys(languages, name), website=website))
        )
    return found


register(
    Kind(
        name="publiccode",
        label=_("publiccode.yml of a repository"),
        documents=documents,
        read=read,
        media_type="application/yaml",
    )
)


# --- a list of repositories ----------------------------------------------------------------------


def listed_repositories(address, data):
    """The repository addresses a list names: plain text (one address a line, ``#`` for comments)
    or a YAML list (of addresses, or of mappings with a ``url``). ``DocumentError`` when it is
    neither."""
    text = text_of(data, address, "a list of repositories")
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if not any(line.startswith("-") for line in lines):
        addresses = lines
    else:
        items = yaml_document(text.encode(), address, shape=list)
        addresses = [one_line(i.get("url")) if isinstance(i, dict) else one_line(i) for i in items]
    addresses = list(dict.fromkeys(line for line in addresses if line))
    if len(addresses) > MAX_LISTED:
        raise DocumentError(address, f"the list names more than {MAX_LISTED} repositories")
    return addresses


def _listed_files(address, data):
    files = []
    for repository in listed_repositories(address, data):
        try:
            files.append((repository, raw_address(repository)))
        except ValueError:
            files.append((repository, None))
    return files


def list_files(address, data):
    try:
        return [file for _repository, file in _listed_files(address, data) if file]
    except DocumentError:
        return []  # ``read_list`` says what is wrong with the list


def read_list(fetched):
    fetched = list(fetched.items())
    if not fetched:
        return
    address, data = fetched[0]
    files = dict(fetched[1:])
    for repository, file in _listed_files(address, data):
        if file is None:
            yield RecordError(repository, "not the web address of a repository on a known forge")
        elif file not in files:
            yield RecordError(repository, f"its {FILE} could not be fetched ({file})")
        else:
            try:
                yield from read_file(file, files[file])
            except DocumentError as error:
                yield RecordError(repository, error.reason)


register(
    Kind(
        name="publiccode-list",
        label=_("publiccode.yml of each repository of a list"),
        documents=lambda address: [address],
        read=read_list,
        media_type="text/plain",
        extra=list_files,
    )
)
