"""Likely duplicates: a tool or organisation already in the catalogue under a near-identical name
or the same website.

Names are compared once folded (no case, accents, punctuation or spaces: "Open Fisca" = "openfisca")
and then by edit distance, which catches small typing differences; websites by their matching key
(``core.addresses.key``: no scheme, "www.", trailing slash, query or fragment).
"""

import re

from rapidfuzz.distance import Levenshtein

from core.addresses import key
from core.text import fold

NON_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
MAX_DISTANCE = 2
MIN_LENGTH_FOR_DISTANCE = 6


def normalise_name(name):
    return NON_ALPHANUMERIC.sub("", fold(name or ""))


def normalise_url(url):
    """The key two addresses are compared by ("" for none): the one definition of core.addresses."""
    return key(url)


def names_close(a, b):
    a, b = normalise_name(a), normalise_name(b)
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_LENGTH_FOR_DISTANCE:
        return False
    return Levenshtein.distance(a, b, score_cutoff=MAX_DISTANCE) <= MAX_DISTANCE


def likely_duplicates(model, title, website="", language=None, exclude_translation_key=None):
    """Pages of ``model`` (in ``language`` if given) that look like the entry being saved."""
    candidates = model.objects.all()
    if language:
        candidates = candidates.filter(locale__language_code=language)
    if exclude_translation_key:
        candidates = candidates.exclude(translation_key=exclude_translation_key)
    url = normalise_url(website)
    has_website = any(field.name == "website" for field in model._meta.get_fields())
    fields = ["pk", "title", "translation_key"] + (["website"] if has_website else [])
    found = []
    for row in candidates.values(*fields).iterator(chunk_size=2000):
        same_site = bool(url) and normalise_url(row.get("website", "")) == url
        if same_site or names_close(title, row["title"]):
            found.append(row["pk"])
    return list(model.objects.filter(pk__in=found).select_related("locale"))
