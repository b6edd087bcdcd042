"""Each public page type renders within a fixed number of SQL queries, however much it links to.

The budgets are the measured counts (warm site-root cache, anonymous visitor) plus a small margin;
README.md lists them. A page that needs more queries has grown an N+1 or a new lookup: look before
raising the number.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.collections import CollectionIndexPage, CollectionItem, CollectionPage
from pages.hackathons import HackathonIndexPage, HackathonPage, HackathonProjectPage, ProjectScore
from pages.home import HomePage
from pages.organisations import OrganisationIndexPage, OrganisationPage
from pages.tools import ToolIndexPage, ToolPage
from pages.use_cases import UseCaseIndexPage, UseCasePage, UseCaseTool
from tests.factories import (
    HackathonProjectPageFactory,
    OrganisationPageFactory,
    ToolPageFactory,
    UseCasePageFactory,
    linked_catalogue,
    page_of_type,
)

pytestmark = pytest.mark.django_db

BUDGETS = {
    HomePage: 29,  # + the editors' summaries of its latest changes (one query for all of them)
    # a section is the search with no words (pages/listing.py): count, page of hits, facet counts, the
    # hits' addresses, the cards, one label query per taxonomy or linked-pages facet with values
    ToolIndexPage: 27,  # + card terms in the language
    ToolPage: 52,  # + similar tools and tools used together (pages/similar.py: a fixed 14 queries)
    UseCaseIndexPage: 24,  # objectives (topics), audiences, services, tools used: one label query each
    UseCasePage: 31,
    OrganisationIndexPage: 21,
    OrganisationPage: 25,
    CollectionIndexPage: 19,
    CollectionPage: 25,
    HackathonIndexPage: 20,
    HackathonPage: 26,
    HackathonProjectPage: 34,
}


def queries_for(client, url):
    client.get(url)  # warm Wagtail's site-root cache, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("language_code", ["fr", "en", "es"])
@pytest.mark.parametrize("model", list(BUDGETS), ids=lambda model: model.__name__)
def test_page_type_stays_within_its_query_budget(client, model, language_code):
    page = page_of_type(model, language_code)  # a catalogue entry linked to one of each other type
    count = queries_for(client, page.url)
    assert count <= BUDGETS[model], f"{page.url} took {count} queries (budget {BUDGETS[model]})"


def test_a_tool_page_costs_the_same_with_more_use_cases(client):
    built = linked_catalogue()
    tool, collection = built["tool"]["fr"], built["collection"]["fr"]
    before = queries_for(client, tool.url)
    for _ in range(6):
        use_case = UseCasePageFactory()
        UseCaseTool.objects.create(page=use_case, tool=tool, locale=use_case.locale, role="essai")
        CollectionItem.objects.create(page=collection, tool=tool, locale=collection.locale)
    assert queries_for(client, tool.url) == before


def test_a_listing_costs_the_same_with_more_entries(client):
    tools = ToolIndexPage.objects.get(locale__language_code="fr")
    organisations = OrganisationIndexPage.objects.get(locale__language_code="fr")
    logo = linked_catalogue()["tool"]["fr"].logo
    # with facets chosen too: each chosen facet is counted apart, whatever the number of entries
    filtered = f"{tools.url}?country=FR&country=SN&status=active&sort=updated"
    urls = (
        tools.url,
        organisations.url,
        filtered,
        f"{organisations.url}?country=FR&organisation-kind=civil_society",
    )
    before = [queries_for(client, url) for url in urls]
    for _ in range(8):
        ToolPageFactory(logo=logo, countries=["FR"])
        OrganisationPageFactory(country="FR")
    assert [queries_for(client, url) for url in urls] == before


def test_an_event_page_costs_the_same_with_more_projects(client):
    built = linked_catalogue()
    summit = built["hackathon"]["fr"]
    before = queries_for(client, summit.url)
    criterion = built["hackathon_criteria"][0]["fr"]
    for score in range(5):
        project = HackathonProjectPageFactory(parent=summit)
        ProjectScore.objects.create(
            page=project, criterion=criterion, jury_score=score, locale=project.locale
        )
    assert queries_for(client, summit.url) == before
