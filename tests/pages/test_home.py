"""The home page of each language: what the toolbox is, its live numbers, a way in, what is new."""

import pytest

from core import freshness
from core.content import Texts
from pages.collections import CollectionPage
from pages.hackathons import HackathonProjectPage
from pages.home import HomePage
from pages.tools import ToolPage
from pages.use_cases import UseCasePage
from tests.factories import HackathonPageFactory, published, tool
from tests.helpers.html import attributes, card_titles, one, parse, select, text_of, texts

pytestmark = pytest.mark.django_db


def home(language_code):
    return HomePage.objects.get(locale__language_code=language_code)


def test_the_counts_are_live(client):
    tool("An English tool", language="en").save_revision().publish()
    tools = ToolPage.objects.live().filter(locale__language_code="en").count()
    assert texts(client.get(home("en").url), ".numbers li")[0] == f"{tools} tools"
    ToolPage.objects.live().filter(locale__language_code="en").first().unpublish()
    assert texts(client.get(home("en").url), ".numbers li")[0] == f"{tools - 1} tools"


def test_a_search_box_leads_to_the_search_in_the_same_language(client):
    form = one(client.get(home("es").url), 'form.home-search[role="search"]')
    assert form["action"] == "/es/search/"
    assert select(form, 'input[name="q"]')


def test_featured_collections_come_first_in_every_language(client):
    collection = published(
        CollectionPage,
        {
            "title": Texts("Sélection vedette", "Featured selection", "Selección destacada"),
            "slug": Texts("selection-vedette", "featured-selection", "seleccion-destacada"),
        },
    )
    CollectionPage.objects.update(featured=False)
    freshness.bump()  # update() sends no signal, where an editor's publish would start a generation
    heading = one(client.get(home("en").url), "#featured-collections")
    assert text_of(heading) == "Collections"  # none featured: the newest, under a plain heading

    CollectionPage.objects.filter(pk=collection["fr"].pk).update(featured=True)  # the French version only
    freshness.bump()
    document = parse(client.get(home("en").url))
    assert text_of(one(document, "#featured-collections")) == "Featured collections"
    section = one(document, 'section[aria-labelledby="featured-collections"]')
    assert card_titles(section)[0] == "Featured selection"
    assert attributes(section, ".card__title > a", "href")[0] == "/en/collections/featured-selection/"


def test_latest_use_cases_projects_and_recent_changes(client):
    published(UseCasePage, {"title": "Cas tout frais", "slug": "cas-tout-frais"}, languages=("fr",))
    event = HackathonPageFactory()
    published(
        HackathonProjectPage,
        {"title": "Projet tout frais", "slug": "projet-frais"},
        parent=event,
        languages=("fr",),
    )
    for n in range(5):
        tool(f"Changement {n}", summary="Texte.").save_revision().publish()
    document = parse(client.get(home("fr").url))
    assert "Cas tout frais" in card_titles(one(document, 'section[aria-labelledby="latest-use-cases"]'))
    assert "Projet tout frais" in card_titles(one(document, 'section[aria-labelledby="latest-projects"]'))
    changes = one(document, 'section[aria-labelledby="recent-changes"]')
    assert len(select(changes, "li")) == 5
    assert "/fr/recent-changes/" in attributes(changes, "a", "href")
    # a change published now is at the top
    newest = ToolPage.objects.get(title="Changement 0")
    newest.save_revision().publish()
    changes = one(client.get(home("fr").url), 'section[aria-labelledby="recent-changes"]')
    assert "Changement 0" in text_of(select(changes, "li")[0])
