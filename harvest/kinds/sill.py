"""The French State's recommended free software (SILL), as its 2022 consolidated JSON gives it: a
list of records with short keys, texts in French (and in English for some), licences as free text.

What is read, and why (every key the 2022 file has):

* ``id`` → ref: the SILL's own number, stable from one year's file to the next.
* ``i`` → the name (the SILL has one name, the same in every language).
* ``fr-desc`` / ``en-desc`` → the French and English summaries: each is one line ("Logiciel
  facilitant l'archivage des données"), a summary rather than a description.
* ``l`` → the licence, as written ("GPL-2.0-only", "MPL 2.0 et EPL 1.0").
* ``website`` → the website; ``sources`` → the source code repository.
* ``c`` (category, "Compression décompression") and ``f`` (function, "Compression de fichier") →
  categories, in the SILL's words, for the normalising step to map.
* ``p`` (the parent software of a plug-in, "GLPI") → a note: the plug-in is a tool of its own, and
  an editor may want to link the two.
* ``wikidata`` → the Wikidata id, in the files that have it (the 2022 file has none).

Left out: ``logo`` (an image address: images are files the catalogue does not fetch), ``doc``
(documentation), ``frama`` (its Framalibre notice), ``co`` (its Comptoir du Libre number), ``la``
(its GouvTech catalogue page), ``si`` (similar SILL entries), ``se`` (its layer of an information
system), ``g`` (the ministries' working group that follows it), ``st`` (its status in the SILL),
``y`` (the years it was listed), ``v-``/``v+`` (the versions recommended), ``su``/``a``/``u`` (how the
State supports and uses it): facts about the SILL's recommendation, not about the software.
"""

from django.utils.translation import gettext_lazy as _

from harvest.documents import json_document, one_line, shape_problems, string, strings
from harvest.kinds import Kind, register
from harvest.records import HarvestedTool, RecordError

SHAPE = {
    "id": (str, int),
    "i": str,
    "l": str,
    "fr-desc": str,
    "en-desc": str,
    "website": str,
    "sources": str,
    "c": str,
    "f": str,
    "p": str,
    "wikidata": str,
}


def documents(address):
    return [address]


def read(fetched):
    for address, data in fetched.items():
        items = json_document(data, address, shape=list)
        for position, item in enumerate(items, start=1):
            yield _tool(item, position)


def _tool(item, position):
    if not isinstance(item, dict):
        return RecordError(f"entry {position}", "not an object: each SILL entry is an object with a name")
    ref = str(item["id"]).strip() if isinstance(item.get("id"), str | int) else ""
    ref = ref or f"entry {position}"
    if problems := shape_problems(item, SHAPE):
        return RecordError(ref, "not a SILL entry: " + "; ".join(problems))
    name = one_line(item.get("i"))
    if not name:
        return RecordError(ref, "no name")
    summaries = {
        language: text
        for language, key in (("fr", "fr-desc"), ("en", "en-desc"))
        if (text := one_line(item.get(key)))
    }
    notes = []
    if parent := one_line(item.get("p")):
        notes.append(f"a plug-in or module of {parent}")
    return HarvestedTool(
        ref=ref,
        # one name, the same in each language the entry is described in (French when it is in none)
        names=dict.fromkeys(summaries or ["fr"], name),
        summaries=summaries,
        website=string(item.get("website")),
        repository=string(item.get("sources")),
        licence=string(item.get("l")),
        categories=strings([item.get("c"), item.get("f")]),
        wikidata=string(item.get("wikidata")),
        notes=notes,
    )


register(
    Kind(
        name="sill",
        label=_("French SILL (recommended free software, JSON)"),
        documents=documents,
        read=read,
    )
)
