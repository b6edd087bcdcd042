"""Imported content is as safe as typed content: hostile JSON, CSV and publiccode.yml files.

Rich text goes through the admin editor's own conversion (what the features do not allow is
dropped), StreamField blocks and inline rows are validated as the admin validates them, and what
cannot be cleaned fails that entry with the reason while the others are imported.
"""

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.utils import translation

from opendata.importer import import_records
from pages.hackathons import HackathonProjectPage
from pages.tools import ToolPage
from pages.use_cases import UseCasePage
from tests.factories import ToolPageFactory
from tests.helpers.opendata import exported, new_tool_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    # the site's default language is French; the reasons asserted here are Django's English ones
    with translation.override("en"):
        yield


FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE_HTML = (
    "<p>Un outil <b>sûr</b>.<script>alert('pwned')</script></p>"
    "<p><img src=x onerror=\"alert('pwned')\"> <a href=\"javascript:alert('pwned')\">piège</a>"
    ' <a href="https://example.org/ok" onclick="alert(\'pwned\')">lien sûr</a></p>'
)


class ActiveContent(HTMLParser):
    """What a browser would run: scripts, event handlers, ``javascript:`` addresses."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):  # the site's own scripts
                self.found.append("<script>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}=")
            address = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in ("href", "src", "action", "formaction") and address.startswith("javascript:"):
                self.found.append(f"{name}=javascript:")


def active_content(html):
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.found


def html_strings(data):
    """The HTML values of a record (rich text): plain-text fields are data, escaped where shown."""
    if isinstance(data, str):
        if data.lstrip().startswith("<"):
            yield data
        elif data.startswith(("[", "{")):  # a CSV cell holding blocks or rows as JSON
            yield from html_strings(json.loads(data))
    elif isinstance(data, dict):
        for value in data.values():
            yield from html_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from html_strings(value)


def assert_safe_everywhere(client, page):
    """The public page, the API entry and both exports carry nothing a browser would run."""
    response = client.get(page.url)
    assert response.status_code == 200
    assert active_content(response.content.decode()) == []

    language = page.locale.language_code
    response = client.get(f"/api/v1/entries/{page.translation_key}", {"language": language})
    assert response.status_code == 200
    for text in html_strings(json.loads(response.content)):
        assert active_content(text) == [], text

    kind = {ToolPage: "tools", UseCasePage: "use-cases", HackathonProjectPage: "projects"}[type(page)]
    response = client.get(f"/{language}/export/{kind}.json")
    entries = json.loads(b"".join(response.streaming_content))["entries"]
    entry = next(item for item in entries if item["translation_key"] == str(page.translation_key))
    for text in html_strings(entry):
        assert active_content(text) == [], text
    response = client.get(f"/{language}/export/{kind}.csv")
    rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    row = next(row for row in rows if str(page.translation_key) in row)
    for cell in html_strings(row):  # the HTML columns, and the text ones that must hold no markup
        assert active_content(cell) == [], cell


def paragraph(html):
    return [{"type": "paragraph", "value": html}]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalogue", *[str(arg) for arg in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# JSON: rich text in StreamField blocks


def test_script_event_handlers_and_javascript_links_are_removed_and_the_rest_kept(client):
    tool = new_tool_record(11, "outil-piege", "Outil piégé", "https://piege.example.org/")
    tool["description"] = paragraph(HOSTILE_HTML)

    report = import_records([("entry 1", tool)], publish=True)

    assert report.failed == [] and report.created == 1
    page = ToolPage.objects.get(slug="outil-piege")
    stored = str(page.description[0].value.source)
    assert active_content(stored) == []
    assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
    assert "<b>sûr</b>" in stored and '<a href="https://example.org/ok">lien sûr</a>' in stored
    assert "piège" in stored  # the text of a dropped link stays
    (where, note), *_ = report.cleaned
    assert where == "entry 1"
    assert "description" in note and "<script>" in note and "onerror" in note
    assert "1 cleaned" in report.summary()
    assert_safe_everywhere(client, page)


def test_the_command_lists_what_it_cleaned(tmp_path):
    tool = new_tool_record(12, "outil-nettoye", "Outil nettoyé", "https://nettoye.example.org/")
    tool["description"] = paragraph(HOSTILE_HTML)
    path = tmp_path / "tools.json"
    path.write_text(json.dumps({"entries": [tool]}), encoding="utf-8")

    out, err = run(path, "--publish")

    assert "1 created, 0 updated, 0 unchanged, 0 failed, 1 cleaned" in out
    assert re.search(r"entry 1: cleaned: description.*removed.*<script>", err)


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="jav&#x09;ascript:alert(1)">t</a> <a href="  JAVASCRIPT:alert(1)">u</a></p>',
        '<p><a href="data:text/html;base64,PHNjcmlwdD4=">d</a></p>',
        '<svg onload=alert(1)><p>s</p></svg><iframe src="javascript:alert(1)"></iframe>',
        '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>',
        '<p style="background:url(javascript:alert(1))">st</p><!--<script>alert(1)</script>-->',
        "<textarea><script>alert(1)</script></textarea><style>p{}</style>",
        '<p><a linktype="page" id="3" onclick="alert(1)">p</a></p>',
        "<scr<script>ipt>alert(1)</script>",
    ],
)
def test_every_way_of_hiding_a_script_in_rich_text_is_dropped(html):
    tool = new_tool_record(41, "outil-cache", "Outil caché", "https://cache.example.org/")
    tool["description"] = paragraph(html)

    report = import_records([("entry 1", tool)], publish=True)

    assert report.failed == [] and report.cleaned
    stored = ToolPage.objects.get(slug="outil-cache").description[0].value.source
    assert active_content(stored) == [] and "<script" not in stored, stored


@pytest.mark.parametrize(
    ("html", "stored"),
    [
        ("<p>a<br>b</p>", "<p>a<br/>b</p>"),
        ("<ul><li>un<li>deux</ul>", "<ul><li>un</li><li>deux</li></ul>"),
        ("<p><b>pas fermé", "<p><b>pas fermé</b></p>"),
        ("<p>un<p>deux", "<p>un</p><p>deux</p>"),
    ],
)
def test_html_that_the_editor_would_not_write_is_read_not_refused(html, stored):
    tool = new_tool_record(42, "html-libre", "HTML libre", "https://libre.example.org/")
    tool["description"] = paragraph(html)

    report = import_records([("entry 1", tool)], publish=True)

    assert report.failed == []
    assert ToolPage.objects.get(slug="html-libre").description[0].value.source == stored


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ('<a linktype="page">p</a>', "lacks its 'id' attribute"),
        ('<a linktype="page" id="3 onclick=alert(1)">p</a>', "its HTML cannot be read"),
    ],
)
def test_a_page_link_that_cannot_be_read_fails_the_entry_naming_the_block(link, reason):
    tool = new_tool_record(43, "lien-casse", "Lien cassé", "https://casse.example.org/")
    tool["description"] = [{"type": "heading", "value": "Titre"}, *paragraph(f"<p>{link}</p>")]

    report = import_records([("entry 1", tool)], publish=True)

    failure = dict(report.failed)["entry 1"]
    assert failure.startswith("description: block 2 (paragraph): ") and reason in failure


def test_a_link_to_a_page_id_no_page_can_have_fails_and_one_to_a_deleted_page_is_kept(client):
    impossible = new_tool_record(44, "lien-immense", "Lien immense", "https://immense.example.org/")
    impossible["description"] = paragraph('<p><a linktype="page" id="99999999999999999999999">p</a></p>')
    deleted = new_tool_record(45, "lien-perdu", "Lien perdu", "https://perdu.example.org/")
    deleted["description"] = paragraph('<p><a linktype="page" id="999999">p</a></p>')

    report = import_records([("entry 1", impossible), ("entry 2", deleted)], publish=True)

    assert list(dict(report.failed)) == ["entry 1"]
    assert "a link to page 99999999999999999999999" in dict(report.failed)["entry 1"]
    page = ToolPage.objects.get(slug="lien-perdu")  # a broken link, as the editor keeps it
    assert page.description[0].value.source == '<p><a linktype="page" id="999999">p</a></p>'
    assert client.get(page.url).status_code == 200


# CSV: rich text fields and StreamField cells


def use_case_csv_row(tmp_path):
    path = tmp_path / "export.csv"
    call_command(
        "export_catalogue",
        "--format",
        "csv",
        "--locale",
        "en",
        "--type",
        "use-case",
        "--output",
        str(path),
        stderr=io.StringIO(),
    )
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    return rows[0], list(rows[0])


def write_csv(path, fieldnames, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)


def test_a_csv_rich_text_field_and_body_are_cleaned_as_the_editor_cleans_them(client, tmp_path):
    row, fieldnames = use_case_csv_row(tmp_path)
    hostile = {
        **row,
        "Translation key": "0f0f0f0f-0000-4000-8000-000000000021",
        "Slug": "cas-piege",
        "Title": "Hostile use case",
        "Objectives (HTML)": "<h2 onmouseover=\"alert('pwned')\">Goal</h2>" + HOSTILE_HTML,
        "Narrative (HTML)": '<div class="block-paragraph">'
        "<p><iframe src=\"javascript:alert('pwned')\"></iframe>Body</p></div>",
    }
    path = tmp_path / "hostile.csv"
    write_csv(path, fieldnames, [hostile])

    out, err = run(path, "--publish")

    assert "1 created" in out and "0 failed" in out, err
    page = UseCasePage.objects.get(slug="cas-piege")
    assert active_content(page.objectives) == [] and "<script" not in page.objectives
    assert "<h2" not in page.objectives  # not one of the field's features (h3, h4)
    assert "Goal" in page.objectives and "<b>sûr</b>" in page.objectives
    assert "iframe" not in page.body[0].value.source and "Body" in page.body[0].value.source
    assert "objectives" in err and "body" in err
    assert_safe_everywhere(client, page)


def test_a_csv_row_with_an_unreadable_block_fails_and_the_next_row_imports(tmp_path):
    row, fieldnames = use_case_csv_row(tmp_path)
    bad = {
        **row,
        "Translation key": "0f0f0f0f-0000-4000-8000-000000000022",
        "Slug": "cas-casse",
        "Title": "Broken use case",
        "Narrative (HTML)": '<div class="block-quote">not a quote object</div>',
    }
    good = {
        **row,
        "Translation key": "0f0f0f0f-0000-4000-8000-000000000023",
        "Slug": "cas-bon",
        "Title": "Good",
    }
    path = tmp_path / "mixed.csv"
    write_csv(path, fieldnames, [bad, good])

    out, err = run(path, "--publish")

    assert "1 created, 0 updated, 0 unchanged, 1 failed" in out
    assert "line 2: body" in err and "quote" in err
    assert UseCasePage.objects.filter(slug="cas-bon").exists()
    assert not UseCasePage.objects.filter(slug="cas-casse").exists()


# URL fields, link rows and StreamField validation


@pytest.mark.parametrize(
    "address",
    ["javascript:alert('pwned')", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>"],
)
def test_a_javascript_website_makes_the_entry_fail(address):
    tool = new_tool_record(13, "outil-url", "Outil URL", address)

    report = import_records([("entry 1", tool)], publish=True)

    assert report.created == 0
    assert "website" in dict(report.failed)["entry 1"]


def project_record(number, **changes):
    record = next(item for item in exported("fr") if item["type"] == "project")
    key = f"0f0f0f0f-0000-4000-8000-{number:012d}"
    return {
        **record,
        "translation_key": key,
        "slug": f"projet-{number}",
        "title": f"Projet {number}",
        **changes,
    }


def link(url, **value):
    return {"type": "link", "value": {"kind": "code", "url": url, "label": "Code", **value}}


@pytest.mark.parametrize(
    ("links", "reason"),
    [
        ([link("javascript:alert('pwned')")], "links: block 1 (link): url: Enter a valid URL."),
        ([link("https://ok.example.org/"), link("")], "links: block 2 (link): url: This field is required."),
        (
            [link("https://ok.example.org/", kind="exploit")],
            "links: block 1 (link): kind: Select a valid choice.",
        ),
        ([link("https://ok.example.org/", label="x" * 121)], "at most 120 characters"),
        ([{"type": "script", "value": "alert(1)"}], "links: block 1: unknown block type 'script'"),
        ([{"type": "link", "value": "https://ok.example.org/"}], "links: block 1 (link): expected an object"),
        ([{"type": "link"}], "links: block 1: a block needs a type and a value"),
    ],
)
def test_a_link_block_is_validated_as_in_the_admin(links, reason):
    good = project_record(31)
    bad = project_record(32, links=links)

    report = import_records([("entry 1", bad), ("entry 2", good)], publish=True)

    failures = dict(report.failed)
    assert list(failures) == ["entry 1"]
    assert reason in failures["entry 1"]
    assert report.created == 1
    assert not HackathonProjectPage.objects.filter(slug="projet-32").exists()


def test_an_over_long_heading_and_an_empty_required_block_fail_naming_the_block():
    too_long = new_tool_record(14, "titre-long", "Titre long", "https://long.example.org/")
    too_long["description"] = [
        {"type": "paragraph", "value": "<p>Bien.</p>"},
        {"type": "heading", "value": "x" * 121},
    ]
    empty = new_tool_record(15, "titre-vide", "Titre vide", "https://vide.example.org/")
    empty["description"] = [{"type": "heading", "value": ""}, {"type": "paragraph", "value": None}]

    report = import_records([("entry 1", too_long), ("entry 2", empty)], publish=True)

    failures = dict(report.failed)
    assert (
        "description: block 2 (heading): Ensure this value has at most 120 characters" in failures["entry 1"]
    )
    assert "description: block 1 (heading): This field is required." in failures["entry 2"]
    assert "required.; block 2 (paragraph): This field is required." in failures["entry 2"]
    assert report.created == 0


def test_inline_rows_are_validated_like_the_model_fields():
    tool = new_tool_record(16, "role-inconnu", "Rôle inconnu", "https://role.example.org/")
    tool["organisation_links"] = [
        {**tool["organisation_links"][0], "role": "<script>alert('pwned')</script>"},
    ]

    report = import_records([("entry 1", tool)], publish=True)

    reason = dict(report.failed)["entry 1"]
    assert reason.startswith("organisation_links row 1: role:")
    assert not ToolPage.objects.filter(slug="role-inconnu").exists()


def test_rich_text_that_is_not_text_fails_the_entry():
    tool = new_tool_record(17, "pas-texte", "Pas du texte", "https://texte.example.org/")
    tool["description"] = paragraph({"html": "<script>"})

    report = import_records([("entry 1", tool)], publish=True)

    assert "description: block 1 (paragraph)" in dict(report.failed)["entry 1"]


# legitimate content is not altered


def test_links_between_pages_bold_lists_and_headings_are_kept_as_they_are():
    linked = ToolPageFactory(title="Calculix")
    html = (
        f'<h3>Pourquoi</h3><p>Voir <a linktype="page" id="{linked.id}">Calculix</a>, '
        '<b>gras</b> et <i>italique</i> &amp; <a href="https://example.org/?a=1&amp;b=2">ailleurs</a>.</p>'
        "<ul><li>un</li><li>deux</li></ul><ol><li>premier</li></ol><h4>Détail</h4><p>Fin<br/>ligne</p>"
    )
    tool = new_tool_record(18, "outil-lie", "Outil lié", "https://lie.example.org/")
    tool["description"] = paragraph(html)
    use_case = next(item for item in exported("fr") if item["type"] == "use-case")
    use_case = {
        **use_case,
        "translation_key": "0f0f0f0f-0000-4000-8000-000000000019",
        "slug": "cas-lie",
        "title": "Cas lié",
        "objectives": html,
    }

    report = import_records([("entry 1", tool), ("entry 2", use_case)], publish=True)

    assert (report.created, report.failed, report.cleaned) == (2, [], [])
    assert ToolPage.objects.get(slug="outil-lie").description[0].value.source == html
    assert UseCasePage.objects.get(slug="cas-lie").objectives == html
    again = import_records([("entry 1", tool), ("entry 2", use_case)], publish=True)
    assert again.unchanged == 2


# publiccode.yml


def hostile_catala(tmp_path, **description):
    data = yaml.safe_load((FIXTURES / "catala.publiccode.yml").read_text(encoding="utf-8"))
    data["description"]["fr"].update(description)
    path = tmp_path / "catala.publiccode.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_html_in_a_publiccode_description_is_shown_as_text_never_run(client, tmp_path):
    path = hostile_catala(
        tmp_path,
        longDescription="Catala <script>alert('pwned')</script> <img src=x onerror=alert('pwned')> "
        "[lien](javascript:alert('pwned')) <a href=\"javascript:alert('pwned')\">ici</a>",
        features=["<b onclick=\"alert('pwned')\">gras</b>"],
    )

    out, err = run(path, "--publish")

    assert "0 failed" in out, err
    page = ToolPage.objects.get(title="Catala", locale__language_code="fr")
    stored = page.description[0].value.source
    assert active_content(stored) == []
    assert "&lt;script&gt;" in stored  # the words the file has, as text
    assert_safe_everywhere(client, page)
    response = client.get(page.url)
    assert "&lt;script&gt;alert" in response.content.decode()


@pytest.mark.parametrize("key", ["landingURL", "url"])
def test_a_javascript_address_in_a_publiccode_file_fails_the_tool(tmp_path, key):
    data = yaml.safe_load((FIXTURES / "catala.publiccode.yml").read_text(encoding="utf-8"))
    data[key] = "javascript:alert('pwned')//github.com/x"
    path = tmp_path / "catala.publiccode.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    _out, err = run(path, "--publish")

    field = "website" if key == "landingURL" else "source_code_url"
    assert f"catala.publiccode.yml: {field}:" in err
    assert not ToolPage.objects.filter(title="Catala").exists()


def test_an_address_django_accepts_with_markup_in_its_path_is_shown_escaped(client):
    # URLValidator allows any non-space character after the host, quotes and brackets included
    address = "https://example.org/\"><script>alert('pwned')</script><svg/onload=alert(1)>"
    tool = new_tool_record(46, "adresse-balisee", "Adresse balisée", address)
    project = project_record(47, links=[link(address)])

    report = import_records([("entry 1", tool), ("entry 2", project)], publish=True)

    assert report.failed == [] and report.created == 2
    assert_safe_everywhere(client, ToolPage.objects.get(slug="adresse-balisee"))
    assert_safe_everywhere(client, HackathonProjectPage.objects.get(slug="projet-47"))
