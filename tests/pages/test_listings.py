"""Every section lists its entries through the search's facets: counts, several values per facet (OR),
facets together (AND), labels in the visitor's language, drafts and private pages never counted."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from core.content import Texts
from pages.hackathons import HackathonIndexPage, HackathonPage, HackathonProjectPage
from pages.organisations import OrganisationIndexPage, OrganisationPage
from pages.tools import ToolIndexPage, ToolPage
from pages.use_cases import UseCaseIndexPage, UseCasePage
from search import indexing
from snippets.models import Audience, Category, HackathonCriterion, Topic
from tests.factories import published, term
from tests.helpers.html import card_titles, links, parse, select, text_of, texts

pytestmark = pytest.mark.django_db


def section(model, language_code="fr"):
    return model.objects.get(locale__language_code=language_code)


def listed(response):
    """Every title the listing has for this request, on all its pages."""
    return sorted(entry.title for entry in response.context["entries"].paginator.object_list)


def counts(response, name):
    """``{value: (label, count)}`` of one facet's checkboxes."""
    found = {}
    for label in select(parse(response), f'fieldset[data-facet="{name}"] label'):
        value = label.select_one("input")["value"]
        words, _sep, count = text_of(label).rpartition(" (")
        found[value] = (words, int(count.rstrip(")")))
    return found


def facet_names(response):
    return [fieldset["data-facet"] for fieldset in select(parse(response), "fieldset[data-facet]")]


def use_cases():
    """Three use cases in countries no demo entry has (Liechtenstein, Andorra, San Marino)."""
    fishing = term(Topic, "peche-essai", Texts("Pêche d'essai", "Trial fishing", "Pesca de prueba"))["fr"]
    farmers = term(Audience, "agriculteurs-essai", Texts("Agriculteurs", "Farmers", "Agricultores"))["fr"]
    tool = published(ToolPage, {"title": Texts("Filet", "Net", "Red"), "slug": "filet"})["fr"]

    def case(title, **fields):
        return published(UseCasePage, {"title": title, "slug": title.lower(), **fields})

    case(
        "Vaduz",
        topics=[fishing],
        audiences=[farmers],
        countries=["LI"],
        government_level="local",
        started_on=datetime.date(2019, 5, 1),
        ended_on=datetime.date(2021, 2, 1),
        tool_links=[{"tool": tool, "role": "essai"}],
    )
    case("Ordino", topics=[fishing], countries=["AD"], government_level="national")
    case("Borgo", audiences=[farmers], countries=["SM", "LI"], started_on=datetime.date(2024, 1, 1))
    return tool


def test_use_cases_by_objective_audience_tool_country_level_and_period(client):
    tool = use_cases()
    url = section(UseCaseIndexPage).url
    everything = client.get(url)
    assert facet_names(everything) == [
        "topic",
        "audience",
        "service",
        "tool",
        "country",
        "government-level",
        "period",
    ]
    assert counts(everything, "topic")["peche-essai"] == ("Pêche d'essai", 2)
    assert counts(everything, "audience")["agriculteurs-essai"] == ("Agriculteurs", 2)
    assert counts(everything, "tool")[str(tool.translation_key)] == ("Filet", 1)
    assert counts(everything, "country")["LI"] == ("Liechtenstein", 2)

    assert listed(client.get(url, {"topic": "peche-essai"})) == ["Ordino", "Vaduz"]
    # several values of one facet: either; two facets: both
    assert listed(client.get(url, {"country": ["AD", "SM"]})) == ["Borgo", "Ordino"]
    assert listed(client.get(url, {"country": ["AD", "SM"], "topic": "peche-essai"})) == ["Ordino"]
    assert listed(client.get(url, {"tool": str(tool.translation_key)})) == ["Vaduz"]
    assert listed(client.get(url, {"government-level": "national", "country": "AD"})) == ["Ordino"]
    # a period is every year from the start to the end, or to this year while it goes on
    assert "Vaduz" in listed(client.get(url, {"period": "2020"}))
    assert "Vaduz" not in listed(client.get(url, {"period": "2022"}))
    this_year = str(datetime.date.today().year)
    assert "Borgo" in listed(client.get(url, {"period": this_year, "country": "SM"}))

    # counts follow the other facets; a facet's own values stay open to add (OR)
    chosen = client.get(url, {"country": "AD"})
    assert counts(chosen, "topic")["peche-essai"][1] == 1
    assert counts(chosen, "country")["LI"][1] == 2


def test_use_cases_by_the_services_their_tools_provide(client):
    tool = use_cases()  # used by Vaduz alone
    url = section(UseCaseIndexPage).url
    assert "filets-essai" not in counts(client.get(url), "service")  # its tool is in no category yet

    nets = term(Category, "filets-essai", Texts("Filets", "Nets", "Redes"))["fr"]
    tool.categories.set([nets])
    tool.save_revision().publish()  # the use cases naming the tool are indexed again

    response = client.get(url)
    assert counts(response, "service")["filets-essai"] == ("Filets", 1)
    assert "Service rendu" in texts(response, "fieldset legend")
    assert listed(client.get(url, {"service": "filets-essai"})) == ["Vaduz"]
    assert listed(client.get(url, {"service": "filets-essai", "country": "AD"})) == []


def test_labels_are_in_the_visitors_language(client):
    tool = use_cases()
    spanish = client.get(section(UseCaseIndexPage, "es").url)
    assert counts(spanish, "topic")["peche-essai"][0] == "Pesca de prueba"
    assert counts(spanish, "tool")[str(tool.translation_key)][0] == "Red"
    assert counts(spanish, "government-level")["local"][0] == "Local"
    assert counts(spanish, "country")["SM"][0] == "San Marino"
    english = client.get(section(UseCaseIndexPage, "en").url)
    assert counts(english, "government-level")["national"][0] == "National"
    assert "Objective" in texts(english, "fieldset legend")


def test_organisations_by_kind_and_country(client):
    def organisation(title, **fields):
        published(OrganisationPage, {"title": title, "slug": title.lower(), **fields})

    organisation("Schaan", kind="administration", country="LI")
    organisation("Canillo", kind="company", country="AD")
    organisation("Encamp", kind="administration", country="AD")
    url = section(OrganisationIndexPage).url
    assert listed(client.get(url, {"organisation-kind": "administration", "country": ["AD", "LI"]})) == [
        "Encamp",
        "Schaan",
    ]
    spanish = client.get(section(OrganisationIndexPage, "es").url, {"country": "AD"})
    assert facet_names(spanish) == ["organisation-kind", "country"]
    assert counts(spanish, "organisation-kind")["company"] == ("Empresa", 1)


def test_hackathons_by_year_and_country_and_projects_on_the_search_page(client):
    impact = term(HackathonCriterion, "impact-essai", Texts("Impact", "Impact", "Impacto"))["fr"]
    draft = term(HackathonCriterion, "brouillon-essai", "Brouillon", languages=("fr",))["fr"]
    draft.live = False  # a criterion an import created, waiting for a moderator
    draft.save()
    event = published(
        HackathonPage,
        {
            "title": "Vaduz 2018",
            "slug": "vaduz-2018",
            "starts_on": datetime.date(2018, 6, 1),
            "ends_on": datetime.date(2018, 6, 2),
            "country": "LI",
        },
    )["fr"]
    published(
        HackathonPage,
        {
            "title": "Ordino 2019",
            "slug": "ordino-2019",
            "starts_on": datetime.date(2019, 6, 1),
            "ends_on": datetime.date(2019, 6, 1),
            "country": "AD",
        },
    )
    url = section(HackathonIndexPage).url
    assert listed(client.get(url, {"year": "2018", "country": ["LI", "AD"]})) == ["Vaduz 2018"]
    assert counts(client.get(url, {"country": ["LI", "AD"]}), "year") == {
        "2019": ("2019", 1),
        "2018": ("2018", 1),
    }
    # projects are children of their event: the hackathon list points at them on the search page
    assert any("kind=project" in link for link in links(client.get(url)))

    published(
        HackathonProjectPage,
        {
            "title": "Filets libres",
            "slug": "filets-libres",
            "countries": ["LI"],
            "distinction": "winner",
            "scores": [
                {"criterion": impact, "jury_score": 4},
                {"criterion": draft, "jury_score": 2},
            ],
        },
        parent=event,
    )
    # translating the project copied the criterion into each language: every copy is a draft
    HackathonCriterion.objects.filter(slug="brouillon-essai").update(live=False)
    indexing.update_pages(HackathonProjectPage.objects.filter(slug="filets-libres"))
    search = client.get("/en/search/", {"kind": "project", "country": "LI", "languages": "all"})
    assert set(card_free_titles(search)) == {"Filets libres"}  # in each language
    facets = {text_of(h) for h in select(parse(search), ".facet h3")}
    assert {"Distinction", "Jury score", "Country"} <= facets and "Category" not in facets
    scores = texts(search, ".facet a")
    assert any(score.startswith("Impact: 4/5") for score in scores)
    assert not any("Brouillon" in score for score in scores), scores  # a draft criterion is no facet
    assert any(score.startswith("Winner") for score in scores)
    assert client.get("/en/search/", {"kind": "project", "score": "impact-essai:4"}).status_code == 200


def card_free_titles(response):
    return texts(response, ".result__title a")


def test_tools_by_topic_interface_language_kind_and_open_source(client):
    from snippets.models import Licence

    libre = term(Licence, "libre-essai", "Libre d'essai", is_open_source=True)["fr"]
    closed = term(Licence, "fermee-essai", "Fermée d'essai", is_open_source=False)["fr"]

    def tool(title, **fields):
        published(ToolPage, {"title": title, "slug": title.lower(), "countries": ["LI"], **fields})

    tool("Rhin", licence=libre, interface_languages=["de", "fr"], kind="software")
    tool("Malbun", licence=closed, interface_languages=["de"], kind="online_service")
    url = section(ToolIndexPage).url
    assert listed(client.get(url, {"country": "LI", "open-source": "open"})) == ["Rhin"]
    assert listed(client.get(url, {"country": "LI", "licence": "fermee-essai"})) == ["Malbun"]
    assert listed(client.get(url, {"country": "LI", "interface-language": "de"})) == ["Malbun", "Rhin"]
    assert listed(client.get(url, {"country": "LI", "tool-kind": "online_service"})) == ["Malbun"]
    spanish = client.get(section(ToolIndexPage, "es").url, {"country": "LI"})
    assert counts(spanish, "interface-language")["de"] == ("Alemán", 2)
    assert counts(spanish, "open-source")["open"][1] == 1


def test_drafts_and_private_entries_are_never_listed_nor_counted(client):
    tool = published(ToolPage, {"title": "Gamprin", "slug": "gamprin", "countries": ["LI"]})["fr"]
    url = section(ToolIndexPage).url
    assert counts(client.get(url), "country")["LI"][1] == 1
    PageViewRestriction.objects.create(page=tool, restriction_type="login")
    response = client.get(url)
    assert "LI" not in counts(response, "country") and "Gamprin" not in listed(response)
    tool.unpublish()
    assert "Gamprin" not in listed(client.get(url, {"country": "LI"}))


def test_bad_filters_are_explained_and_the_rest_still_applies(client):
    use_cases()
    response = client.get(
        section(UseCaseIndexPage).url,
        {"country": ["fr", "AD"], "period": "lately", "category": "portail", "sort": "bogus", "page": "x"},
    )
    assert response.status_code == 200
    errors = texts(response, '[role="alert"] li')
    assert any("country=fr" in error for error in errors)
    assert any("period=lately" in error for error in errors)
    assert any("category" in error and "ne s'applique pas" in error for error in errors)
    assert listed(response) == ["Ordino"]


def test_chosen_filters_can_be_removed_one_by_one_or_all_at_once(client):
    use_cases()
    url = section(UseCaseIndexPage).url
    response = client.get(url, {"country": ["AD", "SM"], "topic": "peche-essai", "sort": "newest"})
    chips = select(parse(response), ".listing-selection .chip")
    assert len(chips) == 3
    removed = next(chip["href"] for chip in chips if "Andorre" in text_of(chip))
    assert "country=AD" not in removed and "country=SM" in removed and "sort=newest" in removed
    assert listed(client.get(removed)) == []  # San Marino and the fishing topic: nobody
    clear = select(parse(response), ".listing-selection__clear")[0]["href"]
    assert clear == f"{url}?sort=newest"
    assert "Filtres (actifs : 3)" in text_of(select(parse(response), ".filters-fold summary")[0])
    assert card_titles(response) == ["Ordino"]
