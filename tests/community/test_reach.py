"""Community data beyond the tool's own page: cards, the "most endorsed" sort, the API, exports and
recent changes, in French and English. Voters are counted, never named."""

import csv
import io
import json
import re

import pytest
from django.utils import timezone
from wagtail.models import Page

from community import actions
from community.models import Argument, Endorsement, Membership, Vote
from moderation import roles
from moderation.review import decide, reviewable
from opendata.readers import csv_entries
from pages.organisations import OrganisationPage
from pages.tools import ToolIndexPage
from search import service
from search.query import SearchRequest
from tests.factories import Texts, live_tool, published, translated_tool
from tests.helpers.users import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def organisation(title="Atelier Brume", slug="atelier-brume"):
    return published(
        OrganisationPage,
        {
            "title": title,
            "slug": slug,
            "summary": Texts("Une administration.", "An administration.", "Una administración."),
            "kind": "administration",
            "country": "FR",
        },
    )


def endorsed(tool, author, organisation=None, **fields):
    """A standing endorsement, as a moderator's approval leaves it."""
    now = timezone.now()
    return Endorsement.objects.create(
        tool=tool,
        author=author,
        organisation=organisation,
        language=tool.locale.language_code,
        live=True,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )


def argued(page, author, stance, title, **fields):
    return Argument.objects.create(
        page=page,
        author=author,
        stance=stance,
        title=title,
        text=f"{title}, expliqué.",
        language="fr",
        **fields,
    )


@pytest.fixture
def people(db):
    return {name: make_user(name, roles.CONTRIBUTORS) for name in ("anouk", "basile", "vincent")}


@pytest.fixture
def calculix(db, people):
    """Calculix in three languages: two declared uses, one for and one against argument, votes."""
    tool = translated_tool()
    brume = organisation()
    first = endorsed(
        tool["fr"], people["anouk"], brume["fr"], since_year=2021, context="Simulations fiscales."
    )
    endorsed(tool["en"], people["basile"])
    pro = argued(tool["fr"], people["anouk"], "for", "Calcul exact")
    argued(tool["fr"], people["basile"], "against", "Installation longue")
    argued(tool["fr"], people["basile"], "against", "Réponse", parent=pro)
    Vote.objects.create(user=people["vincent"], argument=pro, value=1)
    Vote.objects.create(user=people["vincent"], endorsement=first, value=1)
    return tool


def directory(client, language, **params):
    index = ToolIndexPage.objects.get(locale__language_code=language)
    return client.get(index.url, params)


def card_titles(html):
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]+)</a>', html)


# cards and sorts


@pytest.mark.parametrize(
    ("language", "text"), [("fr", "2 utilisations déclarées"), ("en", "2 declared uses")]
)
def test_directory_sorted_by_declared_uses_shows_their_count(client, calculix, people, language, text):
    answer = directory(client, language, sort="endorsed")
    html = answer.content.decode()
    assert answer.status_code == 200
    assert card_titles(html)[0] == "Calculix"
    assert text in html
    assert 'value="endorsed" selected' in html


def test_most_endorsed_first_then_by_title(client, people):
    zephyr = live_tool("Zéphyr compteur")
    alpha = live_tool("Alpha compteur")
    endorsed(zephyr, people["anouk"])
    endorsed(zephyr, people["basile"])
    endorsed(alpha, people["anouk"])
    titles = card_titles(directory(client, "fr", sort="endorsed").content.decode())
    assert titles[:2] == ["Zéphyr compteur", "Alpha compteur"]
    by_name = card_titles(directory(client, "fr").content.decode())
    assert by_name.index("Alpha compteur") < by_name.index("Zéphyr compteur")


def test_what_is_not_public_is_not_counted(client, people):
    tool = live_tool("Quorum compteur")
    hidden_organisation = organisation("Atelier Caché", "atelier-cache")
    for page in hidden_organisation.values():
        page.unpublish()
    endorsed(tool, people["anouk"], hidden_at=timezone.now())
    endorsed(tool, people["basile"], withdrawn_at=timezone.now())
    endorsed(tool, people["vincent"], hidden_organisation["fr"])
    Endorsement.objects.create(
        tool=tool, author=make_user("waiting", roles.CONTRIBUTORS), language="fr", live=False
    )
    html = client.get("/fr/search/", {"q": "quorum", "kind": "tool"}).content.decode()
    assert "Quorum compteur" in html
    assert "utilisation déclarée" not in html


def test_unknown_sort_falls_back(client):
    answer = directory(client, "fr", sort="'; drop")
    assert answer.status_code == 200
    assert card_titles(answer.content.decode())
    assert client.get("/fr/search/", {"q": "outil", "sort": "nope"}).status_code == 200


def test_other_sections_do_not_offer_the_sort(client):
    from pages.organisations import OrganisationIndexPage

    index = OrganisationIndexPage.objects.get(locale__language_code="fr")
    assert 'value="endorsed"' not in client.get(index.url).content.decode()
    assert 'value="endorsed"' in directory(client, "fr").content.decode()


@pytest.mark.parametrize(("language", "text"), [("fr", "1 utilisation déclarée"), ("en", "1 declared use")])
def test_search_sorted_by_declared_uses(client, people, language, text):
    quiet = live_tool("Albatros girouette", language=language)
    loud = live_tool("Zébu girouette", language=language)
    endorsed(loud, people["anouk"])
    html = client.get(f"/{language}/search/", {"q": "girouette", "sort": "endorsed"}).content.decode()
    assert html.index("Zébu") < html.index("Albatros")
    assert text in html
    by_title = client.get(f"/{language}/search/", {"q": "girouette", "sort": "title"}).content.decode()
    assert by_title.index("Albatros") < by_title.index("Zébu")
    assert quiet.title in html


def test_most_endorsed_pages_through_every_match(people):
    tools = [live_tool(f"{name} sextant") for name in ("Avocette", "Bécasse", "Courlis")]
    endorsed(tools[2], people["anouk"])
    endorsed(tools[2], people["basile"])
    endorsed(tools[1], people["anouk"])
    request = SearchRequest(text="sextant", language="fr", per_page=1, sort="endorsed", exact=True)
    pages = [service.search(SearchRequest(**{**request.__dict__, "page": n})) for n in (1, 2, 3)]
    assert [page.hits[0].title for page in pages] == [
        "Courlis sextant",
        "Bécasse sextant",
        "Avocette sextant",
    ]
    assert pages[0].total == 3
    assert pages[2].request.page == 3 and pages[2].page_count == 3


# API and exports


def entry(client, key, language):
    return client.get(f"/api/v1/entries/{key}", {"language": language})


def assert_no_voter(text, people):
    for user in people.values():
        for secret in (user.username, user.email, f'"id": {user.pk}', f'"user": {user.pk}'):
            assert secret not in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_api_entry_has_counts_arguments_and_endorsements(client, calculix, people, language):
    answer = entry(client, calculix["fr"].translation_key, language)
    assert answer.status_code == 200
    data = answer.json()
    assert (data["endorsement_count"], data["arguments_for"], data["arguments_against"]) == (2, 1, 1)
    pro = next(argument for argument in data["arguments"] if argument["stance"] == "for")
    assert pro["title"] == "Calcul exact"
    assert (pro["score"], pro["ups"], pro["downs"], pro["language"]) == (1, 1, 0, "fr")
    against = next(argument for argument in data["arguments"] if argument["stance"] == "against")
    assert against["answers"] == [] and pro["answers"][0]["title"] == "Réponse"
    first, second = data["endorsements"]
    assert first["declared_by"] == "organisation" and first["organisation"]["slug"] == "atelier-brume"
    assert (first["since_year"], first["context"], first["score"]) == (2021, "Simulations fiscales.", 1)
    assert second == {**second, "declared_by": "person", "organisation": None}
    assert_no_voter(answer.content.decode(), people)


def test_api_lists_carry_counts_only(client, calculix, people):
    answer = client.get("/api/v1/tools", {"q": "calculix", "language": "en"})
    assert answer.status_code == 200
    (record,) = [r for r in answer.json()["results"] if r["title"] == "Calculix"]
    assert (record["endorsement_count"], record["arguments_for"], record["arguments_against"]) == (2, 1, 1)
    assert "arguments" not in record and "endorsements" not in record
    assert_no_voter(answer.content.decode(), people)


def test_api_leaves_out_what_is_not_public(client, calculix, people):
    pro = Argument.objects.get(title="Calcul exact")
    pro.status = Argument.Status.HIDDEN
    pro.save()
    argued(calculix["fr"], people["anouk"], "for", "En attente", status=Argument.Status.HELD)
    Endorsement.objects.filter(author=people["basile"]).update(hidden_at=timezone.now())
    data = entry(client, calculix["fr"].translation_key, "fr").json()
    assert [a["title"] for a in data["arguments"]] == ["Installation longue"]
    assert (data["endorsement_count"], data["arguments_for"], len(data["endorsements"])) == (1, 0, 1)


def test_openapi_document_describes_the_community_fields(client):
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert {"endorsement_count", "arguments_for", "arguments", "endorsements"} <= set(
        schema["Tool"]["properties"]
    )
    assert "endorsements" not in schema["UseCase"]["properties"]


@pytest.mark.parametrize(("language", "header"), [("fr", "Utilisations déclarées"), ("en", "Declared uses")])
def test_csv_export_has_count_columns(client, calculix, people, language, header):
    answer = client.get(f"/{language}/export/search.csv", {"q": "calculix", "kind": "tool"})
    text = b"".join(answer.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    row = next(r for r in rows[1:] if "Calculix" in r)
    assert row[rows[0].index(header)] == "2"
    assert_no_voter(text, people)
    # read back, the counts are no field: nothing to import, and nothing reported as unknown
    (where_entry,) = [e for _where, e in csv_entries(text) if e.get("title") == "Calculix"]
    assert "endorsement_count" not in where_entry and "_notes" not in where_entry


def test_json_export_has_counts(client, calculix, people):
    answer = client.get("/en/export/search.json", {"q": "calculix", "kind": "tool"})
    document = json.loads(b"".join(answer.streaming_content))
    (record,) = [r for r in document["entries"] if r["title"] == "Calculix"]
    assert (record["endorsement_count"], record["arguments_against"]) == (2, 1)
    assert "endorsement_count" in document["fields"]["tool"]
    pro, against = record["arguments"]
    assert (pro["title"], pro["ups"], pro["answers"][0]["title"]) == ("Calcul exact", 1, "Réponse")
    assert (against["stance"], against["answers"]) == ("against", [])
    assert_no_voter(json.dumps(document), people)


# recent changes and feeds


@pytest.fixture
def approved(db):
    """Calculix, declared used by Atelier Brume through the workflow, approved by a moderator."""
    tool = translated_tool()
    brume = organisation()
    member = make_user("maelle", roles.CONTRIBUTORS)
    Membership.objects.create(user=member, organisation=brume["fr"])
    moderator = make_user("morgane", roles.MODERATORS)
    endorsement = actions.endorse(member, tool["fr"], organisation=brume["fr"])
    (task,) = reviewable(moderator, model=Endorsement)
    decide(task, moderator, "approve")
    endorsement.refresh_from_db()
    assert endorsement.live and endorsement.first_published_at
    return endorsement, member


@pytest.mark.parametrize(
    ("language", "sentence"),
    [("fr", "Atelier Brume a déclaré utiliser Calculix."), ("en", "Atelier Brume declared using Calculix.")],
)
def test_recent_changes_list_an_approved_declared_use(client, approved, language, sentence):
    html = client.get(f"/{language}/recent-changes/").content.decode()
    assert sentence in html
    assert sentence in client.get(f"/{language}/recent-changes/", {"kind": "tool"}).content.decode()
    assert (
        sentence not in client.get(f"/{language}/recent-changes/", {"kind": "organisation"}).content.decode()
    )
    tool = Page.objects.get(slug="calculix", locale__language_code=language)
    assert f'href="{tool.url}"' in html
    feed = client.get(f"/{language}/recent-changes/feed/").content.decode()
    assert sentence in feed and "#endorsement-" in feed


def test_recent_changes_list_a_withdrawal_newest_first(client, approved):
    endorsement, member = approved
    actions.withdraw_endorsement(member, endorsement)
    html = client.get("/en/recent-changes/").content.decode()
    withdrew = "Atelier Brume withdrew their declared use of Calculix."
    assert withdrew in html
    assert html.index(withdrew) < html.index("Atelier Brume declared using Calculix.")


def test_hidden_declared_uses_never_appear(client, approved):
    endorsement, _member = approved
    Endorsement.objects.filter(pk=endorsement.pk).update(hidden_at=timezone.now())
    assert "a déclaré utiliser" not in client.get("/fr/recent-changes/").content.decode()
    assert "a déclaré utiliser" not in client.get("/fr/recent-changes/feed/").content.decode()
    assert "a déclaré utiliser" not in client.get("/fr/").content.decode()
