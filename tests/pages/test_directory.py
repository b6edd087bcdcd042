"""The tool directory: filters, sorting, pagination that keeps them, and what bad links get."""

import re

import pytest

from pages.tools import ToolIndexPage, ToolPage

pytestmark = pytest.mark.django_db


def directory(language_code="fr"):
    return ToolIndexPage.objects.get(locale__language_code=language_code)


def titles(response):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def live_tools(language_code="fr", **filters):
    return ToolPage.objects.live().filter(locale__language_code=language_code, **filters)


def test_every_filter_keeps_only_the_matching_tools(client):
    url = directory().url
    everything = titles(client.get(url))
    assert len(everything) == live_tools().count()

    portals = titles(client.get(url, {"category": "open-data-portal"}))
    expected = live_tools(categories__slug="open-data-portal").values_list("title", flat=True)
    assert sorted(portals) == sorted(expected) and 0 < len(portals) < len(everything)

    agpl = titles(client.get(url, {"licence": "agpl-3-0"}))
    assert sorted(agpl) == sorted(live_tools(licence__slug="agpl-3-0").values_list("title", flat=True))

    argentina = titles(client.get(url, {"country": "AR"}))
    assert sorted(argentina) == sorted(t.title for t in live_tools() if "AR" in t.countries)

    archived = titles(client.get(url, {"status": "archived"}))
    assert sorted(archived) == sorted(live_tools(status="archived").values_list("title", flat=True))

    both = titles(client.get(url, {"country": "FR", "licence": "agpl-3-0"}))
    assert set(both) == set(agpl) & {t.title for t in live_tools() if "FR" in t.countries}


def test_filter_choices_are_in_the_visitors_language(client):
    body = client.get(directory("es").url).content.decode()
    assert '<option value="open-data-portal">Portal de datos abiertos</option>' in body
    assert '<option value="AR">Argentina</option>' in body
    assert (
        '<option value="archived">Archivada</option>' in body
        or '<option value="archived">Archivado</option>' in body
    )


def test_sorting_by_name_or_by_last_change(client):
    url = directory().url
    by_name = titles(client.get(url))
    assert by_name == sorted(by_name, key=str.casefold)  # "data.gouv.fr" among the D, not after Z

    last = live_tools().get(title=by_name[-1])
    last.save_revision().publish()  # a new version of the last tool by name
    by_update = titles(client.get(url, {"sort": "updated"}))
    assert by_update[0] == last.title


def test_unknown_filter_values_are_explained_and_the_rest_still_applies(client):
    response = client.get(directory().url, {"country": "ZZ", "status": "archived", "sort": "bogus"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Aucun outil ne correspond au filtre « pays » = « ZZ »" in body
    assert "Ordre de tri « bogus » inconnu" in body
    assert sorted(titles(response)) == sorted(live_tools(status="archived").values_list("title", flat=True))


def test_pagination_keeps_the_filters(client):
    index = directory()
    ToolIndexPage.per_page, before = 2, ToolIndexPage.per_page
    try:
        response = client.get(index.url, {"status": "active", "sort": "newest"})
        body = response.content.decode()
        assert 'href="?status=active&amp;sort=newest&amp;page=2"' in body
        second = client.get(index.url, {"status": "active", "sort": "newest", "page": "2"})
        assert len(titles(second)) == 2
        assert set(titles(second)).isdisjoint(titles(response))
        # each page of the whole listing is its own canonical address; filtered views point at the listing
        unfiltered = client.get(index.url, {"page": "2"}).content.decode()
        assert f'<link rel="canonical" href="http://testserver{index.url}?page=2">' in unfiltered
        assert f'<link rel="canonical" href="http://testserver{index.url}">' in second.content.decode()
        assert client.get(index.url, {"page": "999"}).status_code == 200  # the last page, not an error
    finally:
        ToolIndexPage.per_page = before


def test_cards_show_licence_categories_countries_and_a_compare_box(client):
    body = re.sub(r"\s+", " ", client.get(directory("en").url).content.decode())
    openfisca = live_tools("en").get(slug="openfisca")
    card = body[body.index(f'value="{openfisca.pk}"') - 2000 : body.index(f'value="{openfisca.pk}"')]
    assert "OpenFisca" in card
    assert "Simulation and modelling" in card  # category in English
    assert "GNU Affero GPL v3" in card and "badge--open" in card
    assert "France" in card and "Senegal" in card
    assert 'action="/en/compare/"' in body


def test_drafts_and_private_tools_stay_out_of_the_directory(client):
    from wagtail.models import PageViewRestriction

    tool = live_tools().get(slug="openfisca")
    PageViewRestriction.objects.create(page=tool, restriction_type="login")
    assert "OpenFisca" not in titles(client.get(directory().url))
    tool.unpublish()
    assert "OpenFisca" not in titles(client.get(directory().url, {"category": "simulation"}))
