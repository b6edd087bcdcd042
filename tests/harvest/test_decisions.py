"""What the harvests leave for moderators, and their decisions on the "Harvest decisions" screen:
possible matches (never merged silently), values proposed for fields an editor changed, entries a
source stopped listing."""

import json

import pytest

from harvest.models import Listing, PossibleMatch, Proposal, Trust
from harvest.run import harvest
from pages.tools import ToolPage
from tests.harvest import http
from tests.harvest.test_run import JSON, ZIP, serve, sill_source, tools

http_server = http.http_server

pytestmark = pytest.mark.django_db

SCREEN = "/admin/harvest/decisions/"


def decide(client, what, pk, decision):
    return client.post(SCREEN, {"what": what, "pk": pk, "decision": decision})


@pytest.fixture
def lookalike(http_server):
    """Quintzip published by one source, and a second source listing "QuintZip" with nothing else
    in common: a possible match."""
    harvest(sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW))
    record = {**ZIP, "id": "77", "i": "QuintZip", "website": "", "sources": "", "fr-desc": "Autre texte"}
    second = sill_source(http_server.address("/other.json"), name="Another list")
    http_server.route("/other.json", http.Answer(json.dumps([record]), headers={**JSON, "ETag": '"o1"'}))
    run = harvest(second)
    assert run.possible_matches == 1
    return second


def test_a_moderator_confirms_a_possible_match_and_the_next_harvest_updates_that_entry(
    lookalike, moderator_client
):
    html = moderator_client.get(SCREEN).content.decode()
    assert "QuintZip" in html and "Quintzip" in html and "Another list" in html
    match = PossibleMatch.objects.get(listing__source=lookalike)
    assert decide(moderator_client, "match", match.pk, "same").status_code == 302
    assert "QuintZip" not in moderator_client.get(SCREEN).content.decode()
    count = ToolPage.objects.count()
    run = harvest(lookalike)  # the source says nothing changed (304), and still the decision is applied
    assert run.created == 0 and ToolPage.objects.count() == count
    quintzip = tools("Quintzip").get(locale__language_code="fr")
    assert Listing.objects.get(source=lookalike).translation_key == quintzip.translation_key
    assert run.possible_matches == 0


def test_a_different_entry_becomes_its_own_entry_at_the_next_harvest(lookalike, moderator_client):
    match = PossibleMatch.objects.get(listing__source=lookalike)
    decide(moderator_client, "match", match.pk, "different")
    run = harvest(lookalike)
    assert run.created == 1, run.problems
    assert tools("QuintZip").exists()
    assert not tools("QuintZip").filter(live=True).exists()  # the second source is not trusted
    # decided once: the next harvest asks nothing again
    assert harvest(lookalike, force=True).possible_matches == 0


@pytest.fixture
def edited(http_server):
    """Quintzip harvested, its French summary rewritten by an editor, then changed at the source."""
    source = sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW)
    harvest(source)
    page = tools("Quintzip").get(locale__language_code="fr")
    page.summary = "Résumé écrit par une éditrice"
    page.save_revision().publish()
    serve(http_server, {**ZIP, "fr-desc": "Nouveau texte de la source"}, etag="v2")
    harvest(source)
    return source


def test_a_moderator_takes_the_value_a_source_proposes(edited, moderator_client, http_server):
    html = moderator_client.get(SCREEN).content.decode()
    assert "Résumé écrit par une éditrice" in html and "Nouveau texte de la source" in html
    proposal = Proposal.objects.get(source=edited, field="summary", language="fr")
    assert decide(moderator_client, "proposal", proposal.pk, "accept").status_code == 302
    page = tools("Quintzip").get(locale__language_code="fr")
    assert page.summary == "Nouveau texte de la source" and page.live
    assert page.get_latest_revision().user.username == "morgan"
    # the field is the source's again: a later change at the source reaches it, and nothing is proposed
    serve(http_server, {**ZIP, "fr-desc": "Troisième texte"}, etag="v3")
    run = harvest(edited)
    assert tools("Quintzip").get(locale__language_code="fr").get_latest_revision_as_object().summary == (
        "Troisième texte"
    )
    assert not [problem for problem in run.problems if problem.get("field") == "summary"]


def test_a_declined_value_is_not_proposed_again_but_a_new_one_is(edited, moderator_client, http_server):
    proposal = Proposal.objects.get(source=edited, field="summary", language="fr")
    decide(moderator_client, "proposal", proposal.pk, "decline")
    page = tools("Quintzip").get(locale__language_code="fr")
    assert page.summary == "Résumé écrit par une éditrice"
    harvest(edited, force=True)
    assert not Proposal.objects.filter(source=edited, decision="open").exists()
    serve(http_server, {**ZIP, "fr-desc": "Encore un autre texte"}, etag="v3")
    harvest(edited)
    reopened = Proposal.objects.get(source=edited, field="summary", language="fr")
    assert (reopened.decision, reopened.value) == ("open", "Encore un autre texte")
    assert tools("Quintzip").get(locale__language_code="fr").summary == "Résumé écrit par une éditrice"


def test_a_moderator_keeps_an_entry_its_source_no_longer_lists(http_server, moderator_client):
    source = sill_source(serve(http_server, ZIP), trust=Trust.PUBLISH_NEW)
    harvest(source)
    serve(http_server, etag="v2")  # an empty list
    harvest(source)
    html = moderator_client.get(SCREEN).content.decode()
    assert "Plus listée par SILL depuis le" in html  # the moderator's admin is in French
    listing = Listing.objects.get(source=source)
    decide(moderator_client, "gone", listing.pk, "keep")
    assert Listing.objects.get(pk=listing.pk).gone_kept
    assert "Quintzip" not in moderator_client.get(SCREEN).content.decode()
    assert all(page.live for page in tools("Quintzip"))


def test_only_moderators_decide_and_a_bad_decision_is_a_400(lookalike, editor_client, client, moderator):
    match = PossibleMatch.objects.get(listing__source=lookalike)
    assert editor_client.get(SCREEN).status_code in (302, 403)
    decide(editor_client, "match", match.pk, "same")
    assert PossibleMatch.objects.get(pk=match.pk).decision == "open"
    client.force_login(moderator)
    assert decide(client, "match", match.pk, "merge-everything").status_code == 400
    assert decide(client, "nothing", match.pk, "same").status_code == 400
    assert decide(client, "match", "x", "same").status_code == 400
    # gone meanwhile (a later harvest removed it): said, nothing else
    gone = client.post(SCREEN, {"what": "match", "pk": 999999, "decision": "same"}, follow=True)
    assert "déjà été décidé" in gone.content.decode()
    decide(client, "match", match.pk, "same")
    # twice: said, not done twice
    answer = client.post(SCREEN, {"what": "match", "pk": match.pk, "decision": "different"}, follow=True)
    assert PossibleMatch.objects.get(pk=match.pk).decision == "same"
    assert answer.status_code == 200


def test_the_decisions_screen_costs_the_same_queries_for_few_or_many(moderator_client, http_server):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    source = sill_source(serve(http_server, ZIP))
    pages = list(ToolPage.objects.live().filter(locale__language_code="fr")[:12])

    def propose(page):
        Proposal.objects.create(
            source=source,
            entry_type="tool",
            translation_key=page.translation_key,
            language="fr",
            field="summary",
            value=f"Proposé pour {page.title}",
            proposed_at=timezone.now(),
        )

    queries_seen = []

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert moderator_client.get(SCREEN).status_code == 200
        queries_seen[:] = queries.captured_queries
        return len(queries)

    propose(pages[0])
    few = cost()
    for page in pages[1:]:
        propose(page)
    many = cost()
    assert many <= few + 2, (few, many, [q["sql"][:150] for q in queries_seen[-40:]])
    assert "Proposé pour " + pages[-1].title in moderator_client.get(SCREEN).content.decode()
