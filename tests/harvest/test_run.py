"""A harvest of a source served on 127.0.0.1: what reaches the catalogue, what waits for moderators,
and what is never touched (an editor's change, a page the source stops listing)."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from harvest.models import Listing, PossibleMatch, Provenance, Run, Source, Trust
from harvest.run import harvest
from pages.tools import ToolPage
from tests.harvest import http
from tests.harvest.http import Answer

http_server = http.http_server

pytestmark = pytest.mark.django_db

# records in the French SILL's own format (short keys), as its JSON serves them
ZIP = {
    "id": "9001",
    "i": "Quintzip",
    "l": "LGPL-2.0-only",
    "fr-desc": "Archiveur de fichiers quintil",
    "en-desc": "Quintil file archiver",
    "website": "https://quintzip.example.org/",
    "sources": "https://github.com/quintil/quintzip.git",
}
MAPPER = {
    "id": "9002",
    "i": "Cartoquintil",
    "l": "MPL 2.0 et EPL 1.0",
    "fr-desc": "Cartographie quintile",
    "en-desc": "Quintile mapping",
    "website": "https://quintmap.example.org",
    "sources": "https://gitlab.com/quintil/quintmap",
}
# the demo's udata, under another name, with its repository written differently
UDATA = {
    "id": "9003",
    "i": "uData platform",
    "l": "AGPL-3.0-only",
    "fr-desc": "Plateforme de données ouvertes",
    "en-desc": "Open data platform",
    "website": "",
    "sources": "http://www.github.com/OpenDataTeam/udata.git/",
}
JSON = {"Content-Type": "application/json"}


def serve(server, *records, etag="v1"):
    server.route("/sill.json", Answer(json.dumps(list(records)), headers={**JSON, "ETag": f'"{etag}"'}))
    return server.address("/sill.json")


def sill_source(address, **fields):
    return Source.objects.create(
        name=fields.pop("name", "SILL"),
        kind="sill",
        address=address,
        data_licence="Licence Ouverte 2.0",
        attribution="Socle interministériel de logiciels libres, DINUM",
        language="fr",
        **fields,
    )


def tools(name):
    return ToolPage.objects.filter(title=name)


def test_a_first_harvest_proposes_each_new_tool_to_moderators_and_publishes_nothing(http_server):
    source = sill_source(serve(http_server, ZIP, MAPPER))
    run = harvest(source)
    assert (run.outcome, run.created, run.failed) == (Run.Outcome.DONE, 2, 0), run.problems
    created = tools("Quintzip")
    # each text in the tree of its language, as translations of one entry
    assert sorted(page.locale.language_code for page in created) == ["en", "fr"]
    assert len({page.translation_key for page in created}) == 1
    assert not any(page.live for page in created)
    for page in created:
        assert page.workflow_in_progress
        assert page.get_latest_revision().user.username == f"source-{source.pk}"
    french = created.get(locale__language_code="fr").get_latest_revision_as_object()
    assert french.summary == "Archiveur de fichiers quintil"
    assert french.source_code_url == "https://github.com/quintil/quintzip"
    assert french.licence.spdx_id == "LGPL-2.0-only"
    # a licence it cannot map is a note for an editor, not a guess
    assert any("MPL 2.0 et EPL 1.0" in problem.get("note", "") for problem in run.problems)
    assert Provenance.objects.filter(source=source, field="summary").count() == 4


def test_a_trusted_source_publishes_new_entries_at_once(http_server):
    source = sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW)
    harvest(source)
    assert all(page.live for page in tools("Quintzip"))


def test_a_harvest_again_with_nothing_changed_changes_nothing(http_server):
    source = sill_source(serve(http_server, ZIP, MAPPER))
    harvest(source)
    revisions = sorted(page.latest_revision_id for page in ToolPage.objects.filter(title__startswith="Quint"))
    again = harvest(source)
    assert again.outcome == Run.Outcome.UNCHANGED  # the server said 304 to our ETag
    assert http_server.seen("/sill.json")[-1].headers["If-None-Match"] == '"v1"'
    forced = harvest(source, force=True)
    assert (forced.created, forced.updated, forced.unchanged) == (0, 0, 2)
    assert revisions == sorted(
        page.latest_revision_id for page in ToolPage.objects.filter(title__startswith="Quint")
    )


def test_the_same_tool_already_in_the_catalogue_is_updated_not_duplicated(http_server):
    udata = ToolPage.objects.filter(source_code_url="https://github.com/opendatateam/udata")
    count, key = ToolPage.objects.count(), udata.first().translation_key  # the demo's udata
    source = sill_source(serve(http_server, UDATA))
    run = harvest(source)
    assert run.created == 0, run.problems
    assert ToolPage.objects.count() == count
    assert Listing.objects.get(source=source, ref="9003").translation_key == key
    # its editors' title and summary stay; the source's are proposed beside them
    assert not tools("uData platform").exists()
    assert {"title", "summary"} <= {problem.get("field") for problem in run.problems}


def test_a_field_an_editor_changed_is_kept_and_the_source_value_proposed(http_server):
    source = sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW)
    harvest(source)
    page = tools("Quintzip").get(locale__language_code="fr")
    page.summary = "Résumé écrit par une éditrice"
    page.save_revision().publish()
    changed = {**ZIP, "fr-desc": "Nouveau texte de la source", "website": "https://quintzip.example.net/"}
    serve(http_server, changed, etag="v2")
    run = harvest(source)
    page = tools("Quintzip").get(locale__language_code="fr").get_latest_revision_as_object()
    assert page.summary == "Résumé écrit par une éditrice"
    assert page.website == "https://quintzip.example.net/"  # nobody had edited it
    assert {"field": "summary", "proposed": "Nouveau texte de la source"}.items() <= next(
        problem for problem in run.problems if problem.get("field") == "summary"
    ).items()


def test_a_name_that_only_looks_like_an_entry_waits_for_a_moderator(http_server):
    harvest(sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW))
    lookalike = {**ZIP, "id": "77", "i": "QuintZip", "website": "", "sources": ""}
    second = sill_source(serve(http_server, lookalike, etag="v9"), name="Another list")
    run = harvest(second)
    assert (run.created, run.possible_matches) == (0, 1)
    assert PossibleMatch.objects.filter(listing__source=second, decision="open").count() == 1
    assert not tools("QuintZip").exists()


def test_the_same_wikidata_id_is_one_entry_whatever_the_name(http_server):
    harvest(sill_source(serve(http_server, {**ZIP, "wikidata": "Q4242424"}), trust=Trust.PUBLISH_NEW))
    renamed = {
        **ZIP,
        "id": "55",
        "i": "QZ Archiver",
        "website": "",
        "sources": "",
        "wikidata": "https://www.wikidata.org/wiki/Q4242424",
    }
    http_server.route("/other.json", Answer(json.dumps([renamed]), headers=JSON))
    second = sill_source(http_server.address("/other.json"), name="Another list")
    run = harvest(second)
    assert (run.created, run.possible_matches, run.failed) == (0, 0, 0), run.problems
    quintzip = tools("Quintzip").first()
    assert Listing.objects.get(source=second).translation_key == quintzip.translation_key
    assert not tools("QZ Archiver").exists()


def test_an_entry_the_source_stops_listing_is_flagged_never_unpublished(http_server):
    source = sill_source(serve(http_server, ZIP, MAPPER), trust=Trust.PUBLISH_NEW)
    harvest(source)
    serve(http_server, ZIP, etag="v2")
    run = harvest(source)
    assert run.flagged == 1
    assert Listing.objects.get(source=source, ref="9002").gone_since is not None
    assert all(page.live for page in tools("Cartoquintil"))


@pytest.mark.parametrize(
    "answer, says",
    [
        (
            Answer(
                "<!doctype html><html><body>Maintenance</body></html>", headers={"Content-Type": "text/html"}
            ),
            "web page",
        ),
        (Answer('[{"i": "broken"', headers=JSON), "line"),
        (Answer("gone", status=404), "404"),
    ],
)
def test_a_bad_source_fails_with_a_clear_error_and_changes_nothing(http_server, answer, says):
    http_server.route("/sill.json", answer)
    count = ToolPage.objects.count()
    run = harvest(sill_source(http_server.address("/sill.json")))
    assert run.outcome == Run.Outcome.FAILED
    assert says in run.error
    assert ToolPage.objects.count() == count


def test_a_record_without_a_name_fails_alone(http_server):
    run = harvest(sill_source(serve(http_server, {"id": "1", "l": "MIT"}, ZIP)))
    assert (run.created, run.failed) == (1, 1)


def test_the_command_prints_a_summary_and_refuses_an_unknown_source(http_server, capsys):
    sill_source(serve(http_server, ZIP))
    call_command("harvest", "SILL")
    assert (
        "1 created, 0 updated, 0 unchanged, 0 possible matches, 0 flagged, 0 failed"
        in capsys.readouterr().out
    )
    with pytest.raises(CommandError, match="No source named 'Nope'"):
        call_command("harvest", "Nope")


SNAPSHOTS = Path(__file__).resolve().parents[2] / "harvest" / "snapshots"


def test_registry_goods_bring_their_organisations_and_never_their_contacts(http_server):
    goods = json.loads((SNAPSHOTS / "dpg" / "dpgs.json").read_text())[:3]
    http_server.route("/api/dpgs/index.json", Answer(json.dumps(goods), headers=JSON))
    http_server.mount("/api/dpgs/screening/", SNAPSHOTS / "dpg" / "screening")
    source = Source.objects.create(
        name="DPG registry",
        kind="dpg",
        address=http_server.address("/api/dpgs/index.json"),
        data_licence="Unlicense",
        language="en",
    )
    run = harvest(source)
    assert run.outcome == Run.Outcome.DONE and run.failed == 0, run.problems
    assert run.created == 3
    good = ToolPage.objects.get(
        title=goods[0]["name"], locale__language_code="en"
    ).get_latest_revision_as_object()
    owners = [link.organisation.title for link in good.organisation_links.all()]
    assert owners and owners[0] in {organisation["name"] for organisation in goods[0]["organizations"]}
    assert good.countries  # from its screening file
    # the registry's contact people and e-mails (placeholders in these copies) are nowhere
    from wagtail.models import Revision

    stored = " ".join(json.dumps(revision.content) for revision in Revision.objects.all())
    assert "placeholder.invalid" not in stored and "Placeholder Person" not in stored


def test_a_trusted_source_never_publishes_a_change_waiting_for_moderators(http_server):
    source = sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW)
    harvest(source)
    page = tools("Quintzip").get(locale__language_code="fr")
    page.summary = "Brouillon d'un contributeur, pas encore relu"
    page.save_revision()  # a draft, not published
    serve(http_server, {**ZIP, "website": "https://quintzip.example.net/"}, etag="v2")
    harvest(source)
    page.refresh_from_db()
    assert page.summary == "Archiveur de fichiers quintil"  # what visitors read is unchanged
    assert page.get_latest_revision_as_object().summary == "Brouillon d'un contributeur, pas encore relu"


def test_the_background_task_harvests_an_enabled_source_only(http_server):
    from harvest.tasks import harvest_source

    assert (harvest_source.backend, harvest_source.queue_name) == ("background", "harvest")
    source = sill_source(serve(http_server, ZIP))
    harvest_source.call(source.pk)
    assert source.runs.get().created == 1
    Source.objects.filter(pk=source.pk).update(enabled=False)
    harvest_source.call(source.pk)
    assert source.runs.count() == 1


def test_a_harvested_page_names_its_source_with_its_licence_and_attribution(http_server, client):
    source = sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW)
    harvest(source)
    page = tools("Quintzip").get(locale__language_code="fr")
    html = client.get(page.url).content.decode()
    assert "SILL (Licence Ouverte 2.0)" in html
    assert "Socle interministériel de logiciels libres, DINUM" in html
    # an entry nobody harvested says nothing of sources
    other = ToolPage.objects.live().filter(locale__language_code="fr").exclude(pk=page.pk).first()
    assert 'id="sources"' not in client.get(other.url).content.decode()


def test_an_editors_change_survives_every_later_harvest(http_server):
    source = sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW)
    harvest(source)
    page = tools("Quintzip").get(locale__language_code="fr")
    page.summary = "Résumé écrit par une éditrice"
    page.save_revision().publish()
    for version, website in enumerate(["https://quintzip.example.net/", "https://quintzip.example.com/"]):
        serve(
            http_server,
            {**ZIP, "fr-desc": f"Texte {version} de la source", "website": website},
            etag=f"w{version}",
        )
        harvest(source)
        page = tools("Quintzip").get(locale__language_code="fr")
        assert page.summary == "Résumé écrit par une éditrice"
        assert page.website == website  # what nobody edited follows the source


def test_records_the_catalogue_cannot_hold_fail_alone_and_the_run_ends(http_server):
    nul = {**ZIP, "id": "1", "i": "Nul", "fr-desc": "un\u0000deux", "sources": "", "website": ""}
    long_site = {
        **ZIP,
        "id": "2",
        "i": "Longue",
        "sources": "",
        "website": "https://x.example.org/" + "a" * 300,
    }
    twice = {**MAPPER, "i": "Encore Cartoquintil", "sources": "", "website": ""}
    run = harvest(sill_source(serve(http_server, nul, long_site, ZIP, MAPPER, twice)))
    assert run.outcome == Run.Outcome.DONE
    assert run.created == 2, run.problems
    failed = {problem["ref"]: problem["message"] for problem in run.problems if "message" in problem}
    assert set(failed) == {"1", "2", "9002"}, failed
    assert "twice" in failed["9002"]
    assert not tools("Encore Cartoquintil").exists()


def test_a_run_while_another_runs_is_refused_and_a_run_never_stays_running(http_server):
    source = sill_source(serve(http_server, ZIP))
    source.runs.create()  # running
    run = harvest(source)
    assert run.outcome == Run.Outcome.FAILED and "déjà en cours" in run.error  # the site's language
    assert not tools("Quintzip").exists()


def test_an_entry_a_moderator_deleted_is_never_created_again(http_server):
    source = sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW)
    harvest(source)
    for page in tools("Quintzip"):
        page.delete()
    serve(http_server, {**ZIP, "fr-desc": "Changé à la source"}, etag="v2")
    run = harvest(source)
    assert run.created == 0 and not tools("Quintzip").exists()


def test_a_harvest_never_publishes_an_entry_a_moderator_unpublished(http_server):
    source = sill_source(serve(http_server, {**ZIP, "en-desc": ""}), trust=Trust.PUBLISH_NEW)
    harvest(source)
    tools("Quintzip").get(locale__language_code="fr").unpublish()
    serve(http_server, ZIP, etag="v2")  # now with an English text: a new language version
    harvest(source)
    english = tools("Quintzip").get(locale__language_code="en")
    assert not english.live and english.workflow_in_progress


def test_organisations_still_named_are_never_flagged_as_gone(http_server):
    goods = json.loads((SNAPSHOTS / "dpg" / "dpgs.json").read_text())[:3]
    http_server.route("/api/dpgs/index.json", Answer(json.dumps(goods), headers={**JSON, "ETag": '"a"'}))
    http_server.mount("/api/dpgs/screening/", SNAPSHOTS / "dpg" / "screening")
    source = Source.objects.create(
        name="DPG", kind="dpg", address=http_server.address("/api/dpgs/index.json"), data_licence="Unlicense"
    )
    harvest(source)
    changed = [{**goods[0], "description": goods[0]["description"] + " (changed)"}, *goods[1:]]
    http_server.route("/api/dpgs/index.json", Answer(json.dumps(changed), headers={**JSON, "ETag": '"b"'}))
    run = harvest(source)
    assert (run.updated, run.flagged) == (1, 0), run.problems
    assert not Listing.objects.filter(source=source, gone_since__isnull=False).exists()


def test_a_source_is_named_publicly_only_once_its_values_are_published(http_server, client):
    harvest(sill_source(serve(http_server, {**ZIP, "website": ""}), trust=Trust.PUBLISH_NEW))
    quintzip = tools("Quintzip").get(locale__language_code="fr")
    # another list gives the same tool (its repository) a website: a revision for moderators
    http_server.route("/other.json", Answer(json.dumps([{**ZIP, "id": "x1"}]), headers=JSON))
    harvest(sill_source(http_server.address("/other.json"), name="Another list"))

    def named():
        answer = client.get(f"/api/v1/entries/{quintzip.translation_key}", {"language": "fr"}).json()
        return [source["name"] for source in answer["sources"]]

    assert named() == ["SILL"]
    assert "Another list" not in client.get(quintzip.url).content.decode()
    quintzip.refresh_from_db()
    quintzip.get_latest_revision().publish()
    assert named() == ["Another list", "SILL"]
