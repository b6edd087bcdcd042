"""The map of the catalogue: countries with entries are links to the filtered listing, counted from
live public pages of the visitor's language only, with the same numbers in the table below."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from atlas import geo
from pages.organisations import OrganisationIndexPage
from pages.use_cases import UseCaseIndexPage
from tests.factories import OrganisationPageFactory, UseCasePageFactory, section
from tests.helpers.html import one, parse, select, text_of

pytestmark = pytest.mark.django_db


def use_case(language="en", **fields):
    return UseCasePageFactory(parent=section(UseCaseIndexPage, language), **fields)


def map_links(response):
    """{aria-label: href} of the countries the map draws as links."""
    return {link["aria-label"]: link["href"] for link in select(response, ".atlas-map__svg a")}


def table(response):
    """{country code: number} of the table below the map."""
    return {
        row["data-country"]: int(text_of(row.select_one("td.number"))) for row in select(response, "tbody tr")
    }


def test_every_country_of_the_file_has_an_outline():
    shapes = geo.shapes()
    assert {"FR", "BT", "MX", "SN"} <= set(shapes)
    assert shapes["BT"].path.startswith("M") and shapes["BT"].path.endswith("z")
    assert "TV" not in shapes  # Tuvalu is too small for the 1:110m file


def absolute(path):
    """The positions of each subpath of ``M x,y l dx,dy … z`` path data."""
    subpaths = []
    for subpath in path.strip("Mz").split("zM"):
        start, steps = subpath.split("l")
        x, y = (float(value) for value in start.split(","))
        positions = [(x, y)]
        for step in steps.split():
            dx, dy = (float(value) for value in step.split(","))
            x, y = x + dx, y + dy
            positions.append((x, y))
        subpaths.append(positions)
    return subpaths


def test_outlines_stay_inside_the_map_and_never_cross_it():
    """Russia and Fiji cross the antimeridian: their rings are cut there, not drawn across the world."""
    for code, shape in geo.shapes().items():
        for positions in absolute(shape.path):
            assert all(0 <= x <= geo.WIDTH and 0 <= y <= geo.height() for x, y in positions), code
            xs = [x for x, _y in positions]
            assert all(abs(b - a) < geo.WIDTH / 2 for a, b in itertools.pairwise(xs)), code
    france = [x for positions in absolute(geo.shapes()["FR"].path) for x, _y in positions]
    assert geo.WIDTH * 0.45 < max(france) < geo.WIDTH * 0.6  # metropolitan France, right of Greenwich


def test_a_country_with_a_use_case_links_to_the_filtered_listing(client):
    use_case(countries=["BT"])
    use_case(countries=["BT", "MN"])
    response = client.get("/en/map/?count=use-case")
    assert response.status_code == 200
    listing = section(UseCaseIndexPage, "en").url
    links = map_links(response)
    assert links["Bhutan: 2 use cases"] == f"{listing}?country=BT"
    assert links["Mongolia: 1 use case"] == f"{listing}?country=MN"
    assert table(response)["BT"] == 2
    row = one(response, 'tr[data-country="BT"]')
    assert row.select_one("a")["href"] == f"{listing}?country=BT"


def test_the_names_and_the_listing_are_in_the_visitors_language(client):
    use_case(language="fr", countries=["BT"])
    response = client.get("/fr/map/?count=use-case")
    listing = section(UseCaseIndexPage, "fr").url
    assert map_links(response)["Bhoutan : 1 cas d'usage"] == f"{listing}?country=BT"


def test_drafts_private_pages_and_other_languages_are_not_counted(client):
    before = table(client.get("/en/map/?count=use-case"))
    use_case(countries=["BT"], live=False)  # a draft
    private = use_case(countries=["BT"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    use_case(language="es", countries=["BT"])  # counted on /es/map/ only
    response = client.get("/en/map/?count=use-case")
    assert table(response) == before
    assert not any(label.startswith("Bhutan") for label in map_links(response))
    assert "Bután: 1 caso de uso" in map_links(client.get("/es/map/?count=use-case"))


def test_the_table_and_the_map_carry_the_same_numbers(client):
    use_case(countries=["BT"])
    OrganisationPageFactory(parent=section(OrganisationIndexPage, "en"), country="BT")
    response = client.get("/en/map/")  # everything: use cases, organisations and hackathons
    counts = table(response)
    assert counts["BT"] >= 2
    links = map_links(response)
    drawn = {href.rsplit("=", 1)[1]: label for label, href in links.items()}
    assert set(drawn) == {code for code in counts if code in geo.shapes()}
    for code, label in drawn.items():
        assert label.endswith(f": {counts[code]} entries") or label.endswith(f": {counts[code]} entry")
    assert links[f"Bhutan: {counts['BT']} entries"] == "/en/search/?country=BT"
    assert int(text_of(one(response, "tfoot td.number"))) == sum(counts.values())


def test_a_territory_too_small_to_draw_is_still_in_the_table(client):
    use_case(countries=["TV"])
    response = client.get("/en/map/?count=use-case")
    assert table(response)["TV"] == 1
    assert not any(label.startswith("Tuvalu") for label in map_links(response))
    assert "too small to show on the map" in text_of(one(response, 'tr[data-country="TV"]'))


def test_countries_without_entries_are_not_links(client):
    response = client.get("/en/map/?count=hackathon")
    drawn = len(select(response, ".atlas-map__svg a")) + len(select(response, ".atlas-map__empty path"))
    assert drawn == len(geo.shapes())
    assert not select(response, ".atlas-map__empty a")


@pytest.mark.parametrize("value", ["nonsense", "tool", "<script>"])
def test_an_unknown_count_says_so_and_shows_everything(client, value):
    response = client.get("/en/map/", {"count": value})
    assert response.status_code == 400
    assert "The map cannot count" in text_of(one(response, ".notice--error"))
    assert one(parse(response), '.atlas-choices a[aria-current="page"]')["href"] == "?count=all"


def test_the_map_costs_the_same_with_more_entries(client):
    def queries():
        client.get("/en/map/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/map/").status_code == 200
        return len(captured)

    before = queries()
    for code in ("BT", "MN", "NP", "LA"):
        use_case(countries=[code])
        OrganisationPageFactory(parent=section(OrganisationIndexPage, "en"), country=code)
    assert queries() == before
    assert before <= 12


def test_the_country_field_is_read_from_either_form_of_facet_declaration():
    from types import SimpleNamespace

    from atlas.map import country_field
    from pages import registry

    assert country_field(registry.get("use-case")) == "countries"
    assert country_field(registry.get("organisation")) == "country"
    declared = SimpleNamespace(facets={"country": SimpleNamespace(field="countries")})  # a Facet(…)
    assert country_field(declared) == "countries"
    assert country_field(registry.get("collection")) is None
