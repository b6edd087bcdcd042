"""Another OGP Toolbox: its JSON exports (``opendata.exports.json_stream``), the way two instances
harvest each other.

An export is per language (``/<language>/export/tools.json``): given a site's address, the kind
fetches the tools and the organisations of each of our languages; given the address of one export
file (``….json``), that file only. The versions of an entry in several languages share a translation
key: they are read as one record (the key is its ref), each text in its language.

Federation: a record keeps the ``origin`` an entry carries (the instance where it was first
written), or gets the address of the instance it was harvested from. Our exports carry it
(``harvest.provenance``: null for an entry written on the exporting instance), and a harvest leaves
alone a record whose origin is this site (``harvest.run``): an entry harvested back and forth keeps
its first instance and is never taken for a new one.
"""

import html
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from harvest.documents import DocumentError, json_document, one_line, shape_problems, string, strings
from harvest.kinds import Kind, register
from harvest.records import HarvestedOrganisation, HarvestedTool, RecordError

TYPES = {"tool": "tools", "organisation": "organisations"}  # our page types' keys and export names
SHAPE = {
    "type": str,
    "language": str,
    "translation_key": str,
    "title": str,
    "summary": str,
    "description": (list, str),
    "website": str,
    "source_code_url": str,
    "licence": str,
    "categories": list,
    "countries": list,
    "country": str,
    "kind": str,
    "organisation_links": list,
    "origin": str,
}


def documents(address):
    parts = urlsplit(address.strip())
    if parts.path.endswith(".json"):
        return [address.strip()]
    root = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
    # the organisations first: the tools name them
    return [
        f"{root}/{language}/export/{plural}.json"
        for plural in ("organisations", "tools")
        for language, _name in settings.LANGUAGES
    ]


def instance_of(address):
    """The address of the instance an export was fetched from."""
    parts = urlsplit(address)
    path = parts.path.split("/export/")[0] if "/export/" in parts.path else ""
    # /fr/export/tools.json → the site's root: the language is the export's, not the instance's
    path = "/".join(path.rstrip("/").split("/")[:-1]) if path else ""
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def read(fetched):
    versions = {}  # (type, translation key) → [(entry, origin)], in the order of the documents
    licences = {}  # a licence's identifier → its SPDX id, from the exports' taxonomy
    exports = []
    # every document is read before any record is given: one that cannot be read stops the source
    # before anything of it is used
    for address, data in fetched.items():
        document = json_document(data, address)
        entries = document.get("entries") if isinstance(document, dict) else document
        if not isinstance(entries, list):
            raise DocumentError(address, 'not an OGP Toolbox export: expected "entries", a list')
        licences.update(_licences(document))
        exports.append((address, entries))
    for address, entries in exports:
        instance = instance_of(address)
        for position, entry in enumerate(entries, start=1):
            where = f"{address} entry {position}"
            if not isinstance(entry, dict):
                yield RecordError(where, "not an object: each entry is an object with a title")
                continue
            if entry.get("type") not in TYPES:
                continue  # use cases, collections, hackathons…: not harvested
            ref = string(entry.get("translation_key")) or where
            if problems := shape_problems(entry, SHAPE):
                yield RecordError(ref, "not an entry as our exports write one: " + "; ".join(problems))
                continue
            if not string(entry.get("translation_key")):
                yield RecordError(ref, "no translation key")
                continue
            if not one_line(entry.get("title")):
                language = string(entry.get("language")) or "its language"
                yield RecordError(ref, f"no name (title) in {language}")
                continue
            origin = string(entry.get("origin")) or instance
            versions.setdefault((entry["type"], ref), []).append((entry, origin))
    organisations = {
        ref: _organisation(ref, group) for (kind, ref), group in versions.items() if kind == "organisation"
    }
    yield from organisations.values()
    for (kind, ref), group in versions.items():
        if kind == "tool":
            yield _tool(ref, group, organisations, licences)


def _licences(document):
    taxonomy = document.get("taxonomy") if isinstance(document, dict) else None
    terms = taxonomy.get("licence") if isinstance(taxonomy, dict) else None
    found = {}
    for term in terms if isinstance(terms, list) else []:
        if isinstance(term, dict) and isinstance(term.get("fields"), dict):
            slug, spdx = string(term.get("slug")), string(term["fields"].get("spdx_id"))
            if slug and spdx:
                found[slug] = spdx
    return found


def _texts(group, key, read=one_line):
    texts = {}
    for entry, _origin in group:
        language = string(entry.get("language"))
        if language and language not in texts and (text := read(entry.get(key))):
            texts[language] = text
    return texts


def _first(group, key, read=string):
    return next((value for entry, _origin in group if (value := read(entry.get(key)))), read(None))


def _plain(description):
    """A description's StreamField blocks (or its HTML) as plain text, a paragraph a block."""
    blocks = description if isinstance(description, list) else [{"value": description}]
    paragraphs = []
    for block in blocks:
        value = block.get("value") if isinstance(block, dict) else None
        parts = [value] if isinstance(value, str) else list(value.values()) if isinstance(value, dict) else []
        for part in parts:
            if isinstance(part, str) and (text := " ".join(html.unescape(strip_tags(part)).split())):
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _organisation(ref, group):
    descriptions = _texts(group, "description", _plain)
    for language, summary in _texts(group, "summary").items():
        descriptions.setdefault(language, summary)
    return HarvestedOrganisation(
        ref=ref,
        names=_texts(group, "title"),
        descriptions=descriptions,
        website=_first(group, "website"),
        country=_first(group, "country"),
        kind=_first(group, "kind"),
        origin=group[0][1],
    )


def _tool(ref, group, organisations, licences):
    links, notes = [], []
    for entry, _origin in group:
        for link in entry.get("organisation_links") or []:
            if not isinstance(link, dict) or not (key := string(link.get("organisation"))):
                continue
            role = string(link.get("role")) or "contributor"
            if key not in organisations:
                note = f"an organisation ({role}) that is not in the export: {key}"
                if note not in notes:
                    notes.append(note)
            elif (role, key) not in [(r, o.ref) for r, o in links]:
                links.append((role, organisations[key]))
    licence = _first(group, "licence")
    return HarvestedTool(
        ref=ref,
        names=_texts(group, "title"),
        summaries=_texts(group, "summary"),
        descriptions=_texts(group, "description", _plain),
        website=_first(group, "website"),
        repository=_first(group, "source_code_url"),
        # the export names a licence by its identifier on that site; its SPDX id travels in the taxonomy
        licence=licences.get(licence, licence),
        categories=_first(group, "categories", strings) or [],
        countries=_first(group, "countries", strings) or [],
        organisations=links,
        origin=group[0][1],
        notes=notes,
    )


register(
    Kind(
        name="toolbox",
        label=_("Another OGP Toolbox (its JSON exports)"),
        documents=documents,
        read=read,
    )
)
