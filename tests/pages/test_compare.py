"""Comparing tools: which tools a link names, the rows, the differences, and links that go wrong."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.content import Texts
from pages.organisations import OrganisationPage
from pages.tools import ToolPage
from snippets.models import Licence, TechnicalCriterion
from tests.factories import ToolPageFactory, published, term
from tests.helpers.html import attributes, one, parse, select, text_of, texts

pytestmark = pytest.mark.django_db


def compare_url(language_code, *tools):
    with translation.override(language_code):
        url = reverse("compare_tools")
    return url + "?" + "&".join(f"tool={t.pk}" for t in tools)


def rows(response):
    """{row label: (differs, [cell texts])} from the comparison table."""
    found = {}
    for row in select(response, "table.comparison tbody tr:has(> th[scope=row])"):
        header = row.find("th")
        badge = header.find(class_="differs-badge")
        if badge:
            badge.extract()
        found[text_of(header)] = ("comparison__differs" in row.get("class", []), texts(row, "td"))
    return found


def compared_tools():
    """Three tools (French, English, Spanish) that share some facts and differ on others; the
    technical criterion "Trial API" is assessed for two of them."""
    licences = [
        term(Licence, slug, name, is_open_source=True)["fr"]
        for slug, name in (("licence-alpha", "Licence Alpha"), ("licence-beta", "Licence Bêta"))
    ]
    repository, api = (
        term(TechnicalCriterion, slug, name, position=position)["fr"]
        for position, (slug, name) in enumerate(
            [
                ("depot-essai", Texts("Dépôt de code", "Code repository", "Repositorio de código")),
                ("api-essai", Texts("API d'essai", "Trial API", "API de prueba")),
            ]
        )
    )
    workshop, network = (
        published(OrganisationPage, {"title": title, "slug": slug, "kind": "company"})["fr"]
        for title, slug in (("Atelier Orbelle", "atelier-orbelle"), ("Réseau Mizar", "reseau-mizar"))
    )

    def tool(title, licence, kind, countries, organisation, criteria):
        return published(
            ToolPage,
            {
                "title": title,
                "slug": title.lower().replace(".", "-"),
                "licence": licence,
                "kind": kind,
                "status": "active",
                "countries": countries,
                "organisation_links": [{"organisation": organisation, "role": "developer"}],
                "criteria_values": [
                    {"criterion": criterion, "assessment": "yes", "detail": detail}
                    for criterion, detail in criteria
                ],
            },
        )

    return [
        tool(
            "OpenCalc",
            licences[0],
            "software",
            ["FR", "SN", "TN"],
            workshop,
            [(repository, ""), (api, Texts("API web", "Web API", "API web"))],
        ),
        tool("Portail.data", licences[0], "online_service", ["FR"], workshop, [(repository, ""), (api, "")]),
        tool("Agora", licences[1], "software", ["AR"], network, [(repository, "")]),
    ]


def french(tools):
    return [versions["fr"] for versions in tools]


def test_three_tools_side_by_side_with_their_differences_marked(client):
    response = client.get(compare_url("en", *french(compared_tools())))
    assert response.status_code == 200
    assert texts(response, "thead th.comparison__tool > a:not(.comparison__remove)") == [
        "OpenCalc",
        "Portail.data",
        "Agora",
    ]  # as asked
    table = rows(response)

    assert table["Licence"] == (True, ["Licence Alpha", "Licence Alpha", "Licence Bêta"])
    assert table["Kind"] == (True, ["Software", "Online service", "Software"])
    assert table["Status"] == (False, ["Active", "Active", "Active"])  # the same everywhere: not marked
    assert table["Open source"] == (False, ["Yes", "Yes", "Yes"])
    assert table["Used in"] == (True, ["France, Senegal, Tunisia", "France", "Argentina"])
    assert table["Organisations"] == (True, ["Atelier Orbelle", "Atelier Orbelle", "Réseau Mizar"])
    # then the technical criteria, in the visitor's language; a criterion a tool lacks says so
    labels = list(table)
    assert labels.index("Code repository") < labels.index("Trial API")
    assert table["Trial API"] == (True, ["Yes — Web API", "Yes", "Not assessed"])


def test_the_same_link_shows_the_comparison_in_every_language(client):
    tools = french(compared_tools())[:2]
    document = parse(client.get(compare_url("es", *tools)))
    assert (
        one(document, "html")["lang"] == "es" and text_of(one(document, "main h1")) == "Comparar herramientas"
    )
    # the Spanish translation, not the French page
    assert texts(document, "thead th.comparison__tool > a:not(.comparison__remove)") == [
        "OpenCalc",
        "Portail.data",
    ]
    assert (
        attributes(document, "thead th.comparison__tool > a:not(.comparison__remove)", "href")[0]
        == "/es/herramientas/opencalc/"
    )
    # and its language switcher keeps the same tools
    switcher = attributes(document, ".language-switcher a", "href")
    assert f"/en/compare/?tool={tools[0].pk}&tool={tools[1].pk}" in switcher


def test_only_the_differences_on_request(client):
    tools = french(compared_tools())[:2]
    everything = rows(client.get(compare_url("en", *tools)))
    differences = rows(client.get(compare_url("en", *tools) + "&only=differences"))
    assert set(differences) == {label for label, (differs, _cells) in everything.items() if differs}
    assert 0 < len(differences) < len(everything)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("tool=abc&tool=1", "« abc » n’est pas un numéro d’outil"),
        ("tool=%C2%B2&tool=1", "« ² » n’est pas un numéro d’outil"),  # a digit to Python, not a number
        ("tool=999999&tool=999998", "ne sont pas (ou plus) dans le catalogue"),
    ],
)
def test_links_that_cannot_be_read_are_explained(client, query, message):
    with translation.override("fr"):
        url = reverse("compare_tools")
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert any(message in error for error in texts(response, '[role="alert"] li'))


def test_one_tool_or_more_than_four_is_refused_with_the_reason(client):
    tools = [ToolPageFactory() for _ in range(5)]
    one_tool = client.get(compare_url("fr", tools[0]))
    assert one_tool.status_code == 400 and "Choisissez au moins deux outils" in text_of(one_tool)
    five = client.get(compare_url("fr", *tools))
    assert five.status_code == 400 and "jusqu’à 4 outils à la fois ; vous en avez choisi 5" in text_of(five)
    nothing = client.get(compare_url("fr"))
    assert nothing.status_code == 200 and "Cochez la case « Comparer »" in text_of(nothing)


def test_unpublished_and_private_tools_are_not_shown(client):
    from wagtail.models import PageViewRestriction

    opencalc, portal, agora = french(compared_tools())
    PageViewRestriction.objects.create(page=agora, restriction_type="login")
    response = client.get(compare_url("fr", opencalc, portal, agora))
    assert "Agora" not in text_of(response)
    assert response.status_code == 400  # one of the tools asked for is not there
    portal.unpublish()
    assert "Portail.data" not in text_of(client.get(compare_url("fr", opencalc, portal)))


def test_organisations_are_shown_only_when_visible_and_in_the_visitors_language(client):
    opencalc, _portal, agora = french(compared_tools())
    assert rows(client.get(compare_url("es", opencalc, agora)))["Organizaciones"][1] == [
        "Atelier Orbelle",
        "Réseau Mizar",
    ]
    for workshop in OrganisationPage.objects.filter(slug="atelier-orbelle"):  # in every language
        workshop.unpublish()
    assert rows(client.get(compare_url("es", opencalc, agora)))["Organizaciones"][1] == ["—", "Réseau Mizar"]


def test_the_directory_and_search_results_offer_the_comparison(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # into the search index
        ToolPageFactory(title="Trieur de données")
    directory = client.get("/fr/outils/")
    assert attributes(directory, "form.compare-picker", "action") == ["/fr/compare/"]
    assert select(directory, 'input[name="tool"]')
    results = client.get("/fr/search/", {"q": "données"})
    assert "/fr/compare/" in attributes(results, "form", "action")
    # only tools can be ticked
    ticked = {int(pk) for pk in attributes(results, 'input[name="tool"]', "value")}
    assert ticked and set(ToolPage.objects.filter(pk__in=ticked).values_list("pk", flat=True)) == ticked


def test_a_comparison_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    tools = french(compared_tools()) + [ToolPageFactory()]
    two, four = tools[:2], tools
    client.get(compare_url("fr", *two))  # warm the caches (site root paths, renditions)
    client.get(compare_url("fr", *four))
    with django_assert_max_num_queries(22) as two_tools:
        client.get(compare_url("fr", *two))
    with django_assert_max_num_queries(len(two_tools.captured_queries)):
        client.get(compare_url("fr", *four))
