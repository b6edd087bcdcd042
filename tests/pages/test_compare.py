"""Comparing tools: which tools a link names, the rows, the differences, and links that go wrong."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from pages.tools import ToolPage

pytestmark = pytest.mark.django_db


def tool(slug, language_code="fr"):
    return ToolPage.objects.get(slug=slug, locale__language_code=language_code)


def compare_url(language_code, *tools):
    with translation.override(language_code):
        url = reverse("compare_tools")
    return url + "?" + "&".join(f"tool={t.pk}" for t in tools)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def rows(response):
    """{row label: (differs, [cell texts])} from the comparison table."""
    found = {}
    for row in re.findall(
        r"<tr( class=\"comparison__differs\")?>\s*<th scope=\"row\">(.*?)</tr>", text(response)
    ):
        differs, content = row
        label = re.sub(r"<span class=\"differs-badge\">.*?</span>", "", content.split("</th>")[0]).strip()
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", content)]
        found[label] = (bool(differs), cells)
    return found


def test_three_tools_side_by_side_with_their_differences_marked(client):
    openfisca, portal, decidim = tool("openfisca"), tool("data-gouv-fr"), tool("democracyos")
    response = client.get(compare_url("en", openfisca, portal, decidim))
    assert response.status_code == 200
    table = rows(response)
    header = text(response).split("<tbody>")[0]
    assert header.index("OpenFisca") < header.index("data.gouv.fr") < header.index("DemocracyOS")

    assert table["Licence"] == (True, ["GNU Affero GPL v3", "GNU Affero GPL v3", "GNU GPL v3"])
    assert table["Kind"] == (True, ["Software", "Online service", "Software"])
    assert table["Status"] == (False, ["Active", "Active", "Active"])  # the same everywhere: not marked
    assert table["Open source"] == (False, ["Yes", "Yes", "Yes"])
    assert table["Used in"] == (True, ["France, Senegal, Tunisia", "France", "Argentina"])
    assert table["Organisations"] == (True, ["Etalab", "Etalab", "Democracia en Red"])
    # then the technical criteria, in the visitor's language; a criterion a tool lacks says so
    labels = list(table)
    assert labels.index("Source code") < labels.index("Public API")
    assert table["Public API"] == (True, ["Yes — Web calculation API", "Yes", "Not assessed"])


def test_the_same_link_shows_the_comparison_in_every_language(client):
    french = [tool("openfisca"), tool("data-gouv-fr")]
    spanish = client.get(compare_url("es", *french))
    body = text(spanish)
    assert '<html lang="es">' in body and "Comparar herramientas" in body
    assert 'href="/es/herramientas/openfisca/"' in body  # the Spanish translation, not the French page
    # and its language switcher keeps the same tools
    assert f'href="/en/compare/?tool={french[0].pk}&amp;tool={french[1].pk}"' in body


def test_only_the_differences_on_request(client):
    tools = [tool("openfisca"), tool("data-gouv-fr")]
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
    assert message in text(response)


def test_one_tool_or_more_than_four_is_refused_with_the_reason(client):
    tools = list(ToolPage.objects.live().filter(locale__language_code="fr")[:5])
    one = client.get(compare_url("fr", tools[0]))
    assert one.status_code == 400 and "Choisissez au moins deux outils" in text(one)
    five = client.get(compare_url("fr", *tools))
    assert five.status_code == 400 and "jusqu’à 4 outils à la fois ; vous en avez choisi 5" in text(five)
    nothing = client.get(compare_url("fr"))
    assert nothing.status_code == 200 and "Cochez la case « Comparer »" in text(nothing)


def test_unpublished_and_private_tools_are_not_shown(client):
    from wagtail.models import PageViewRestriction

    openfisca, portal, decidim = tool("openfisca"), tool("data-gouv-fr"), tool("democracyos")
    PageViewRestriction.objects.create(page=decidim, restriction_type="login")
    response = client.get(compare_url("fr", openfisca, portal, decidim))
    assert "DemocracyOS" not in text(response)
    assert response.status_code == 400  # one of the tools asked for is not there
    portal.unpublish()
    assert "data.gouv.fr" not in text(client.get(compare_url("fr", openfisca, portal)))


def test_organisations_are_shown_only_when_visible_and_in_the_visitors_language(client):
    from pages.organisations import OrganisationPage

    tools = [tool("openfisca"), tool("democracyos")]
    assert rows(client.get(compare_url("es", *tools)))["Organizaciones"][1] == ["Etalab", "Democracia en Red"]
    OrganisationPage.objects.get(slug="etalab", locale__language_code="es").unpublish()
    OrganisationPage.objects.get(slug="etalab", locale__language_code="fr").unpublish()
    OrganisationPage.objects.get(slug="etalab", locale__language_code="en").unpublish()
    assert rows(client.get(compare_url("es", *tools)))["Organizaciones"][1] == ["—", "Democracia en Red"]


def test_the_directory_and_search_results_offer_the_comparison(client):
    directory = client.get("/fr/outils/")
    assert 'action="/fr/compare/"' in text(directory) and 'name="tool"' in text(directory)
    results = client.get("/fr/search/", {"q": "données"})
    body = text(results)
    assert 'action="/fr/compare/"' in body
    # only tools can be ticked
    ticked = {int(pk) for pk in re.findall(r'name="tool" value="(\d+)"', body)}
    assert ticked and set(ToolPage.objects.filter(pk__in=ticked).values_list("pk", flat=True)) == ticked


def test_a_comparison_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    two = [tool("openfisca"), tool("data-gouv-fr")]
    four = list(ToolPage.objects.live().filter(locale__language_code="fr")[:4])
    client.get(compare_url("fr", *two))  # warm the caches (site root paths, renditions)
    client.get(compare_url("fr", *four))
    with django_assert_max_num_queries(22) as two_tools:
        client.get(compare_url("fr", *two))
    with django_assert_max_num_queries(len(two_tools.captured_queries)):
        client.get(compare_url("fr", *four))
