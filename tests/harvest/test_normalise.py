"""What sources say becomes what the catalogue stores: SPDX licences, ISO country codes, canonical
addresses; what cannot be mapped is left empty with a note for an editor, never guessed."""

import json
import re
from pathlib import Path

import pytest
from django.utils import translation
from django_countries import countries as all_countries
from django_countries.data import COUNTRIES

from core.text import fold
from harvest import normalise
from harvest.records import HarvestedOrganisation, HarvestedTool
from snippets.spdx import licences

# the snapshots of the real catalogues the repository keeps (harvest/snapshots/README.md)
FIXTURES = Path(__file__).resolve().parents[2] / "harvest" / "snapshots"
SPDX_IDS = {licence.spdx_id for licence in licences()}


def _screening_spellings():
    spellings = set()
    for path in sorted((FIXTURES / "dpg" / "screening").glob("*.json")):
        locations = json.loads(path.read_text()).get("locations") or {}
        for field in ("developmentCountries", "deploymentCountries"):
            spellings.update(locations.get(field) or [])
    return spellings


# --- countries ------------------------------------------------------------------------------------

# spellings of the screening files that are no country with an ISO 3166-1 code
KNOWN_NON_COUNTRIES = {"", "Kosovo"}

TRICKY = {
    # spellings of the DPG screening files
    "Côte d'Ivoire": "CI",
    "Congo (Congo-Brazzaville)": "CG",
    "Democratic Republic of the Congo": "CD",
    "Czechia (Czech Republic)": "CZ",
    "Eswatini (fmr. 'Swaziland')": "SZ",
    "Palestine State": "PS",
    "VietNam": "VN",
    "Vietnam": "VN",
    "Laos": "LA",
    "South Korea": "KR",
    "North Korea": "KP",
    "Turkey": "TR",
    "United States of America": "US",
    "United Kingdom": "GB",
    "Caribbean Netherlands": "BQ",
    "Virgin Islands, British": "VG",
    "Virgin Islands, U.S.": "VI",
    "Sint Maarten (Dutch part)": "SX",
    "Saint Martin (French part)": "MF",
    "Micronesia": "FM",
    "Holy See": "VA",
    "Niger": "NE",
    "Nigeria": "NG",
    "Guinea": "GN",
    "Equatorial Guinea": "GQ",
    "Guinea-Bissau": "GW",
    "Papua New Guinea": "PG",
    "Dominica": "DM",
    "Dominican Republic": "DO",
    "Sudan": "SD",
    "South Sudan": "SS",
    "Åland Islands": "AX",
    # other spellings and languages sources use
    "Cote d’Ivoire": "CI",
    "Ivory Coast": "CI",
    "DR Congo": "CD",
    "Congo (DRC)": "CD",
    "République démocratique du Congo": "CD",
    "Korea, Republic of": "KR",
    "Republic of Korea": "KR",
    "Lao People's Democratic Republic": "LA",
    "Lao PDR": "LA",
    "Türkiye": "TR",
    "Turquie": "TR",
    "Palestine": "PS",
    "State of Palestine": "PS",
    "UK": "GB",
    "England": "GB",
    "Royaume-Uni": "GB",
    "Reino Unido": "GB",
    "USA": "US",
    "U.S.A.": "US",
    "États-Unis": "US",
    "Estados Unidos": "US",
    "Swaziland": "SZ",
    "Eswatini": "SZ",
    "Czech Republic": "CZ",
    "Czechia": "CZ",
    "Viet Nam": "VN",
    "Bolivia (Plurinational State of)": "BO",
    "Bolivie": "BO",
    "Allemagne": "DE",
    "Alemania": "DE",
    "Sénégal": "SN",
    "Senegal": "SN",
    "  mexique ": "MX",
    "Cabo Verde": "CV",
    "Cape Verde": "CV",
    "FR": "FR",
    "FRA": "FR",
    "GBR": "GB",
    "UAE": "AE",
}


@pytest.mark.parametrize(("text", "code"), TRICKY.items())
def test_tricky_country_spellings_get_the_right_code(text, code):
    assert normalise.country(text) == code


def _names(code):
    """Every name django-countries gives ``code`` in the three languages, reduced to letters."""
    names = set()
    for language in ("en", "fr", "es"):
        with translation.override(language):
            found = [COUNTRIES[code], all_countries.COMMON_NAMES.get(code, "")]
            found += all_countries.OLD_NAMES.get(code, [])
            names.update(re.sub(r"[^a-z]", "", fold(str(name))) for name in found if name)
    return names


def test_the_dpg_screening_countries_map_to_their_own_codes():
    spellings = _screening_spellings()
    assert len(spellings - {""}) == 249
    mapped = {spelling: normalise.country(spelling) for spelling in spellings}
    unmapped = {spelling for spelling, code in mapped.items() if not code}
    assert len(mapped) - len(unmapped) >= 0.95 * len(mapped)
    assert unmapped == KNOWN_NON_COUNTRIES  # Kosovo has no ISO 3166-1 code
    # none maps to a wrong code: each is one of its code's names, or a checked tricky spelling
    for spelling, code in mapped.items():
        if code and spelling not in TRICKY:
            assert re.sub(r"[^a-z]", "", fold(spelling)) in _names(code), (spelling, code)


@pytest.mark.parametrize(
    "text",
    [
        "Global",
        "Worldwide",
        "Sub-Saharan Africa",
        "Europe",
        "Latin America",
        "",
        "   ",
        None,
        42,
        "Korea",  # either Korea
        "Guyane",  # Guyana, or French Guiana to a French source
        "Atlantis",
        "in",  # a word, not India's code
        "XK",  # Kosovo's user-assigned code: not ISO 3166-1
        "ZZZ",
        "France" * 2000,
    ],
)
def test_regions_ambiguous_names_and_anything_else_give_no_code(text):
    assert normalise.country(text) == ""


def test_a_list_of_countries_gives_codes_once_in_order_and_notes_for_what_is_unknown():
    codes, notes = normalise.countries(
        ["Sénégal", "France", "SN", "Global", "", None, "Kosovo", "FRA", "Atlantis"]
    )
    assert codes == ["SN", "FR"]
    assert notes == ["country not mapped: Kosovo", "country not mapped: Atlantis"]  # regions are no loss
    assert normalise.countries("Kenya") == (["KE"], [])
    assert normalise.countries(None) == ([], [])


# --- licences -------------------------------------------------------------------------------------

EXPECTED_LICENCES = {
    # exact ids, whatever their case
    "MIT": "MIT",
    "apache-2.0": "Apache-2.0",
    "CECILL-2.1": "CECILL-2.1",
    "cecill-b": "CECILL-B",
    # deprecated ids become their current ones; a bare GNU version is "-only", as SPDX says
    "GPL-3.0": "GPL-3.0-only",
    "GPL-2.0": "GPL-2.0-only",
    "GPL-2.0+": "GPL-2.0-or-later",
    "GPL-3.0+": "GPL-3.0-or-later",
    "AGPL-3.0": "AGPL-3.0-only",
    "LGPL-2.1": "LGPL-2.1-only",
    "LGPL-2.1+": "LGPL-2.1-or-later",
    "LGPL-2.0": "LGPL-2.0-only",
    "GFDL-1.3": "GFDL-1.3-only",
    "BSD-2-Clause-FreeBSD": "BSD-2-Clause",
    # free text, where it names one licence
    "GPL V2.0": "GPL-2.0-only",
    "GPL-3": "GPL-3.0-only",
    "AGPL-3": "AGPL-3.0-only",
    "LGPL-v2.1": "LGPL-2.1-only",
    "Apache 2": "Apache-2.0",
    "Apache License 2.0": "Apache-2.0",
    "Apache License, Version 2.0": "Apache-2.0",
    "MIT License": "MIT",
    "AGPLv3": "AGPL-3.0-only",
    "AGPL v3+": "AGPL-3.0-or-later",
    "GPLv2+": "GPL-2.0-or-later",
    "GNU GPL v3 or later": "GPL-3.0-or-later",
    "GNU General Public License version 3 or any later version": "GPL-3.0-or-later",
    "GNU Affero General Public License v3.0": "AGPL-3.0-only",
    "GNU Lesser General Public License v2.1 or later": "LGPL-2.1-or-later",
    "EUPL 1.2": "EUPL-1.2",
    "European Union Public Licence v1.2": "EUPL-1.2",
    "CeCILL v2.1": "CECILL-2.1",
    "MPL 2.0": "MPL-2.0",
    "Mozilla Public License 2.0": "MPL-2.0",
    "BSD 3-Clause": "BSD-3-Clause",
    "LGPL v3": "LGPL-3.0-only",
    "CC BY-SA 4.0": "CC-BY-SA-4.0",
    "Creative Commons Attribution-ShareAlike 4.0 International": "CC-BY-SA-4.0",
    "Licence Ouverte 2.0": "etalab-2.0",
}


@pytest.mark.parametrize(("text", "spdx_id"), EXPECTED_LICENCES.items())
def test_licences_map_to_current_spdx_ids_where_the_text_names_one(text, spdx_id):
    assert normalise.licence(text) == (spdx_id, "")


@pytest.mark.parametrize(
    "text",
    [
        "MPL 2.0 et EPL 1.0",  # several licences
        "GPL / LGPL",
        "MIT or Apache-2.0",
        "MIT OR Apache-2.0",  # an SPDX expression: the catalogue holds one licence per tool
        "(MIT AND BSD-3-Clause)",
        "GPL-2.0-or-later WITH Classpath-exception-2.0",
        "GPL-2.0 + LGPL",
        "MIT, LGPL-3, AGPL-3",
        "GPL",  # no version
        "BSD",
        "Apache",
        "CC0",
        "BSD-3.0",  # BSD has clauses, not versions
        "CeCILL-2.2",  # no such version
        "CPA",
        "Open License 2.0",  # Etalab's or the Open Software License?
        "Microsoft License",
        "proprietary",
        "Public Domain",
        "wxWindows",  # deprecated: a licence with an exception
        "x" * 10_000,
    ],
)
def test_several_licences_a_family_without_version_or_unknown_text_give_a_note_naming_it(text):
    spdx_id, note = normalise.licence(text)
    assert spdx_id == ""
    assert note.startswith("licence not mapped: ")
    assert text[:50] in note
    assert len(note) < 150  # a huge text is quoted in part


@pytest.mark.parametrize("text", [None, "", "  ", "N/A", "unknown", 3.0, ["MIT"]])
def test_no_licence_stated_gives_neither_id_nor_note(text):
    assert normalise.licence(text) == ("", "")


def test_every_licence_of_the_sill_and_the_dpg_registry_maps_or_is_noted():
    sill = json.loads((FIXTURES / "sill" / "sill.json").read_text())
    dpgs = json.loads((FIXTURES / "dpg" / "dpgs.json").read_text())
    stated = {record.get("l") for record in sill}
    stated |= {licence.get("spdx") for record in dpgs for licence in record.get("license") or []}
    results = {text: normalise.licence(text) for text in stated}
    for text, (spdx_id, note) in results.items():
        assert (spdx_id in SPDX_IDS and not note) or (not spdx_id and (note or text == "N/A")), text
    assert results["MPL 2.0 et EPL 1.0"] == ("", "licence not mapped: MPL 2.0 et EPL 1.0")
    assert results["GPL V2.0"] == ("GPL-2.0-only", "")
    assert results["NPOSL-3.0"] == ("NPOSL-3.0", "")
    mapped = [text for text, (spdx_id, _note) in results.items() if spdx_id]
    assert len(mapped) >= 0.75 * len(results)  # the unmapped are the lists of several licences, "N/A"…


# --- records --------------------------------------------------------------------------------------


def _tool():
    operator = HarvestedOrganisation(
        ref="ajuntament",
        names={"es": "Ajuntament de Barcelona"},
        website=" https://www.Barcelona.cat/ ",
        country="Espagne",
        forge_accounts=[
            "https://github.com/AjuntamentdeBarcelona/",
            "http://www.github.com/ajuntamentdebarcelona",
            "ftp://x",
        ],
        wikidata="https://www.wikidata.org/wiki/Q15054",
    )
    return HarvestedTool(
        ref="decidim",
        names={"en": "Decidim"},
        website="javascript:alert(1)",
        repository="http://www.GitHub.com/Decidim/decidim.git/",
        licence="AGPL v3+",
        countries=["Spain", "Global", "Espagne", "Kosovo", "Mexique"],
        organisations=[("owner", operator)],
        wikidata="not an id",
    )


def test_a_harvested_tool_and_its_organisations_are_normalised_in_place_with_notes():
    tool = _tool()
    assert normalise.record(tool) is tool
    assert tool.licence == "AGPL-3.0-or-later"
    assert tool.countries == ["ES", "MX"]
    assert tool.repository == "https://github.com/Decidim/decidim"
    assert tool.website == ""
    assert tool.wikidata == ""
    assert tool.notes == [
        "country not mapped: Kosovo",
        "website address not kept: javascript:alert(1)",
        "Wikidata id not kept: not an id",
    ]
    operator = tool.organisations[0][1]
    assert operator.country == "ES"
    assert operator.website == "https://www.barcelona.cat/"
    assert operator.forge_accounts == ["https://github.com/AjuntamentdeBarcelona"]  # one account, once
    assert operator.wikidata == "Q15054"
    assert operator.notes == ["forge account address not kept: ftp://x"]


def test_normalising_twice_changes_nothing_more():
    tool = normalise.record(_tool())
    before = (tool.licence, tool.countries, tool.repository, tool.website, list(tool.notes))
    normalise.record(tool)
    assert (tool.licence, tool.countries, tool.repository, tool.website, tool.notes) == before
    assert tool.organisations[0][1].notes == ["forge account address not kept: ftp://x"]


def test_an_organisation_with_an_unknown_country_or_licence_text_keeps_a_note():
    organisation = normalise.record(HarvestedOrganisation(ref="x", names={"fr": "X"}, country="Atlantide"))
    assert organisation.country == ""
    assert organisation.notes == ["country not mapped: Atlantide"]
    regional = normalise.record(HarvestedOrganisation(ref="y", names={"fr": "Y"}, country="Worldwide"))
    assert regional.country == "" and regional.notes == []
    tool = normalise.record(HarvestedTool(ref="t", names={"fr": "T"}, licence="MPL 2.0 et EPL 1.0"))
    assert tool.licence == "" and tool.notes == ["licence not mapped: MPL 2.0 et EPL 1.0"]


def test_only_harvested_records_are_normalised():
    with pytest.raises(TypeError):
        normalise.record({"licence": "MIT"})


def test_e_mail_addresses_in_texts_are_left_out_with_a_note():
    tool = HarvestedTool(
        ref="1",
        names={"en": "Mailer"},
        summaries={"en": "Write to person-1@placeholder.invalid"},
        descriptions={"fr": "Contact : Placeholder Person 1 <mailto:person-1@placeholder.invalid>."},
    )
    normalise.record(tool)
    assert "placeholder.invalid" not in tool.summaries["en"] + tool.descriptions["fr"]
    assert tool.summaries["en"] == "Write to […]"
    assert any("e-mail" in note for note in tool.notes)
    assert normalise.record(tool).summaries["en"] == "Write to […]"  # twice changes nothing more
