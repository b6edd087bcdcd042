"""A fresh site fills its catalogue from the snapshots kept in the repository, offline (`make run`),
and says where its content comes from on its about page."""

import json

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from harvest import first_load
from harvest.fetch import FetchError
from harvest.models import Run, Source, Trust
from harvest.run import harvest
from pages.organisations import OrganisationPage
from pages.tools import ToolPage
from tests.harvest import http
from tests.harvest.test_run import JSON, SNAPSHOTS, ZIP, serve, sill_source

http_server = http.http_server

pytestmark = pytest.mark.django_db


def test_the_snapshots_fill_a_fresh_site_published_and_the_sources_wait_switched_off(capsys, monkeypatch):
    # the small snapshots: the DPG registry's and the SILL's hundreds of records, and Decidim's 464
    # organisations, take minutes (bench/harvest.py measures them; test_kinds and test_run test their
    # readers)
    small = [
        snapshot
        for snapshot in first_load.SOURCES
        if snapshot.kind not in ("dpg", "sill") and "Decidim" not in snapshot.name
    ]
    assert len(small) == 4
    monkeypatch.setattr(first_load, "SOURCES", small)
    call_command("harvest", "--snapshots")
    out = capsys.readouterr().out
    for snapshot in small:
        source = Source.objects.get(name=snapshot.name)
        # following the publisher is one admin change away: its address is the publisher's
        assert (source.address, source.enabled, source.trust) == (snapshot.address, False, Trust.MODERATE)
        run = source.runs.get()
        assert run.outcome == Run.Outcome.DONE, (snapshot.name, run.error)
        assert run.failed == 0, (snapshot.name, [p for p in run.problems if "message" in p][:5])
        assert f"{snapshot.name}: " in out
    # published (a trusted first load), in the tree of each text's language
    offices = Source.objects.get(name__startswith="code.gouv.fr")
    assert offices.runs.get().created == 9
    assert OrganisationPage.objects.live().filter(locale__language_code="fr", title__contains="OSPO").exists()
    catala = ToolPage.objects.filter(title="Catala")
    assert catala.exists() and all(page.live for page in catala)
    # the demo's OpenFisca is the same tool (its repository): updated, not duplicated
    assert Source.objects.get(name="publiccode.yml: OpenFisca Core").runs.get().created == 0
    assert ToolPage.objects.filter(title__iexact="openfisca", locale__language_code="fr").count() == 1
    # a second `make run` loads nothing again
    revisions = Revision.objects.count()
    call_command("harvest", "--snapshots")
    assert "loaded before" in capsys.readouterr().out
    assert Revision.objects.count() == revisions
    assert all(source.runs.count() == 1 for source in Source.objects.all())


def test_a_snapshot_reads_its_own_files_and_nothing_else():
    registry = first_load.SOURCES[0]
    read = registry.fetcher()
    assert read(registry.address).body.startswith(b"[")
    screening = registry.files and next(prefix for prefix in registry.files if prefix.endswith("/"))
    assert read(screening + "accessmod.json").status == 200
    for outside in ("../dpgs.json", "..%2F..%2FREADME.md", ".hidden", "", "a/b.json"):
        with pytest.raises(FetchError):
            read(screening + outside)
    with pytest.raises(FetchError):
        read("https://example.org/elsewhere.json")


def test_a_missing_extra_document_leaves_its_record_without_it_not_the_source_failed(http_server):
    goods = json.loads((SNAPSHOTS / "dpg" / "dpgs.json").read_text())[:2]
    http_server.route("/api/dpgs/index.json", http.Answer(json.dumps(goods), headers=JSON))
    first = goods[0]["id"]
    screening = SNAPSHOTS / "dpg" / "screening" / f"{first}.json"
    http_server.serve_file(f"/api/dpgs/screening/{first}.json", screening)
    source = Source.objects.create(
        name="DPG", kind="dpg", address=http_server.address("/api/dpgs/index.json"), data_licence="Unlicense"
    )
    run = harvest(source)
    assert (run.outcome, run.created, run.failed) == (Run.Outcome.DONE, 2, 0), run.problems
    assert any(goods[1]["id"] in problem["ref"] and "note" in problem for problem in run.problems)


@pytest.mark.parametrize(
    "language, heading, listed",
    [("fr", "À propos", True), ("en", "About this catalogue", True), ("es", "Acerca", False)],
)
def test_the_about_page_names_the_sources_of_published_entries(
    http_server, client, language, heading, listed
):
    # the SILL's texts are in French and English: nothing of it is in Spanish
    harvest(sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW))
    # a source whose entries wait for moderators is not named: nothing of it is public yet
    other = {**ZIP, "id": "8", "i": "Zorglub", "sources": "", "website": "https://zorglub.example.org"}
    http_server.route("/other.json", http.Answer(json.dumps([other]), headers=JSON))
    harvest(sill_source(http_server.address("/other.json"), name="Moderated list"))
    answer = client.get(f"/{language}/about/")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert heading in html
    assert ("Socle interministériel de logiciels libres, DINUM" in html) is listed
    assert "Moderated list" not in html
    assert f'href="/{language}/about/"' in client.get(f"/{language}/").content.decode()
