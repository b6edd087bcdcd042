"""The kinds of source read the real snapshots of harvest/snapshots/ into records, and refuse hostile
documents with a clear error (no database: reading is plain functions over bytes)."""

import json
import time
from pathlib import Path

import pytest

from harvest import kinds
from harvest.documents import DocumentError, json_document, yaml_document
from harvest.records import HarvestedOrganisation, HarvestedTool, RecordError

SNAPSHOTS = Path(__file__).resolve().parents[2] / "harvest" / "snapshots"
DPG_INDEX = "http://127.0.0.1/dpg/dpgs.json"


def _dpg_fetched(index=None):
    """What a harvest of the DPG snapshot fetches: the index, then each screening file it names."""
    data = index if index is not None else (SNAPSHOTS / "dpg" / "dpgs.json").read_bytes()
    fetched = {DPG_INDEX: data}
    for address in kinds.get("dpg").extra(DPG_INDEX, data):
        path = SNAPSHOTS / "dpg" / "screening" / address.rsplit("/", 1)[1]
        if path.exists():
            fetched[address] = path.read_bytes()
    return fetched


def _read(kind, fetched):
    return list(kinds.get(kind).read(fetched))


def _file(kind, *parts):
    path = SNAPSHOTS.joinpath(*parts)
    return _read(kind, {f"http://127.0.0.1/{'/'.join(parts)}": path.read_bytes()})


def _all_snapshot_records():
    records = {"dpg": _read("dpg", _dpg_fetched()), "sill": _file("sill", "sill", "sill.json")}
    for name in ("comptes-organismes-publics.yml", "fr-public-sector-ospo.yml"):
        records[name] = _file("organisations-yaml", "codegouvfr", name)
    for path in sorted((SNAPSHOTS / "publiccode").glob("*.yml")):
        records[path.name] = _file("publiccode", "publiccode", path.name)
    return records


def test_every_kind_is_registered_under_its_stored_name():
    assert {kind.name for kind in kinds.all_kinds()} >= {
        "dpg",
        "sill",
        "publiccode",
        "publiccode-list",
        "organisations-yaml",
        "toolbox",
    }


def test_every_record_of_every_snapshot_reads():
    records = _all_snapshot_records()
    assert all(not isinstance(r, RecordError) for found in records.values() for r in found)
    assert len(records["dpg"]) == 165 and all(isinstance(r, HarvestedTool) for r in records["dpg"])
    assert len(records["sill"]) == 240
    offices = records["fr-public-sector-ospo.yml"]
    assert len(offices) == 9 and all(r.names.get("fr") for r in offices)
    accounts = [a for r in records["comptes-organismes-publics.yml"] for a in r.forge_accounts]
    # 300 accounts or groups on shared forges, and the 70 forges (of 87) dedicated to one
    # organisation that code.gouv.fr still reads
    assert len([a for a in accounts if a.rstrip("/").count("/") == 3]) == 300
    assert len([a for a in accounts if a.endswith("/")]) == 70
    assert all(len(found) == 1 for name, found in records.items() if name.endswith(".publiccode.yml"))


def test_no_placeholder_personal_data_reaches_a_record():
    text = repr(_all_snapshot_records())
    assert "Placeholder Person" not in text and "placeholder.invalid" not in text
    assert "andres@decidim.org" not in text  # a maintainer's contact in Decidim's publiccode.yml
    assert "nicolas.vivant@echirolles.fr" not in text  # an office's contact in code.gouv.fr's list


def test_a_dpg_record_mapped_field_by_field():
    tool = next(r for r in _read("dpg", _dpg_fetched()) if r.ref == "aam-digital")
    assert tool.names == {"en": "Aam Digital"}
    assert tool.descriptions["en"].startswith("Open source case management software for the social Sector.")
    assert tool.website == "https://www.aam-digital.com"
    assert tool.repository == "https://github.com/Aam-Digital/ndb-core"
    assert tool.licence == "GPL-3.0"
    assert tool.categories == ["Gender and Minority Groups"]
    # countries as the screening file spells them: where it is deployed
    assert tool.countries == [
        "India",
        "Palestine State",
        "Pakistan",
        "Tanzania",
        "Rwanda",
        "United States of America",
        "Germany",
    ]
    assert "developed in: Germany, India, Israel" in tool.notes
    [(role, owner)] = tool.organisations
    assert role == "developer"
    assert (owner.names, owner.website) == ({"en": "Aam Digital GmbH"}, "https://www.aam-digital.com")
    boxtribute = next(r for r in _read("dpg", _dpg_fetched()) if r.ref == "boxtribute")
    assert boxtribute.aliases == ["Stichting Boxwise", "Boxwise (formerly)", "BoxTribute"]


def test_dpg_screening_files_are_named_by_safe_ids_only():
    index = json.dumps([{"id": "dhis2", "name": "DHIS2"}, {"id": "../../etc/passwd", "name": "x"}]).encode()
    assert kinds.get("dpg").extra("https://mirror.example.org/dpgs/index.json", index) == [
        "https://mirror.example.org/dpgs/screening/dhis2.json"
    ]
    # the registry's own index: its screening files are in its candidates repository
    assert kinds.get("dpg").extra("https://api.digitalpublicgoods.net/dpgs/index.json", index) == [
        "https://raw.githubusercontent.com/DPGAlliance/publicgoods-candidates/HEAD/digitalpublicgoods/dhis2.json"
    ]


def test_a_dpg_good_without_a_screening_file_reads_without_countries():
    index = (SNAPSHOTS / "dpg" / "dpgs.json").read_bytes()
    broken = {DPG_INDEX: index, "http://127.0.0.1/dpg/screening/dhis2.json": b"<html><body>404</body></html>"}
    records = {r.ref: r for r in _read("dpg", broken)}
    assert len(records) == 165
    assert records["dhis2"].countries == []
    assert any("screening file not read" in note and "web page" in note for note in records["dhis2"].notes)
    assert records["aam-digital"].countries == []


def test_a_sill_record_mapped_field_by_field():
    records = {r.ref: r for r in _file("sill", "sill", "sill.json")}
    zip7 = records["1"]
    assert zip7.names == {"fr": "7zip", "en": "7zip"}
    assert zip7.summaries == {
        "fr": "Logiciel facilitant l'archivage des données",
        "en": "Open-source file archiver and extractor",
    }
    assert zip7.website == "https://www.7-zip.org/"
    assert zip7.repository == "https://sourceforge.net/projects/sevenzip/files/7-Zip/"
    assert zip7.licence == "LGPL-2.0-only"
    assert zip7.categories == ["Compression décompression", "Compression de fichier"]
    # licences kept as the SILL writes them, for the normalising step
    assert records["59"].licence == "MPL 2.0 et EPL 1.0"
    assert records["71"].licence == "GPL V2.0"
    plugin = records["3"]
    assert plugin.names == {"fr": "Additional Alerts"} and "a plug-in or module of GLPI" in plugin.notes


def test_code_gouv_fr_lists_mapped_field_by_field():
    offices = {r.ref: r for r in _file("organisations-yaml", "codegouvfr", "fr-public-sector-ospo.yml")}
    dinum = offices["https://code.gouv.fr"]
    assert dinum.names == {"fr": "Pôle Open Source et Communs Numériques de la DINUM"}
    assert dinum.descriptions["en"].startswith("A mission dedicated to the use, development and promotion")
    assert dinum.descriptions["fr"].startswith("Une mission dédiée à l'usage")
    assert (dinum.website, dinum.country, dinum.kind) == ("https://code.gouv.fr", "FR", "administration")
    assert dinum.forge_accounts == [
        "https://github.com/codegouvfr/",
        "https://github.com/suitenumerique/",
        "https://github.com/numerique-gouv/",
    ]
    accounts = {r.ref: r for r in _file("organisations-yaml", "codegouvfr", "comptes-organismes-publics.yml")}
    etalab = accounts["pso_id:db2b74d4-4dbc-4d7d-ba1b-5762e2cb06b8"]
    assert etalab.names == {}  # the list names no organisation
    assert "https://gitlab.com/etalab-datalab" in etalab.forge_accounts
    assert "https://github.com/etalab" in etalab.forge_accounts
    # a forge code.gouv.fr no longer reads is a note, not an account
    ignored = [r for r in accounts.values() if any("gitlab.u-psud.fr" in note for note in r.notes)]
    assert ignored and all("https://gitlab.u-psud.fr/" not in r.forge_accounts for r in ignored)


def test_publiccode_files_mapped_field_by_field():
    [catala] = _file("publiccode", "publiccode", "catala.publiccode.yml")
    assert catala.ref == "https://github.com/CatalaLang/catala"
    assert catala.names == {"en": "Catala", "fr": "Catala"}
    assert set(catala.summaries) == set(catala.descriptions) == {"en", "fr"}
    assert (catala.licence, catala.website) == ("Apache-2.0", "https://catala-lang.org")
    roles = [(role, organisation.ref) for role, organisation in catala.organisations]
    assert ("operator", "Direction Générale des Finances Publiques (DGFiP)") in roles
    inria = next(o for role, o in catala.organisations if role == "funder" and "INRIA" in o.ref)
    assert inria.website == "https://apollo.inria.fr/"
    [consul] = _file("publiccode", "publiccode", "consuldemocracy.publiccode.yml")
    assert consul.names == {"en": "Consul Democracy"}
    assert consul.repository == "https://github.com/consuldemocracy/consuldemocracy.git"  # as written
    owners = [(role, o.ref) for role, o in consul.organisations]
    assert owners == [("developer", "Consul Democracy Foundation")]


def test_decidim_used_by_is_deduplicated():
    [decidim] = _file("publiccode", "publiccode", "decidim.publiccode.yml")
    users = [o.ref for role, o in decidim.organisations if role == "operator"]
    assert len(users) == 462  # 464 in the file, two of them twice
    assert users.count("Schuttrange") == 1 and users.count("Touraine") == 1
    assert ("developer", "Associació de Software Lliure Decidim") in [
        (role, o.ref) for role, o in decidim.organisations
    ]


@pytest.mark.parametrize(
    ("repository", "expected"),
    [
        (
            "https://github.com/decidim/decidim",
            "https://raw.githubusercontent.com/decidim/decidim/HEAD/publiccode.yml",
        ),
        (
            "https://github.com/consuldemocracy/consuldemocracy.git",
            "https://raw.githubusercontent.com/consuldemocracy/consuldemocracy/HEAD/publiccode.yml",
        ),
        (
            "https://gitlab.com/group/sub/project/-/tree/main",
            "https://gitlab.com/group/sub/project/-/raw/HEAD/publiccode.yml",
        ),
        (
            "https://forgemia.inra.fr/team/tool",
            "https://forgemia.inra.fr/team/tool/-/raw/HEAD/publiccode.yml",
        ),
        (
            "https://codeberg.org/owner/repo",
            "https://codeberg.org/api/v1/repos/owner/repo/raw/publiccode.yml",
        ),
        ("https://bitbucket.org/team/repo/", "https://bitbucket.org/team/repo/raw/HEAD/publiccode.yml"),
        ("http://127.0.0.1:8000/files/publiccode.yml", "http://127.0.0.1:8000/files/publiccode.yml"),
    ],
)
def test_publiccode_is_fetched_from_the_default_branch_of_each_forge(repository, expected):
    assert kinds.get("publiccode").documents(repository) == [expected]


def test_a_list_of_repositories_reads_each_publiccode_file():
    listing = (
        b"# our software\nhttps://github.com/decidim/decidim\n\nhttps://github.com/example/missing\nftp://x\n"
    )
    kind = kinds.get("publiccode-list")
    files = kind.extra("http://127.0.0.1/list.txt", listing)
    assert files == [
        "https://raw.githubusercontent.com/decidim/decidim/HEAD/publiccode.yml",
        "https://raw.githubusercontent.com/example/missing/HEAD/publiccode.yml",
    ]
    fetched = {
        "http://127.0.0.1/list.txt": listing,
        files[0]: (SNAPSHOTS / "publiccode" / "decidim.publiccode.yml").read_bytes(),
    }
    records = list(kind.read(fetched))
    assert [r.ref for r in records if isinstance(r, HarvestedTool)] == [
        "https://github.com/decidim/decidim.git"
    ]
    assert {r.ref for r in records if isinstance(r, RecordError)} == {
        "https://github.com/example/missing",
        "ftp://x",
    }
    yaml_listing = b"- https://github.com/decidim/decidim\n- url: https://codeberg.org/owner/repo\n"
    assert kind.extra("http://127.0.0.1/list.yml", yaml_listing) == [
        files[0],
        "https://codeberg.org/api/v1/repos/owner/repo/raw/publiccode.yml",
    ]


# --- another OGP Toolbox -----------------------------------------------------------------------------

KEY_TOOL = "0b7e9f6a-1111-4c1e-9a55-3d1f0c9a0001"
KEY_ORG = "0b7e9f6a-2222-4c1e-9a55-3d1f0c9a0002"
KEY_FEDERATED = "0b7e9f6a-3333-4c1e-9a55-3d1f0c9a0003"


def _export(language, entries):
    """An export as ``opendata.exports.json_stream`` writes it (header, entries, taxonomy)."""
    return json.dumps(
        {
            "licence": "Licence Ouverte / Open Licence 2.0",
            "language": language,
            "types": ["tool", "organisation"],
            "entries": entries,
            "taxonomy": {
                "licence": [{"slug": "agpl-3", "names": {}, "fields": {"spdx_id": "AGPL-3.0-or-later"}}]
            },
        }
    ).encode()


def _tool_entry(language, title, summary, **extra):
    return {
        "type": "tool",
        "language": language,
        "translation_key": KEY_TOOL,
        "url": f"https://other.example.org/{language}/tools/decidim/",
        "title": title,
        "slug": "decidim",
        "summary": summary,
        "kind": "software",
        "status": "active",
        "description": [{"type": "paragraph", "value": f"<p>{summary} &amp; more</p>"}],
        "website": "https://decidim.org",
        "source_code_url": "https://github.com/decidim/decidim",
        "licence": "agpl-3",
        "categories": ["public-consultation"],
        "countries": ["ES", "FR"],
        "organisation_links": [{"organisation": KEY_ORG, "role": "developer"}],
        **extra,
    }


def test_another_toolbox_export_groups_languages_and_keeps_origins():
    french = [
        _tool_entry("fr", "Decidim", "Plateforme de participation"),
        {
            "type": "organisation",
            "language": "fr",
            "translation_key": KEY_ORG,
            "title": "Ajuntament de Barcelona",
            "summary": "Mairie",
            "kind": "administration",
            "country": "ES",
            "website": "https://www.barcelona.cat",
            "description": [],
        },
        {"type": "use_case", "language": "fr", "translation_key": "x", "title": "Not harvested"},
        # first written on a third instance: harvested from this one, it keeps its first origin
        {
            **_tool_entry("fr", "Consul", "Participation"),
            "translation_key": KEY_FEDERATED,
            "organisation_links": [],
            "origin": "https://first.example.net",
        },
        {**_tool_entry("fr", "", "Sans nom"), "translation_key": "0b7e9f6a-4444-4c1e-9a55-3d1f0c9a0004"},
    ]
    english = [_tool_entry("en", "Decidim", "Participation platform")]
    fetched = {
        "https://other.example.org/fr/export/tools.json": _export("fr", french),
        "https://other.example.org/en/export/tools.json": _export("en", english),
    }
    records = list(kinds.get("toolbox").read(fetched))
    errors = [r for r in records if isinstance(r, RecordError)]
    assert [e.ref for e in errors] == ["0b7e9f6a-4444-4c1e-9a55-3d1f0c9a0004"]
    [organisation] = [r for r in records if isinstance(r, HarvestedOrganisation)]
    tools = {r.ref: r for r in records if isinstance(r, HarvestedTool)}
    decidim = tools[KEY_TOOL]
    assert decidim.names == {"fr": "Decidim", "en": "Decidim"}
    assert decidim.summaries == {"fr": "Plateforme de participation", "en": "Participation platform"}
    assert decidim.descriptions["en"] == "Participation platform & more"
    assert decidim.licence == "AGPL-3.0-or-later"  # the SPDX id its export's taxonomy gives
    assert (decidim.repository, decidim.countries) == ("https://github.com/decidim/decidim", ["ES", "FR"])
    assert decidim.organisations == [("developer", organisation)]
    assert organisation.names == {"fr": "Ajuntament de Barcelona"} and organisation.country == "ES"
    assert decidim.origin == organisation.origin == "https://other.example.org"
    assert tools[KEY_FEDERATED].origin == "https://first.example.net"


def test_another_toolbox_is_fetched_as_its_exports_of_each_language():
    assert kinds.get("toolbox").documents("https://other.example.org/") == [
        f"https://other.example.org/{language}/export/{plural}.json"
        for plural in ("organisations", "tools")
        for language in ("fr", "en", "es")
    ]
    one = "https://other.example.org/fr/export/collection/0b7e9f6a-1111-4c1e-9a55-3d1f0c9a0001.json"
    assert kinds.get("toolbox").documents(one) == [one]


# --- hostile documents -------------------------------------------------------------------------------

PAGE = b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in</body></html>"
BOMB = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize(
    ("kind", "address"),
    [
        ("dpg", "http://127.0.0.1/dpgs/index.json"),
        ("sill", "http://127.0.0.1/sill.json"),
        ("toolbox", "http://127.0.0.1/fr/export/tools.json"),
        ("publiccode", "http://127.0.0.1/publiccode.yml"),
        ("organisations-yaml", "http://127.0.0.1/comptes-organismes-publics.yml"),
    ],
)
def test_a_web_page_instead_of_data_is_a_clear_error(kind, address):
    with pytest.raises(DocumentError, match=r"answered with a web page, not (JSON|YAML)"):
        _read(kind, {address: PAGE})


def test_malformed_json_says_where():
    with pytest.raises(DocumentError, match=r"not valid JSON \(line 2, column 13"):
        _read("sill", {"http://127.0.0.1/sill.json": b'[{"i": "7zip",\n "l": "MIT" "website": ""}]'})


def test_malformed_yaml_says_where():
    with pytest.raises(DocumentError, match=r"not valid YAML \(line 3, column"):
        broken = b"name: Tool\nurl: https://x\n  bad: [unclosed\n"
        _read("publiccode", {"http://127.0.0.1/publiccode.yml": broken})


def test_a_yaml_bomb_is_refused_before_it_expands():
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="billion laughs"):
        yaml_document(BOMB, "http://127.0.0.1/bomb.yml")
    # expanded, it would be a billion strings: the refusal comes from counting, which is immediate
    assert time.perf_counter() - started < 1
    with pytest.raises(DocumentError, match="more than 200 YAML aliases"):
        yaml_document(b"a: &a x\nb: [" + b", ".join([b"*a"] * 300) + b"]\n", "many.yml")
    with pytest.raises(DocumentError, match="contains itself"):
        yaml_document(b"a: &a [1, *a]\n", "loop.yml")
    # a few aliases, as a hand-written list may use them, are read as usual
    shared = yaml_document(b"base: &base {forge: gitlab}\nx: *base\ny: *base\n", "ok.yml")
    assert shared["y"] == {"forge": "gitlab"}


def test_values_nested_too_deep_are_refused():
    with pytest.raises(DocumentError, match="nested more than"):
        yaml_document(b"[" * 100_000 + b"]" * 100_000, "deep.yml")
    with pytest.raises(DocumentError, match="nested too deep"):
        json_document(b"[" * 100_000 + b"]" * 100_000, "deep.json")


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(DocumentError, match=r"not UTF-8 text \(byte 8"):
        _read("sill", {"http://127.0.0.1/sill.json": b'[{"i": "\xe9t\xe9"}]'})
    with pytest.raises(DocumentError, match="not UTF-8"):
        _read("organisations-yaml", {"http://127.0.0.1/ospo.yml": "nom: Équipe".encode("latin-1")})


@pytest.mark.parametrize(
    ("kind", "address", "data"),
    [
        ("dpg", "http://127.0.0.1/dpgs/index.json", b'{"id": "aam-digital"}'),
        ("sill", "http://127.0.0.1/sill.json", b'"just text"'),
        ("publiccode", "http://127.0.0.1/publiccode.yml", b"- name: a list, not a file\n"),
        ("organisations-yaml", "http://127.0.0.1/list.yml", b"- gitlab.com\n"),
        ("toolbox", "http://127.0.0.1/fr/export/tools.json", b'{"entries": {"not": "a list"}}'),
    ],
)
def test_a_document_of_the_wrong_shape_is_refused(kind, address, data):
    with pytest.raises(DocumentError, match="expected"):
        _read(kind, {address: data})


def test_a_record_without_a_name_is_an_error_and_the_others_read():
    index = json.loads((SNAPSHOTS / "dpg" / "dpgs.json").read_bytes())
    del index[1]["name"]
    index[2]["license"] = "GPL-3.0"  # a list in the registry's format
    index.insert(3, "not an object")
    records = _read("dpg", _dpg_fetched(json.dumps(index).encode()))
    errors = [r for r in records if isinstance(r, RecordError)]
    assert [(e.ref, e.message) for e in errors] == [
        ("accessible-kazakhstan", "no name"),
        ("accessmod", "not a public good as the registry describes one: license should be a list"),
        ("entry 4", "not an object: each public good is an object with a name"),
    ]
    assert len([r for r in records if isinstance(r, HarvestedTool)]) == 163
    sill = json.loads((SNAPSHOTS / "sill" / "sill.json").read_bytes())
    sill[0]["i"] = "  "
    records = _read("sill", {"http://127.0.0.1/sill.json": json.dumps(sill).encode()})
    assert [(r.ref, r.message) for r in records if isinstance(r, RecordError)] == [("1", "no name")]
    assert len(records) == 240
    offices = b"https://a.example.org:\n  country: FR\nhttps://b.example.org:\n  name: Office B\n"
    records = _read("organisations-yaml", {"http://127.0.0.1/ospo.yml": offices})
    assert isinstance(records[0], RecordError) and records[0].ref == "https://a.example.org"
    assert records[1].names == {"fr": "Office B"}
    assert _read("publiccode", {"http://127.0.0.1/publiccode.yml": b"url: https://github.com/a/b\n"}) == [
        RecordError("https://github.com/a/b", "no name")
    ]
