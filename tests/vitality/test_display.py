"""Visitors see each tool's vitality, explained in their language, wherever the tool appears."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from pages.tools import ToolPage
from search.indexing import update_pages
from tests.factories import live_tool
from vitality import assess, checks, scoring
from vitality.models import Address, PageAddress, Vitality, VitalityPoint

pytestmark = pytest.mark.django_db


def checked(tool, *, website=("answers", "ok", 200), pushed_days=None, archived=False, release_days=None):
    """Record what a check found for ``tool`` (as ``checks.run`` leaves it), then score it."""
    now = timezone.now()
    address = Address.objects.create(
        url=tool.website,
        host="example.org",
        checked_at=now,
        state=website[0],
        reason=website[1],
        status=website[2],
    )
    PageAddress.objects.create(page=tool, address=address, field="website")
    if pushed_days is not None:
        repository = Address.objects.create(
            url=tool.source_code_url,
            host="github.com",
            checked_at=now,
            state="answers",
            reason="ok",
            status=200,
            forge="github",
            repository={
                "forge": "github",
                "pushed_at": (now - timedelta(days=pushed_days)).isoformat(),
                "archived": archived,
                **(
                    {"release_at": (now - timedelta(days=release_days)).isoformat(), "release": "v2.1"}
                    if release_days is not None
                    else {}
                ),
            },
        )
        PageAddress.objects.create(page=tool, address=repository, field="source_code_url")
    assess.assess()
    return Vitality.objects.get(page_id=tool.pk)


@pytest.fixture
def lively():
    tool = live_tool(
        "Vif",
        website="https://vif.example.org/",
        source_code_url="https://github.com/vif/vif",
    )
    checked(tool, pushed_days=12, release_days=95)
    return tool


@pytest.fixture
def sleepy():
    tool = live_tool(
        "Endormi", website="https://endormi.example.org/", source_code_url="https://github.com/e/e"
    )
    checked(tool, website=("fails", "not-found", 404), pushed_days=1500, archived=True)
    return tool


def test_the_tool_page_shows_the_score_its_band_and_why_in_french(client, lively):
    html = client.get(lively.url).content.decode()
    assert "Actif · 100/100" in html or "Actif" in html
    assert "Code modifié il y a 12 jours" in html
    assert "dernière version v2.1 il y a 3 mois" in html
    assert "site web répond" in html
    assert "Vérifié le" in html
    assert "/fr/vitality/" in html


def test_the_explanation_is_in_the_reader_s_language(client, lively):
    english = lively.copy_for_translation(_locale("en"))
    english.save_revision().publish()
    english.refresh_from_db()
    checks.collect()  # the translation names the same website: its check serves both
    assess.assess()
    html = client.get(english.url).content.decode()
    assert "Code changed 12 days ago" in html
    assert "website answers" in html


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def test_an_inactive_tool_says_so_with_its_evidence(client, sleepy):
    html = client.get(sleepy.url).content.decode()
    assert "Inactif" in html
    assert "dépôt archivé" in html
    assert "site web en échec (page introuvable (404))" in html


def test_a_tool_never_checked_says_it_plainly(client):
    tool = live_tool("Jamais vu", website="https://jamais.example.org/")
    html = client.get(tool.url).content.decode()
    assert "Pas encore vérifié." in html


def test_cards_in_the_directory_show_the_band_and_why(client, lively, sleepy):
    html = client.get(lively.get_parent().url + "?sort=vitality").content.decode()
    assert "card__vitality" in html
    assert html.index("Vif") < html.index("Endormi")  # most active first
    assert "Code modifié il y a 12 jours" in html


def test_vitality_is_a_facet_of_the_directory_and_the_search(client, lively, sleepy):
    for page in (lively, sleepy):
        update_pages([page])
    listing = client.get(lively.get_parent().url + "?vitality=inactive").content.decode()
    assert "Endormi" in listing and "Vif" not in listing
    found = client.get("/fr/search/?kind=tool&vitality=active&q=Vif").content.decode()
    assert f'href="{lively.url}"' in found
    assert (
        f'href="{sleepy.url}"'
        not in client.get("/fr/search/?kind=tool&vitality=active&q=Endormi").content.decode()
    )


def test_an_unknown_band_in_the_address_is_refused_by_name(client, lively):
    answer = client.get(lively.get_parent().url + "?vitality=zombie")
    assert answer.status_code == 200
    assert "zombie" in answer.content.decode()  # said, not silently ignored


def test_the_search_offers_the_vitality_sort(client, lively, sleepy):
    for page in (lively, sleepy):
        update_pages([page])
    html = client.get("/fr/search/?q=example&kind=tool&sort=vitality").content.decode()
    assert 'value="vitality" selected' in html


def test_the_api_and_exports_carry_the_vitality_in_the_record_s_language(client, lively):
    entry = json.loads(client.get(f"/api/v1/entries/{lively.translation_key}", {"language": "fr"}).content)
    assert entry["vitality"]["band"] == "active"
    assert entry["vitality"]["score"] == Vitality.objects.get(page_id=lively.pk).score
    assert "il y a 12 jours" in entry["vitality"]["explanation"]
    exported = json.loads(b"".join(client.get("/fr/export/tools.json").streaming_content))
    records = exported["entries"] if isinstance(exported, dict) else exported
    mine = next(record for record in records if record["translation_key"] == str(lively.translation_key))
    assert mine["vitality"]["band"] == "active"
    text = b"".join(client.get("/fr/export/tools.csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    column = next(index for index, header in enumerate(rows[0]) if "vitalit" in header.lower())
    row = next(row for row in rows if "Vif" in row)
    assert row[column].startswith("active (")


def test_a_tool_s_history_page_draws_its_vitality_over_time(client, lively):
    today = timezone.localdate()
    for days, score in ((30, 40), (20, 60), (10, 80)):
        VitalityPoint.objects.create(
            page_id=lively.pk, day=today - timedelta(days=days), score=score, band="active"
        )
    html = client.get(lively.url + "history/").content.decode()
    assert "Vitalité dans le temps" in html
    assert "<polyline" in html
    assert html.count("<tr>") >= 4  # the same as a table


def test_the_rules_page_explains_the_score_in_each_language(client):
    for language, words in (
        ("fr", "Comment la vitalité est calculée"),
        ("en", "How vitality is scored"),
        ("es", "Cómo se calcula la vitalidad"),
    ):
        html = client.get(f"/{language}/vitality/").content.decode()
        assert words in html
        for rule in scoring.RULES:
            assert f"<td>{rule.points}</td>" in html


def test_the_score_follows_the_documented_rules():
    today = timezone.localdate()
    fresh = (today - timedelta(days=10)).isoformat()
    facts = {
        "website": {"state": "answers"},
        "repository": {"state": "answers", "pushed_at": fresh, "issues_at": fresh},
        "release": {"at": fresh},
        "edited_at": fresh,
        "status": "active",
    }
    assert scoring.score(facts, today) == (100, "active")
    facts["repository"]["archived"] = True
    assert scoring.score(facts, today) == (10, "inactive")
    # only the page itself known: unknown, never inactive
    assert scoring.score({"status": "active", "edited_at": "2010-01-01"}, today) == (None, "unknown")
    # a website that fails and nothing else: inactive, from evidence
    assert scoring.score({"website": {"state": "fails"}}, today) == (0, "inactive")
    # a website that could not be checked counts neither way
    assert (
        scoring.score(
            {"website": {"state": "unknown"}, "repository": {"state": "answers", "pushed_at": fresh}}, today
        )[1]
        == "likely-active"
    )


def test_a_harvested_publiccode_release_date_counts_as_a_release(client):
    from harvest.models import Listing, Source

    tool = live_tool("Publié", website="https://publie.example.org/")
    source = Source.objects.create(
        name="pc", kind="publiccode", address="https://example.org/r", language="fr"
    )
    Listing.objects.create(
        source=source,
        ref="r",
        entry_type="tool",
        translation_key=tool.translation_key,
        last_seen=timezone.now(),
        release_date=timezone.localdate() - timedelta(days=40),
        release_version="3.0",
    )
    vitality = checked(tool)
    assert vitality.facts["release"] == {
        "at": (timezone.localdate() - timedelta(days=40)).isoformat(),
        "version": "3.0",
        "from": "publiccode",
    }
    assert "dernière version 3.0 il y a 40 jours" in client.get(tool.url).content.decode()


def test_a_private_tool_s_vitality_is_nowhere(client, lively):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=lively, restriction_type="password", password="x")
    assess.assess()
    assert not Vitality.objects.filter(page_id=lively.pk).exists()
    assert ToolPage.objects.filter(pk=lively.pk).exists()


def test_the_docs_hold_the_scoring_rules_the_code_applies():
    from pathlib import Path

    from django.utils import translation

    with translation.override("en"):
        table = scoring.rules_table()
    docs = (Path(__file__).resolve().parents[2] / "docs" / "reference" / "vitality.md").read_text()
    assert table in docs


def test_offline_no_stale_or_harvested_fact_makes_a_tool_inactive():
    today = timezone.localdate()
    # the forge could not be asked this time: the dates of an earlier check are not scored
    stale = {"repository": {"state": "unknown", "reason": "dns"}, "website": {"state": "unknown"}}
    assert scoring.score(stale, today) == (None, "unknown")
    # a harvested publiccode.yml release alone (offline first load) decides nothing
    harvested = {"release": {"at": "2019-01-01", "from": "publiccode"}, "status": "active"}
    assert scoring.score(harvested, today) == (None, "unknown")


def test_a_release_list_that_could_not_be_read_counts_neither_way():
    today = timezone.localdate()
    fresh = (today - timedelta(days=10)).isoformat()
    read = {"repository": {"state": "answers", "pushed_at": fresh}}
    unread = {
        "repository": {
            "state": "answers",
            "pushed_at": fresh,
            "release_unknown": True,
            "issues_unknown": True,
        }
    }
    assert scoring.score(unread, today)[0] > scoring.score(read, today)[0]
    with translation.override("en"):
        assert "no release published" not in scoring.explain(unread, today)
        assert "no release published" in scoring.explain(read, today)


def test_a_check_that_changes_nothing_visible_keeps_the_cached_pages(
    lively, django_capture_on_commit_callbacks
):
    from core import freshness

    def assessed():
        with django_capture_on_commit_callbacks(execute=True):
            assess.assess()
        return freshness.generation()

    before = assessed()
    assert assessed() == before  # the same facts, the same day: the cached pages stay
    # a new release: the explanation changes, not the band
    Address.objects.filter(url=lively.source_code_url).update(
        repository={"forge": "github", "pushed_at": timezone.now().isoformat(), "release": "v3"}
    )
    assert assessed() != before
