"""The figures page: numbers of live public pages by term, country, year and month, each bar a link
to the filtered listing, with the same numbers in the data tables."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.content import Texts
from pages.tools import ToolIndexPage, ToolPage
from pages.use_cases import UseCaseIndexPage, UseCasePage
from snippets.models import Category, Licence, Topic
from tests.factories import ToolPageFactory, published, section, term
from tests.helpers.html import one, select, text_of

pytestmark = pytest.mark.django_db


def bars(response, slug):
    """{label: (number, href)} of one bar chart."""
    found = {}
    for row in select(response, f"#{slug} .bar-chart__row"):
        link = row.select_one("a")
        found[text_of(row.select_one(".bar-chart__label"))] = (
            int(text_of(row.select_one(".bar-chart__value"))),
            link["href"] if link else None,
        )
    return found


def data_table(response, slug):
    return {
        text_of(row.select_one("th")): int(text_of(row.select_one("td")))
        for row in select(response, f"#{slug} tbody tr")
    }


def tool(title, **fields):
    return published(ToolPage, {"title": title, "slug": title.lower(), **fields}, languages=("fr", "en"))


def test_tools_by_category_licence_and_country(client):
    maps = term(Category, "cartes-essai", Texts("Cartes d'essai", "Trial maps", "Mapas de prueba"))["fr"]
    licence = term(Licence, "licence-essai", "Licence d'essai")["fr"]
    tool("Aldébaran", categories=[maps], licence=licence, countries=["BT"])
    tool("Bételgeuse", categories=[maps], countries=["BT", "MN"])
    draft = ToolPageFactory(parent=section(ToolIndexPage, "en"), live=False, countries=["BT"])
    draft.categories.set([maps])
    draft.save()
    response = client.get("/en/figures/")
    assert response.status_code == 200
    listing = section(ToolIndexPage, "en").url
    assert bars(response, "tools-category")["Trial maps"] == (2, f"{listing}?category=cartes-essai")
    assert bars(response, "tools-licence")["Licence d'essai"] == (1, f"{listing}?licence=licence-essai")
    assert bars(response, "tools-country")["Bhutan"] == (2, f"{listing}?country=BT")
    assert bars(response, "tools-country")["Mongolia"] == (1, f"{listing}?country=MN")
    for slug in ("tools-category", "tools-licence", "tools-country"):
        assert data_table(response, slug) == {
            label: number for label, (number, _href) in bars(response, slug).items()
        }
    french = client.get("/fr/figures/")
    assert bars(french, "tools-category")["Cartes d'essai"] == (
        2,
        f"{section(ToolIndexPage, 'fr').url}?category=cartes-essai",
    )


def test_a_draft_term_has_no_bar(client):
    waiting = term(Category, "attente-essai", "En attente", languages=("fr",))["fr"]
    published(ToolPage, {"title": "Castor", "slug": "castor", "categories": [waiting]}, languages=("fr",))
    assert "En attente" in bars(client.get("/fr/figures/"), "tools-category")
    waiting.unpublish()  # back to a draft, waiting for a moderator
    assert "En attente" not in bars(client.get("/fr/figures/"), "tools-category")


def test_use_cases_by_topic_and_start_year(client):
    topic = term(Topic, "sujet-essai", Texts("Sujet d'essai", "Trial topic", "Tema de prueba"))["fr"]
    for title, year in (("Premier", 1999), ("Second", 1999), ("Troisième", 1998)):
        published(
            UseCasePage,
            {
                "title": title,
                "slug": title.lower(),
                "topics": [topic],
                "started_on": datetime.date(year, 5, 1),
            },
            languages=("fr", "en"),
        )
    response = client.get("/en/figures/")
    listing = section(UseCaseIndexPage, "en").url
    assert bars(response, "use-cases-topic")["Trial topic"] == (3, f"{listing}?topic=sujet-essai")
    assert "grouped here by topic" in text_of(one(response, "#use-cases-topic figcaption"))
    years = bars(response, "use-cases-year")
    assert years["1999"] == (2, None) and years["1998"] == (1, None)
    assert data_table(response, "use-cases-year")["1999"] == 2


def test_growth_counts_pages_by_month_of_first_publication(client):
    first = timezone.make_aware(datetime.datetime(2001, 1, 15))
    ToolPageFactory(parent=section(ToolIndexPage, "en"), first_published_at=first)
    ToolPageFactory(
        parent=section(ToolIndexPage, "en"), first_published_at=first + datetime.timedelta(days=40)
    )
    ToolPageFactory(
        parent=section(ToolIndexPage, "en"), first_published_at=first, live=False
    )  # unpublished since
    ToolPageFactory(parent=section(ToolIndexPage, "en"), first_published_at=None)  # loaded in bulk
    response = client.get("/en/figures/")
    assert "1 entry loaded without a publication date is not shown." in text_of(
        one(response, "#growth figcaption")
    )
    headers = [text_of(cell) for cell in select(response, "#growth thead th")]
    tools = headers.index("Tools")
    rows = [[text_of(cell) for cell in row.select("th, td")] for row in select(response, "#growth tbody tr")]
    assert rows[0][0] == "January 2001" and rows[0][tools] == "1"
    assert rows[1][0] == "February 2001" and rows[1][tools] == "2"
    assert select(response, "#growth svg polyline")
    french = client.get("/fr/figures/")  # numbers in SVG attributes are never written "268,0"
    for element in select(french, "#growth svg text, #growth svg line, .bar-chart__fill"):
        for name in ("x", "y", "x1", "y1", "x2", "y2", "width"):
            if element.get(name) is not None:
                float(element[name])


def test_the_figures_page_costs_the_same_with_more_entries(client):
    def queries():
        client.get("/en/figures/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/figures/").status_code == 200
        return len(captured)

    before = queries()
    maps = term(Category, "cartes-essai", "Cartes d'essai")["fr"]
    for index in range(4):
        tool(f"Outil{index}", categories=[maps], countries=["BT"])
    assert queries() == before
    assert before <= 28
