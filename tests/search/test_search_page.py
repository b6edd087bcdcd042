"""The search page and the autocomplete endpoint, as a visitor's browser sees them."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import facets
from tests.factories import tool
from tests.helpers.html import attributes, links, parse, result_titles, texts

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    return page


def test_a_search_is_an_address_that_can_be_shared(client):
    publish(tool("Zéphyr", summary="Un outil de délibération."))

    response = client.get("/fr/search/", {"q": "outils"})

    assert response.status_code == 200
    document = parse(response)
    assert "Zéphyr" in result_titles(document)
    assert any(href.startswith("/fr/outils/") for href in attributes(document, ".result__title > a", "href"))
    assert "outil" in texts(document, "mark")
    assert "outils" in attributes(document, 'input[name="q"]', "value")  # the box keeps the words


def test_every_page_has_a_search_box_in_its_language(client):
    for url, action in (
        ("/fr/", "/fr/search/"),
        ("/es/herramientas/", "/es/search/"),
        ("/en/tools/", "/en/search/"),
    ):
        assert action in attributes(client.get(url), 'form[role="search"]', "action"), url


def test_filters_are_links_that_add_to_the_address(client):
    publish(tool("Banquise", summary="Banquise.", countries=["SN"]))

    offered = links(client.get("/fr/search/", {"q": "banquise"}))
    senegal = [text for href, text in offered.items() if "?q=banquise&country=SN" in href]
    assert len(senegal) == 1 and "Sénégal" in senegal[0]

    filtered = parse(client.get("/fr/search/", {"q": "banquise", "country": "SN"}))
    assert any("Sénégal" in selected for selected in texts(filtered, '[aria-current="true"]'))
    assert "Banquise" in result_titles(filtered)
    # the filter is kept when the visitor types new words
    assert attributes(filtered, 'input[type="hidden"][name="country"]', "value") == ["SN"]


def test_no_results_says_so_and_suggests_what_to_do(client):
    html = client.get("/fr/search/", {"q": "qwxzpvbn"}).content.decode()

    assert "Aucun résultat" in html
    assert "qwxzpvbn" in html
    assert "Chercher dans toutes les langues" in html


def test_a_spelling_correction_is_announced_with_a_way_back(client):
    publish(tool("Kilimandjaro", summary="Un sommet."))

    html = client.get("/fr/search/", {"q": "kilimanjaro"}).content.decode()

    assert "Kilimandjaro" in html
    assert "Aucun résultat pour « kilimanjaro »" in html
    assert "exact=1" in html


def test_bad_parameters_are_explained_and_the_search_still_runs(client):
    publish(tool("Zéphyr", summary="Un outil."))

    response = client.get(
        "/fr/search/", {"q": "outil", "page": "deux", "kind": "spaceship", "country": "XX", "sort": "?"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Zéphyr" in html
    assert "pas un numéro de page" in html
    assert "kind=spaceship" in html
    assert "country=XX" in html
    assert "Ordre de tri inconnu" in html


def test_a_page_number_beyond_the_last_shows_the_last_page(client):
    publish(tool("Zéphyr", summary="Un outil."))

    response = client.get("/fr/search/", {"q": "zéphyr", "page": "99"})

    assert response.status_code == 200
    assert "Zéphyr" in response.content.decode()
    assert "moins de pages" in response.content.decode()


def test_a_very_long_query_is_shortened_not_refused(client):
    response = client.get("/fr/search/", {"q": "outil " * 100})

    assert response.status_code == 200
    assert "raccourcie" in response.content.decode()


def test_the_language_switcher_repeats_the_search_in_the_other_language(client):
    html = client.get("/fr/search/", {"q": "outils", "kind": "tool"}).content.decode()

    assert 'href="/es/search/?q=outils&amp;kind=tool"' in html
    assert 'hreflang="en" href="http://testserver/en/search/?q=outils&amp;kind=tool"' in html


def test_all_languages_labels_each_result_with_its_language(client):
    publish(tool("Quetzal", summary="Herramienta de consulta.", language="es"))

    html = client.get("/fr/search/", {"q": "herramientas", "languages": "all"}).content.decode()

    assert "Quetzal" in html
    assert 'class="lang-badge" lang="es">Espagnol<' in html


def test_suggest_returns_titles_as_json(client):
    publish(tool("Éolienne citoyenne", summary="Énergie."))

    response = client.get("/fr/search/suggest/", {"q": "éoli"})

    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["query"] == "éoli"
    match = next(result for result in data["results"] if result["title"] == "Éolienne citoyenne")
    assert match["url"].startswith("/fr/outils/")
    assert match["type"] == "tool"
    assert match["language"] == "fr"


def test_suggest_with_nothing_typed_returns_an_empty_list(client):
    data = json.loads(client.get("/fr/search/suggest/").content)
    assert data == {"query": "", "results": []}


def test_only_get_is_accepted(client):
    assert client.post("/fr/search/", {"q": "outil"}).status_code == 405


@pytest.mark.parametrize(
    "params",
    [
        {"q": "outils"},
        {"q": "outils", "languages": "all"},
        {"q": "", "kind": "tool", "country": "FR"},
        {"q": "kilimanjaro"},  # no results: spelling suggestion and second search
    ],
)
def test_the_search_page_needs_a_bounded_number_of_queries(client, params):
    publish(tool("Kilimandjaro", summary="Un outil."))
    client.get("/fr/search/", params)  # warm Wagtail's site and locale caches, as on a running site

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fr/search/", params)

    assert response.status_code == 200
    assert len(queries) <= SEARCH_PAGE_BUDGET, [q["sql"][:120] for q in queries]


def test_suggest_needs_three_queries_at_most(client):
    client.get("/fr/search/suggest/", {"q": "ope"})
    with CaptureQueriesContext(connection) as queries:
        client.get("/fr/search/suggest/", {"q": "ope"})
    assert len(queries) <= 3  # matching titles, their pages, the site


# documented in the query budgets of docs/contributors/tests.md: the hits, their count and addresses, the
# facet counts, the site's own queries, and one label query for each facet named by terms, linked pages or
# scores (search/facets.py), which grow with the facets the page types declare
LABELLED_FACETS = [
    name
    for name in facets.names()[1:]
    if facets.kind_of(*facets.declared()[name]) in ("term", "link", "linked-term", "score")
]
SEARCH_PAGE_BUDGET = 9 + len(LABELLED_FACETS)


def test_a_very_common_word_is_counted_up_to_a_limit_and_says_so(client, monkeypatch):
    from search.engines import database

    # the limits are 10,000 in production; lowered here instead of creating ten thousand pages
    monkeypatch.setattr(database, "COUNT_LIMIT", 2)
    monkeypatch.setattr(database, "FACET_SAMPLE", 2)
    for number in range(3):
        publish(tool(f"Mousson {number}", summary="Mousson."))

    html = client.get("/fr/search/", {"q": "mousson"}).content.decode()

    assert "Plus de 2 résultats" in html
    assert "Les nombres sont calculés sur les 2 premiers résultats" in html
    assert html.count('class="result"') == 3
