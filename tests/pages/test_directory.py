"""The tool directory: filters, sorting, pagination that keeps them, and what bad links get."""

import pytest

from core.content import Texts
from pages.tools import ToolIndexPage, ToolPage
from snippets.models import Category, Licence
from tests.factories import ToolPageFactory, linked_catalogue, published, term
from tests.helpers.html import attributes, card_titles, links, one, parse, text_of, texts

pytestmark = pytest.mark.django_db


def directory(language_code="fr"):
    return ToolIndexPage.objects.get(locale__language_code=language_code)


def listed(response):
    """The titles of every tool the directory lists for this request, on all its pages."""
    return [entry.title for entry in response.context["entries"].paginator.object_list]


def live_tools(language_code="fr", **filters):
    return ToolPage.objects.live().filter(locale__language_code=language_code, **filters)


def four_tools():
    """Four tools, each with another combination of a category, a licence, countries and a status
    that no other tool has (Iceland and Malta are nobody else's countries)."""
    portal = term(Category, "portail-essai", Texts("Portail d'essai", "Trial portal", "Portal de prueba"))[
        "fr"
    ]
    licence = term(Licence, "licence-essai", "Licence d'essai", is_open_source=True)["fr"]

    def tool(title, **fields):
        return published(ToolPage, {"title": title, "slug": title.lower(), **fields}, languages=("fr", "es"))

    tool("Aldébaran", categories=[portal], licence=licence, countries=["IS"])
    tool("Bételgeuse", licence=licence, countries=["MT"], status="archived")
    tool("Capella", categories=[portal], countries=["IS", "MT"])
    tool("Deneb")


def test_every_filter_keeps_only_the_matching_tools(client):
    four_tools()
    url = directory().url
    everything = listed(client.get(url))
    assert sorted(everything) == sorted(live_tools().values_list("title", flat=True))
    assert {"Aldébaran", "Bételgeuse", "Capella", "Deneb"} <= set(everything)

    assert sorted(listed(client.get(url, {"category": "portail-essai"}))) == ["Aldébaran", "Capella"]
    assert sorted(listed(client.get(url, {"licence": "licence-essai"}))) == ["Aldébaran", "Bételgeuse"]
    assert sorted(listed(client.get(url, {"country": "IS"}))) == ["Aldébaran", "Capella"]
    assert sorted(listed(client.get(url, {"country": "MT"}))) == ["Bételgeuse", "Capella"]
    archived = listed(client.get(url, {"status": "archived"}))
    assert sorted(archived) == sorted(live_tools(status="archived").values_list("title", flat=True))
    assert "Bételgeuse" in archived and "Aldébaran" not in archived
    assert listed(client.get(url, {"country": "IS", "licence": "licence-essai"})) == ["Aldébaran"]
    # what is listed is what the cards show
    response = client.get(url, {"category": "portail-essai"})
    assert sorted(card_titles(response)) == ["Aldébaran", "Capella"]


def test_filter_choices_are_in_the_visitors_language(client):
    four_tools()
    document = parse(client.get(directory("es").url))

    def choice(name, value):
        label = text_of(one(document, f'label:has(input[type="checkbox"][name="{name}"][value="{value}"])'))
        return label.rpartition(" (")[0]  # without its count

    assert choice("category", "portail-essai") == "Portal de prueba"
    assert choice("country", "IS") == "Islandia"
    assert choice("status", "archived") in ("Archivada", "Archivado")
    assert choice("licence", "licence-essai") == "Licence d'essai"


def test_sorting_by_name_or_by_last_change(client):
    for title in ("delta minuscule", "Zosma", "Achernar"):
        ToolPageFactory(title=title)
    url = directory().url
    by_name = listed(client.get(url))
    assert by_name == sorted(by_name, key=str.casefold)  # "delta minuscule" among the D, not after Z
    assert by_name.index("Achernar") < by_name.index("delta minuscule") < by_name.index("Zosma")

    last = live_tools().get(title=by_name[-1])
    last.save_revision().publish()  # a new version of the last tool by name
    by_update = listed(client.get(url, {"sort": "updated"}))
    assert by_update[0] == last.title


def test_unknown_filter_values_are_explained_and_the_rest_still_applies(client):
    four_tools()
    response = client.get(directory().url, {"country": "ZZ", "status": "archived", "sort": "bogus"})
    assert response.status_code == 200
    errors = texts(response, '[role="alert"] li')
    assert any("Le filtre country=ZZ est inconnu ; il a été ignoré." in error for error in errors)
    assert any("Ordre de tri « bogus » inconnu" in error for error in errors)
    archived = listed(response)
    assert sorted(archived) == sorted(live_tools(status="archived").values_list("title", flat=True))
    assert "Bételgeuse" in archived


def test_pagination_keeps_the_filters(client):
    for _ in range(5):
        ToolPageFactory(status="active")
    index = directory()
    ToolIndexPage.per_page, before = 2, ToolIndexPage.per_page
    try:
        response = client.get(index.url, {"status": "active", "sort": "newest"})
        assert "?status=active&sort=newest&page=2" in links(response)
        second = client.get(index.url, {"status": "active", "sort": "newest", "page": "2"})
        assert len(card_titles(second)) == 2
        assert set(card_titles(second)).isdisjoint(card_titles(response))
        # each page of the whole listing is its own canonical address; filtered views point at the listing
        unfiltered = client.get(index.url, {"page": "2"})
        assert attributes(unfiltered, 'link[rel="canonical"]', "href") == [
            f"http://testserver{index.url}?page=2"
        ]
        assert attributes(second, 'link[rel="canonical"]', "href") == [f"http://testserver{index.url}"]
        assert client.get(index.url, {"page": "999"}).status_code == 200  # the last page, not an error
    finally:
        ToolIndexPage.per_page = before


def test_cards_show_licence_categories_countries_and_a_compare_box(client):
    tool = linked_catalogue()["tool"]["en"]
    response = client.get(directory("en").url, {"category": "simulation-essai"})
    card = one(response, f'article.card:has(input[name="tool"][value="{tool.pk}"])')
    assert text_of(one(card, ".card__title")) == "Quintilix"
    assert texts(card, ".tags li") == ["Trial simulation"]  # category in English
    licence = one(card, ".badge")
    assert text_of(licence) == "GNU Affero GPL v3 (essai)" and "badge--open" in licence["class"]
    assert text_of(one(card, ".card__countries")) == "Used in France, Senegal, Tunisia"
    assert attributes(response, "form.compare-picker", "action") == ["/en/compare/"]


def test_drafts_and_private_tools_stay_out_of_the_directory(client):
    from wagtail.models import PageViewRestriction

    tool = ToolPageFactory(title="Mirach")
    assert "Mirach" in listed(client.get(directory().url))
    PageViewRestriction.objects.create(page=tool, restriction_type="login")
    assert "Mirach" not in listed(client.get(directory().url))
    tool.unpublish()
    assert "Mirach" not in listed(client.get(directory().url))
    assert "Mirach" not in card_titles(client.get(directory().url))
