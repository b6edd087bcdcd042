"""Each public page type renders within a fixed number of SQL queries, however much it links to.

Measured with the whole-answer cache off (``uncached``): the page is rendered for the request. What
only changes on publish (routes, header and switcher, relations, similar tools, history line…) is
built once per generation (pages/per_publish.py, pages/routing.py), so two budgets: *warm*, the
usual request, once that is built; *cold*, the first request after a publish
(``freshness.bump()``), which builds it. docs/contributors/tests.md lists both. A page that needs
more has grown an N+1 or a new lookup: look before raising a number.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core import freshness
from pages.collections import CollectionIndexPage, CollectionItem, CollectionPage
from pages.hackathons import HackathonIndexPage, HackathonPage, HackathonProjectPage, ProjectScore
from pages.home import HomePage
from pages.organisations import OrganisationIndexPage, OrganisationPage
from pages.tools import ToolIndexPage, ToolOrganisation, ToolPage
from pages.use_cases import UseCaseIndexPage, UseCasePage, UseCaseTool
from tests.factories import (
    HackathonProjectPageFactory,
    OrganisationPageFactory,
    ToolPageFactory,
    UseCasePageFactory,
    linked_catalogue,
    page_of_type,
    published,
    translated_tool,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]

# page type: (warm, cold), measured (docs/contributors/tests.md) plus a small margin; rendered, a tool
# page must stay within 12 queries and the tool directory and the search within 15
BUDGETS = {
    # the home page's counts, latest entries and recent changes are still read for each request
    HomePage: (20, 31),
    # a section is the search with no words (search/listing.py): count, page of hits, facet counts, the
    # hits' addresses, the cards and their terms; facet labels are kept per publish
    ToolIndexPage: (13, 29),
    # view restrictions (Wagtail's check, never kept) and the vitality (vitality/display.py: one); cold:
    # relations, similar tools (14 queries), the sources it was harvested from (harvest/provenance.py: one)
    ToolPage: (5, 51),
    UseCaseIndexPage: (9, 26),
    UseCasePage: (5, 29),
    OrganisationIndexPage: (10, 23),
    OrganisationPage: (5, 25),  # with its sources (harvest/provenance.py: one query, cold)
    CollectionIndexPage: (8, 21),
    CollectionPage: (5, 27),
    HackathonIndexPage: (9, 22),
    HackathonPage: (8, 26),  # + the projects and their scores
    HackathonProjectPage: (9, 33),
}
# words, filters, every language: tests/search/test_search_page.py has more; measured warm 4 to 9
# on SQLite, and 12 on PostgreSQL for "outils" on the Spanish search
SEARCH_BUDGET = (13, 16)


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def warm_queries(client, url):
    """The usual request: what is built once per publish is built already."""
    client.get(url)
    return count(client, url)


def cold_queries(client, url):
    """The first request after a publish, which builds what later requests reuse."""
    client.get(url)  # Wagtail's site-root paths are not per publish: warm, as on a running site
    freshness.bump()
    return count(client, url)


def both(client, url):
    return warm_queries(client, url), cold_queries(client, url)


@pytest.mark.parametrize("language_code", ["fr", "en", "es"])
@pytest.mark.parametrize("model", list(BUDGETS), ids=lambda model: model.__name__)
def test_page_type_stays_within_its_query_budgets(client, model, language_code):
    page = page_of_type(model, language_code)  # a catalogue entry linked to one of each other type
    warm, cold = both(client, page.url)
    warm_budget, cold_budget = BUDGETS[model]
    assert warm <= warm_budget and cold <= cold_budget, (
        f"{page.url}: {warm} queries warm, {cold} cold (budgets {BUDGETS[model]})"
    )


def search_urls(language_code):
    with translation.override(language_code):
        url = reverse("search")
    # words; every language; filters and no words; no hits (spelling suggestion, second search)
    return [
        f"{url}?q=outils",
        f"{url}?q=outils&languages=all",
        f"{url}?kind=tool&country=FR",
        f"{url}?q=kilimanjaro",
    ]


@pytest.mark.parametrize("language_code", ["fr", "en", "es"])
def test_search_stays_within_its_query_budgets(client, language_code):
    linked_catalogue()
    for url in search_urls(language_code):
        warm, cold = both(client, url)
        assert warm <= SEARCH_BUDGET[0] and cold <= SEARCH_BUDGET[1], f"{url}: {warm} warm, {cold} cold"


def link_uses(tool, use_cases=0, organisations=0):
    for _ in range(use_cases):
        use_case = UseCasePageFactory()
        UseCaseTool.objects.create(page=use_case, tool=tool, locale=use_case.locale, role="essai")
    for _ in range(organisations):
        ToolOrganisation.objects.create(page=tool, organisation=OrganisationPageFactory())


def test_a_tool_page_costs_the_same_with_more_use_cases_organisations_and_translations(client):
    # one use case, one organisation, French only
    spec = {"title": "Outil seul", "slug": "outil-seul", "summary": "Texte."}
    lone = published(ToolPage, spec, languages=["fr"])["fr"]
    link_uses(lone, use_cases=1, organisations=1)
    busy = translated_tool("Outil très cité", "outil-tres-cite")["fr"]
    link_uses(busy, use_cases=20, organisations=20)
    response = client.get(busy.url)
    assert response.content.count(b"Organisation d&#x27;essai") >= 20  # they are all shown
    assert both(client, busy.url) == both(client, lone.url)


def test_a_tool_page_costs_the_same_once_more_pages_cite_it(client):
    built = linked_catalogue()
    tool, collection = built["tool"]["fr"], built["collection"]["fr"]
    before = both(client, tool.url)
    for _ in range(6):
        use_case = UseCasePageFactory()
        UseCaseTool.objects.create(page=use_case, tool=tool, locale=use_case.locale, role="essai")
        CollectionItem.objects.create(page=collection, tool=tool, locale=collection.locale)
    assert both(client, tool.url) == before


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
    before = [both(client, url) for url in urls]
    for _ in range(8):
        ToolPageFactory(logo=logo, countries=["FR"])
        OrganisationPageFactory(country="FR")
    assert [both(client, url) for url in urls] == before
    warm_budget, cold_budget = BUDGETS[ToolIndexPage]
    for warm, cold in before:
        assert warm <= warm_budget and cold <= cold_budget


def test_an_event_page_costs_the_same_with_more_projects(client):
    built = linked_catalogue()
    summit = built["hackathon"]["fr"]
    before = both(client, summit.url)
    criterion = built["hackathon_criteria"][0]["fr"]
    for score in range(5):
        project = HackathonProjectPageFactory(parent=summit)
        ProjectScore.objects.create(
            page=project, criterion=criterion, jury_score=score, locale=project.locale
        )
    assert both(client, summit.url) == before
