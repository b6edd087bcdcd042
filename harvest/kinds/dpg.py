"""The Digital Public Goods registry: its static JSON API (``…/dpgs/index.json``), one record per
public good, in English, with licences as SPDX ids; and each good's screening file, which gives the
countries it is deployed and developed in (free-text names, in English, in many spellings).

The index is the source's address. Screening files are fetched as extra documents named by the
index's ids: beside the index (``screening/<id>.json`` in the index's folder) for a copy or a mirror;
for the registry itself, where its candidates repository publishes them. A good without a screening
file (or whose file cannot be read) is read all the same, without countries.
"""

import re
from posixpath import basename
from urllib.parse import quote, urljoin, urlsplit

from django.utils.translation import gettext_lazy as _

from harvest.documents import DocumentError, json_document, one_line, shape_problems, string, strings
from harvest.kinds import Kind, register
from harvest.records import HarvestedOrganisation, HarvestedTool, RecordError

# The registry publishes its index (DPGAlliance/publicgoods-api) and its screening files
# (DPGAlliance/publicgoods-candidates, folder digitalpublicgoods/) from two repositories; GitHub's raw
# files follow the default branch under the name HEAD, as git itself does
REGISTRY_SCREENING = {
    "api.digitalpublicgoods.net": (
        "https://raw.githubusercontent.com/DPGAlliance/publicgoods-candidates/HEAD/digitalpublicgoods/"
    ),
}
# an id names a file: letters, digits and dashes only, never a path of its own ("../", "/")
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$")
# the registry lists a few hundred goods; an index naming more screening files than this is no index
MAX_SCREENING_FILES = 5000

# the registry's organisation types → our roles (pages.tools.OrganisationRoleInTool)
ROLES = {"owner": "developer", "maintainer": "developer", "funder": "funder", "implementer": "operator"}

SHAPE = {
    "id": str,
    "name": str,
    "aliases": list,
    "description": str,
    "website": str,
    "license": list,
    "repositories": list,
    "organizations": list,
    "sectors": list,
    "type": list,
    "stage": str,
}


def documents(address):
    return [address]


def screening_base(address):
    """Where the screening files of the index at ``address`` are."""
    host = (urlsplit(address).hostname or "").lower()
    return REGISTRY_SCREENING.get(host) or urljoin(address, "screening/")


def screening_addresses(address, data):
    """The screening file of each good the index lists (those with an id that can name a file)."""
    try:
        index = json_document(data, address, shape=list)
    except DocumentError:
        return []  # ``read`` says what is wrong with the index
    base = screening_base(address)
    ids = [string(item.get("id")) for item in index if isinstance(item, dict)]
    safe = [ref for ref in dict.fromkeys(ids) if SAFE_ID.match(ref) and ".." not in ref]
    return [urljoin(base, quote(ref) + ".json") for ref in safe[:MAX_SCREENING_FILES]]


def read(fetched):
    fetched = list(fetched.items())
    if not fetched:
        return
    address, data = fetched[0]
    index = json_document(data, address, shape=list)
    # a screening file is named after its good's id
    screenings = {
        basename(urlsplit(where).path).removesuffix(".json"): (where, body) for where, body in fetched[1:]
    }
    for position, item in enumerate(index, start=1):
        yield _tool(item, position, screenings)


def _tool(item, position, screenings):
    if not isinstance(item, dict):
        return RecordError(f"entry {position}", "not an object: each public good is an object with a name")
    ref = string(item.get("id")) or f"entry {position}"
    if problems := shape_problems(item, SHAPE):
        return RecordError(ref, "not a public good as the registry describes one: " + "; ".join(problems))
    name = one_line(item.get("name"))
    if not name:
        return RecordError(ref, "no name")
    licences = [string(entry.get("spdx")) for entry in item.get("license") or [] if isinstance(entry, dict)]
    repositories = [
        string(entry.get("url")) for entry in item.get("repositories") or [] if isinstance(entry, dict)
    ]
    repositories = [url for url in repositories if url]
    notes = []
    if len(repositories) > 1:
        notes.append("other repositories: " + ", ".join(repositories[1:]))
    kinds = strings(item.get("type"))
    if kinds and kinds != ["software"]:
        notes.append("kind of public good: " + ", ".join(kinds))
    stage = string(item.get("stage"))
    if stage and stage != "DPG":
        notes.append(f"registry stage: {stage}")
    description = string(item.get("description"))
    tool = HarvestedTool(
        ref=ref,
        names={"en": name},
        aliases=[alias for alias in strings(item.get("aliases")) if alias != name],
        descriptions={"en": description} if description else {},
        website=string(item.get("website")),
        repository=repositories[0] if repositories else "",
        # several licences (code, content, data) are kept together, as an SPDX expression would
        licence=" AND ".join(licence for licence in dict.fromkeys(licences) if licence),
        categories=strings(item.get("sectors")),
        organisations=_organisations(item.get("organizations") or []),
        notes=notes,
    )
    if item.get("id") and (found := screenings.get(ref)):
        _screening(tool, *found)
    return tool


def _organisations(entries):
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or not (name := one_line(entry.get("name"))):
            continue
        role = ROLES.get(string(entry.get("org_type")).lower(), "contributor")
        # the contact person (contact_name, contact_email) is personal data: never read
        if (role, name) not in [(r, o.ref) for r, o in found]:
            website = string(entry.get("website"))
            found.append((role, HarvestedOrganisation(ref=name, names={"en": name}, website=website)))
    return found


def _screening(tool, where, data):
    try:
        screening = json_document(data, where, shape=dict)
    except DocumentError as error:
        tool.notes.append(f"screening file not read ({error.reason})")
        return
    locations = screening.get("locations") if isinstance(screening.get("locations"), dict) else {}
    # the tool's countries are where it is used; where it was developed says nothing of that
    tool.countries = strings(locations.get("deploymentCountries"))
    developed = strings(locations.get("developmentCountries"))
    if developed:
        tool.notes.append("developed in: " + ", ".join(developed))


register(
    Kind(
        name="dpg",
        label=_("Digital Public Goods registry (JSON API)"),
        documents=documents,
        read=read,
        extra=screening_addresses,
    )
)
