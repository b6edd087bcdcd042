"""From what a source says to what the catalogue stores: licences as SPDX ids, countries as ISO codes,
addresses in their one canonical form (``core.addresses``).

Nothing is guessed: a text is mapped only when it can name one thing, else the field is left empty and
a note naming the text is kept on the record for an editor. Notes are plain English, like the
importer's report: they are working notes for the editor who reviews the harvest, stored with it.

Licences. An SPDX id is recognised whatever its case; a deprecated one becomes its current id (a bare
GNU version such as "GPL-3.0" is "-only", as SPDX itself says of the deprecated ids: free text follows
the same rule, so "GPL V2.0" is GPL-2.0-only and only "or later" or "+" gives "-or-later"). Free text
is compared with every current id and name of the SPDX list once both are reduced to their words and
versions ("Apache License, Version 2" and "Apache-2.0" both read "apache 2.0"). Several licences
("MPL 2.0 et EPL 1.0", "MIT OR Apache-2.0"), a licence with an exception, a family without a version
("GPL", "BSD") or anything else give no id and a note: the catalogue holds one licence per tool and an
editor chooses.

Countries. ISO 3166-1 alpha-2 and alpha-3 codes (written in capitals, as codes are: "in" or "can" are
words), the names django-countries knows in English, French and Spanish (current, common and former
names), and a short table of the spellings real sources use (``VARIANTS``), all compared folded (no
case, accents or punctuation). England, Scotland, Wales and Northern Ireland are GB: ISO 3166-1 has no
code of their own and the catalogue places tools by country. "Congo" alone is the Republic of the
Congo (CG), as ISO 3166 names it; "Korea" and "Guyane" (Guyana or French Guiana) name no one country
and get a note. Regions ("Global", "Sub-Saharan Africa")
are no country and are dropped without a note; Kosovo has no ISO 3166-1 code and gets a note.
"""

import re
from functools import cache

from django.utils import translation
from django_countries import countries as all_countries
from django_countries.data import COUNTRIES as OFFICIAL_NAMES

from core.addresses import clean, key, repository
from core.text import fold
from snippets.spdx import licences

from .records import HarvestedOrganisation, HarvestedTool

NAME_LANGUAGES = ("en", "fr", "es")
MAX_TEXT = 200  # longer is no licence name or country name: a note, and no parsing of it
SHOWN = 100  # how much of a source's text a note quotes


def _shown(text):
    text = " ".join(str(text).split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


# --- licences -------------------------------------------------------------------------------------

# what sources write when they do not know: nothing to map and nothing for an editor to act on
NO_LICENCE = frozenset({"", "n/a", "na", "none", "unknown", "-", "?", "null", "tbd", "inconnu", "inconnue"})

# deprecated SPDX ids that SPDX replaced by one current id (the GNU ones, "-only" and "-or-later", are
# derived in ``_deprecated``; the others stand for a licence with an exception, an expression: a note)
REPLACED = {
    "BSD-2-Clause-FreeBSD": "BSD-2-Clause",
    "BSD-2-Clause-NetBSD": "BSD-2-Clause",
    "bzip2-1.0.5": "bzip2-1.0.6",
    "StandardML-NJ": "SMLNJ",
    "Nunit": "zlib-acknowledgement",
}

# phrases of licence names and the words ids use for them, applied in this order to folded text
PHRASES = [
    (r",\s*version\b", " version"),  # "Apache License, Version 2.0": one licence, not a list
    (r"\b(?:or|and) (?:any )?(?:later|newer|greater)(?: versions?)?\b", " + "),
    (r"\bou (?:toute )?(?:version )?(?:ulterieure|superieure|plus recente)\b", " + "),
    (r"\bo (?:cualquier )?(?:version )?posterior\b", " + "),
    (r"\baffero (?:general public|gpl)\b", " agpl "),
    (r"\b(?:lesser|library) (?:general public|gpl)\b", " lgpl "),
    (r"\bgeneral public\b", " gpl "),
    (r"\bmozilla public\b", " mpl "),
    (r"\beclipse public\b", " epl "),
    (r"\beuropean union public\b", " eupl "),
    (r"\blicence ouverte\b", " etalab open "),  # the French name of etalab-2.0
    (r"\bapache software\b", " apache "),
    (r"\bcreative commons\b", " cc "),
    (r"\battribution\b", " by "),
    (r"\bshare ?alike\b", " sa "),
    (r"\bnon ?commercial\b", " nc "),
    (r"\bno ?deriv(?:ative)?s\b", " nd "),
]
# words that name no licence: "GNU GPL v3 license" and "GPL-3.0" say the same ("public" and "software"
# are not among them: "Microsoft Public License" or "Open Software License" would shrink to a guess)
FILLERS = frozenset(
    {"license", "licence", "licenses", "licences", "licensed", "licencia", "the", "la", "le", "el", "gnu"}
    | {"version", "v", "only", "international", "under", "sous"}
)
# words joining several licences, or an exception to one: the catalogue keeps one licence per tool
SEVERAL = re.compile(r"\b(?:or|and|et|ou|y|with|avec|plus)\b|[,;/&|()]")
TOKENS = re.compile(r"[a-z]+|\d+(?:\.\d+)*[a-z]?|\+")


def _words(text):
    """The words and versions of a licence's name or id, in a form free text and SPDX share, or None
    when the text names several licences."""
    text = fold(text).replace("_", " ").replace("-", " ")
    for pattern, replacement in PHRASES:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"([a-z]{2,})v(?=\d)", r"\1 ", text)  # "AGPLv3", "GPLv2+"
    if SEVERAL.search(text):
        return None
    words = []
    for token in TOKENS.findall(text):
        if token in FILLERS:
            continue
        words.append(f"{token}.0" if token.isdigit() else token)  # "Apache 2" = "Apache-2.0"
    if "+" in words[:-1]:  # "GPL + LGPL": a plus that is not "or later" joins two licences
        return None
    return " ".join(words)


def _deprecated(current):
    """Deprecated id (lowercased) → current id: SPDX's own replacements, GNU's bare versions as
    "-only" and their "+" as "-or-later" (GPL-2.0 → GPL-2.0-only, GPL-2.0+ → GPL-2.0-or-later)."""
    table = {old.lower(): new for old, new in REPLACED.items() if new.lower() in current}
    for spdx_id in current.values():
        for suffix, old in (("-only", ""), ("-or-later", "+")):
            if spdx_id.endswith(suffix):
                table.setdefault(spdx_id.removesuffix(suffix).lower() + old, spdx_id)
    return table


@cache
def _licence_tables():
    current = {licence.spdx_id.lower(): licence.spdx_id for licence in licences()}
    by_words, ambiguous = {}, set()
    # ids first, then names: a name never displaces an id; two of the same rank that read the same
    # are ambiguous and map to nothing
    for rank in ("spdx_id", "name"):
        found = {}
        for licence in licences():
            words = _words(getattr(licence, rank))
            taken = not words or words in by_words
            if not taken and found.setdefault(words, licence.spdx_id) != licence.spdx_id:
                ambiguous.add(words)
        by_words.update({words: spdx_id for words, spdx_id in found.items() if words not in ambiguous})
    return current, _deprecated(current), by_words


def licence(text):
    """(SPDX id or "", note for an editor or "") for the licence a source states."""
    if not isinstance(text, str):
        return "", ""
    stated = " ".join(text.split())
    if fold(stated) in NO_LICENCE:
        return "", ""
    note = f"licence not mapped: {_shown(stated)}"
    if len(stated) > MAX_TEXT:
        return "", note
    current, deprecated, by_words = _licence_tables()
    lowered = stated.lower()
    found = current.get(lowered) or deprecated.get(lowered)
    if not found:
        words = _words(stated)
        found = by_words.get(words) if words else None
    return (found, "") if found else ("", note)


# --- countries ------------------------------------------------------------------------------------

# spellings real sources use that django-countries does not know, folded (see ``_fold_country``)
VARIANTS = {
    "usa": "US",
    "united states": "US",
    "u s": "US",
    "u s a": "US",
    "etats unis damerique": "US",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "etats unis": "US",
    "uae": "AE",
    "drc": "CD",
    "dr congo": "CD",
    "dr of congo": "CD",
    "rdc": "CD",
    "rd congo": "CD",
    "congo kinshasa": "CD",
    "congo drc": "CD",
    "democratic republic of congo": "CD",
    "congo democratic republic": "CD",
    "congo democratic republic of the": "CD",
    "republique democratique du congo": "CD",
    "congo brazzaville": "CG",
    "republic of congo": "CG",
    "republic of the congo": "CG",
    "congo republic": "CG",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "cote divoire": "CI",
    "south korea": "KR",
    "korea south": "KR",
    "republic of korea": "KR",
    "korea republic of": "KR",
    "korea rep": "KR",
    "north korea": "KP",
    "korea north": "KP",
    "dprk": "KP",
    "korea dpr": "KP",
    "lao pdr": "LA",
    "lao": "LA",
    "lao peoples democratic republic": "LA",
    "turkiye": "TR",
    "palestine": "PS",
    "palestine state": "PS",
    "state of palestine": "PS",
    "palestinian territories": "PS",
    "occupied palestinian territory": "PS",
    "west bank and gaza": "PS",
    "swaziland": "SZ",
    "fmr swaziland": "SZ",
    "czech republic": "CZ",
    "viet nam": "VN",
    "russian federation": "RU",
    "macedonia": "MK",
    "fyrom": "MK",
    "cape verde": "CV",
    "burma": "MM",
    "east timor": "TL",
    "vatican": "VA",
    "the gambia": "GM",
    "the bahamas": "BS",
    "holland": "NL",
    "the netherlands": "NL",
    "caribbean netherlands": "BQ",
    "bonaire": "BQ",
    "micronesia federated states of": "FM",
    "federated states of micronesia": "FM",
    "tanzania united republic of": "TZ",
    "united republic of tanzania": "TZ",
    "iran islamic republic of": "IR",
    "syrian arab republic": "SY",
    "moldova republic of": "MD",
    "republic of moldova": "MD",
    "venezuela bolivarian republic of": "VE",
    "bolivia plurinational state of": "BO",
    "brunei darussalam": "BN",
    "kyrgyz republic": "KG",
    "slovak republic": "SK",
    "macau": "MO",
    "st lucia": "LC",
    "st kitts and nevis": "KN",
    "st vincent and the grenadines": "VC",
    "sao tome": "ST",
}

# regions, groups and "everywhere": not a country, nothing for an editor to do
REGIONS = frozenset(
    {"global", "worldwide", "world", "international", "all", "all countries", "any", "everywhere"}
    | {"multiple", "multiple countries", "various", "various countries", "online", "remote"}
    | {"africa", "sub saharan africa", "east africa", "west africa", "north africa", "southern africa"}
    | {"central africa", "europe", "european union", "eu", "asia", "south asia", "southeast asia"}
    | {"south east asia", "east asia", "central asia", "middle east", "mena", "latin america"}
    | {"latin america and the caribbean", "caribbean", "north america", "south america", "oceania"}
    | {"pacific", "pacific islands", "americas", "asia pacific", "apac", "emea", "lmics", "n a"}
    | {"monde", "mondial", "afrique", "amerique latine", "mundo", "mundial", "america latina"}
)


def _fold_country(text):
    """Folded, apostrophes dropped ("Côte d'Ivoire" → "cote divoire"), other punctuation a space."""
    text = fold(text).replace("&", " and ")
    text = re.sub("['\u2019`\u02bc]", "", text)  # straight, typographic, grave, modifier letter
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _inside_and_outside(name):
    """ "Bolivia (Plurinational State of)" → ("bolivia", "plurinational state of"), folded."""
    match = re.fullmatch(r"(.*?)\s*[(\[](.*)[)\]]\s*", name)
    if not match:
        return "", ""
    return _fold_country(match.group(1)), _fold_country(match.group(2))


@cache
def _country_names():
    """Folded name → alpha-2 code, from django-countries' names in every language we read. Full
    names first; then shorter forms of them ("Bolivia" for "Bolivia (Plurinational State of)",
    "Korea, Republic of" read as "Republic of Korea") where they name one country only."""
    names, shorter, ambiguous = {}, {}, set()
    for language in NAME_LANGUAGES:
        with translation.override(language):
            pairs = [(code, str(name)) for code, name in OFFICIAL_NAMES.items()]
            pairs += [(code, str(name)) for code, name in all_countries.COMMON_NAMES.items()]
            pairs += [(code, str(name)) for code, olds in all_countries.OLD_NAMES.items() for name in olds]
        for code, name in pairs:
            folded = _fold_country(name)
            if names.setdefault(folded, code) != code:
                ambiguous.add(folded)
            forms = [_inside_and_outside(name)[0]]
            if "," in name:  # "Korea, Republic of" → "Republic of Korea"
                head, _, tail = name.partition(",")
                forms.append(_fold_country(f"{tail} {head}"))
            for form in filter(None, forms):
                if shorter.setdefault(form, code) != code:
                    ambiguous.add(form)
    table = {form: code for form, code in shorter.items() if form not in ambiguous}
    table.update({name: code for name, code in names.items() if name not in ambiguous})
    table.update(VARIANTS)
    return table


# names sources use for more than one country: "Guyane" is French Guiana to a French source, Guyana
# to django-countries' French names; "Korea" is either Korea
AMBIGUOUS = frozenset({"guyane", "korea", "coree"})


def _by_name(folded):
    if folded in AMBIGUOUS:
        return ""
    return _country_names().get(folded) or _country_names().get(folded.removeprefix("the "), "")


def _is_code(text):
    return text.isascii() and text.isalpha() and text.isupper() and len(text) in (2, 3)


def country(text):
    """The ISO 3166-1 alpha-2 code of the country ``text`` names, or "" (a region, or unknown)."""
    if not isinstance(text, str):
        return ""
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        return ""
    if _is_code(text):
        code = all_countries.alpha2(text)  # alpha-2 or alpha-3, "" if not a country
        if code:
            return code
    folded = _fold_country(text)
    if folded in REGIONS:
        return ""
    found = _by_name(folded)
    if found:
        return found
    # "Congo (Congo-Brazzaville)", "Eswatini (fmr. 'Swaziland')": what is outside the parentheses and
    # what is inside must not name two different countries ("Congo (DRC)" → CD, not CG)
    outside, inside = _inside_and_outside(text)
    codes = {code for code in (_by_name(outside), _by_name(inside)) if code}
    return codes.pop() if len(codes) == 1 else ""


def is_region(text):
    """Whether ``text`` names a region, a group of countries or nowhere in particular."""
    return isinstance(text, str) and _fold_country(text) in REGIONS


def countries(texts):
    """(codes, deduplicated in their order; notes for the texts that name no known country)."""
    if isinstance(texts, str):
        texts = [texts]
    codes, notes = [], []
    for text in texts or []:
        if not isinstance(text, str) or not text.strip() or is_region(text):
            continue
        code = country(text)
        if code and code not in codes:
            codes.append(code)
        elif not code:
            notes.append(f"country not mapped: {_shown(text)}")
    return codes, notes


# --- records --------------------------------------------------------------------------------------

WIKIDATA = re.compile(r"(?:https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/)?(Q[1-9][0-9]*)")


def _address(value, normalise, what, notes):
    if not value:
        return ""
    kept = normalise(value)
    if not kept:
        notes.append(f"{what} address not kept: {_shown(value)}")
    return kept


def _wikidata(value, notes):
    if not value:
        return ""
    match = WIKIDATA.fullmatch(str(value).strip())
    if not match:
        notes.append(f"Wikidata id not kept: {_shown(value)}")
    return match.group(1) if match else ""


def _organisation(rec):
    stated = rec.country
    rec.country = country(stated) if isinstance(stated, str) else ""
    if stated and not rec.country and not is_region(stated):
        rec.notes.append(f"country not mapped: {_shown(stated)}")
    rec.website = _address(rec.website, clean, "website", rec.notes)
    accounts, seen = [], set()
    for account in rec.forge_accounts:
        address = _address(account, repository, "forge account", rec.notes)
        if address and key(address) not in seen:
            seen.add(key(address))
            accounts.append(address)
    rec.forge_accounts = accounts
    rec.wikidata = _wikidata(rec.wikidata, rec.notes)
    rec.origin = _address(rec.origin, clean, "origin", rec.notes)
    _texts_without_emails(rec)


def _tool(rec):
    rec.licence, note = licence(rec.licence)
    if note:
        rec.notes.append(note)
    rec.countries, notes = countries(rec.countries)
    rec.notes.extend(notes)
    rec.website = _address(rec.website, clean, "website", rec.notes)
    rec.repository = _address(rec.repository, repository, "repository", rec.notes)
    rec.wikidata = _wikidata(rec.wikidata, rec.notes)
    rec.origin = _address(rec.origin, clean, "origin", rec.notes)
    _texts_without_emails(rec)
    for _role, organisation in rec.organisations:
        _organisation(organisation)


# an e-mail address in a text: often a person's, and personal data never reaches public pages
EMAIL = re.compile(r"(?:mailto:)?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
EMAIL_REMOVED = "[…]"


def _texts_without_emails(rec):
    """Names, summaries and descriptions without the e-mail addresses a source wrote in them."""
    for part in ("names", "summaries", "descriptions"):
        texts = getattr(rec, part, None)
        if not texts:
            continue
        for language, text in list(texts.items()):
            if isinstance(text, str) and EMAIL.search(text):
                texts[language] = EMAIL.sub(EMAIL_REMOVED, text)
                rec.notes.append(f"an e-mail address was left out of the {part[:-1]} ({language})")
    if getattr(rec, "aliases", None):
        rec.aliases = [alias for alias in rec.aliases if not EMAIL.search(alias)]


def record(rec):
    """Normalise a harvested tool or organisation in place (and a tool's organisations), adding a note
    for each value that could not be kept; return it. Normalising twice changes nothing more."""
    if isinstance(rec, HarvestedTool):
        _tool(rec)
    elif isinstance(rec, HarvestedOrganisation):
        _organisation(rec)
    else:
        raise TypeError(f"not a harvested record: {type(rec).__name__}")
    return rec
