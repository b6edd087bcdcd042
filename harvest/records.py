"""What a source says about one tool or one organisation, in a neutral form every kind reads into.

A kind's reader (``harvest/kinds/``) fills these from the source's own format, as it says it (free
licence text, country names in any language, addresses as written); ``harvest.normalise`` then turns
them into what the catalogue stores (SPDX ids, ISO codes, canonical addresses), keeping what it
cannot map as a note for an editor. Nothing here is personal data: readers drop contact names and
e-mail addresses.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class HarvestedOrganisation:
    ref: str  # the source's own stable identifier for it (or its name, when it has none)
    names: dict[str, str]  # language code (fr, en, es) → name
    descriptions: dict[str, str] = field(default_factory=dict)  # language → plain text
    website: str = ""
    country: str = ""  # as the source says it; an ISO 3166-1 alpha-2 code once normalised
    kind: str = ""  # pages.organisations.OrganisationKind value, when the source says
    forge_accounts: list[str] = field(default_factory=list)  # addresses of its code forge accounts
    wikidata: str = ""  # "Q…", when the source gives it
    origin: str = ""  # federation: the address of the instance where the entry was first written
    notes: list[str] = field(default_factory=list)  # what could not be kept, for an editor


@dataclass
class HarvestedTool:
    ref: str
    names: dict[str, str]
    aliases: list[str] = field(default_factory=list)  # other names the source knows it by (for matching)
    summaries: dict[str, str] = field(default_factory=dict)  # a line per language
    descriptions: dict[str, str] = field(default_factory=dict)  # plain text per language
    website: str = ""
    repository: str = ""  # source code repository address
    licence: str = ""  # as the source says it; an SPDX id once normalised
    categories: list[str] = field(default_factory=list)  # the source's own words; our slugs once mapped
    countries: list[str] = field(default_factory=list)  # where it is used or developed
    organisations: list[tuple[str, HarvestedOrganisation]] = field(default_factory=list)  # (role, who)
    wikidata: str = ""
    origin: str = ""  # federation: the address of the instance where the entry was first written
    notes: list[str] = field(default_factory=list)
    # the latest release the source states (publiccode.yml's releaseDate and softwareVersion), read by
    # the vitality checks; kept on the source's listing, not on the page: it is no editor's content
    release_date: date | None = None
    release_version: str = ""


@dataclass
class RecordError:
    """One record of a source that cannot be used, and why (the others go on)."""

    ref: str
    message: str
