"""Every page type renders in French, English and Spanish, and shows what it holds and what cites it.

The pages are built here (tests/factories.py); tests/demo checks that the demo catalogue renders."""

import datetime

import pytest

from core.content import Texts
from pages.collections import CollectionPage
from pages.hackathons import HackathonPage, HackathonProjectPage
from pages.organisations import OrganisationPage
from pages.tools import ToolOrganisation
from tests.factories import (
    PAGE_TYPES,
    OrganisationPageFactory,
    ToolPageFactory,
    linked_catalogue,
    page_of_type,
    published,
    term,
)
from tests.helpers.html import attributes, links, one, parse, select, text_of, texts

# One interface string per language, from the header every page shares.
SKIP_LINK = {"fr": "Aller au contenu", "en": "Skip to content", "es": "Ir al contenido"}
LANGUAGES = list(SKIP_LINK)
pytestmark = pytest.mark.django_db


def assert_interface_language(document, language_code):
    assert one(document, "html")["lang"] == language_code
    body = text_of(document)
    assert SKIP_LINK[language_code] in body
    for other, phrase in SKIP_LINK.items():
        if other != language_code:
            assert phrase not in body, f"{other} interface text on a {language_code} page"


@pytest.mark.parametrize("language_code", LANGUAGES)
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_renders_in_every_language(client, model, language_code):
    page = page_of_type(model, language_code)
    assert page.url.startswith(f"/{language_code}/")

    response = client.get(page.url)

    assert response.status_code == 200
    assert response.context["page"].specific == page
    document = parse(response)
    assert_interface_language(document, language_code)
    assert page.title in text_of(one(document, "main h1"))


def test_the_tool_page_shows_every_field_in_the_visitors_language(client):
    tool = linked_catalogue()["tool"]["es"]
    document = parse(client.get(tool.url))
    body = text_of(document)

    assert "Software" in body  # kind
    assert "Activo" in body  # status
    assert "Quintilix convierte la regla en código." in body  # description
    assert any(src.startswith("/media/images/") for src in attributes(document, "main img", "src"))  # logo
    assert {"https://quintilix.example.org/", "https://code.example.org/quintilix"} <= set(links(document))
    assert "LicenseRef-Quintil" in body and "Código abierto" in body  # licence and open-source flag
    assert "Simulación de prueba" in body  # category, translated term
    assert "Fiscalidad de prueba" in body  # topic, translated term
    assert "Francia" in body and "Senegal" in body and "Túnez" in body  # countries in Spanish
    assert "Francés" in body and "Inglés" in body  # interface languages in Spanish
    organisations = [
        text_of(item)
        for item in select(document, "li")
        if item.find("a", href="/es/organizaciones/atelier-quintil/")
    ]
    assert organisations == ["Atelier Quintil — Contribuye"]  # organisation and role
    criteria = {
        row.th.get_text(strip=True): text_of(row)
        for row in select(document, "section[aria-labelledby=criteria] tbody tr")
    }
    assert criteria["Alojamiento"] == "Alojamiento Sí Paquete Python"  # technical criteria
    assert criteria["API de prueba"] == "API de prueba Sí API web"
    # and the other way round: who cites the tool
    cards = texts(document, ".card__title")
    assert "Calcular sus derechos" in cards  # use case
    assert "Selección de prueba" in cards  # collection
    assert "Quintilix en Senegal" in cards  # hackathon project


def test_the_use_case_page_is_laid_out_by_its_three_facets(client):
    use_case = linked_catalogue()["use_case"]["en"]
    document = parse(client.get(use_case.url))
    body = text_of(document)
    facets = body.index("Objectives"), body.index("Users"), body.index("Services provided")
    assert facets == tuple(sorted(facets))
    assert "Trial objective." in body and "Trial users." in body and "Trial services." in body
    assert "Trial audience" in body  # audience term
    assert "The calculator." in body  # tool role note
    assert "/en/tools/quintilix/" in links(document)
    organisation = one(document, 'li:has(> a[href="/en/organisations/atelier-quintil/"])')
    assert text_of(organisation) == "Atelier Quintil — Led it"
    assert "April 2016 to December 2016" in body
    assert "National" in body and "France" in body
    assert "A trial narrative of the uses." in body


def test_the_organisation_page_lists_what_points_to_it(client):
    built = linked_catalogue()
    document = parse(client.get(built["organisation"]["fr"].url))
    cards = texts(document, ".card__title")
    assert "Quintilix" in cards  # tool
    assert "Calculer ses droits" in cards  # use case
    assert "Marathon d'essai" in cards  # hackathon organised
    assert "Quintilix au Sénégal" in cards  # project
    body = text_of(document)
    assert "Administration publique" in body and "France" in body


def test_the_collection_page_lists_its_tools_in_order_with_notes(client):
    tools = [ToolPageFactory(title=title) for title in ("Zénith", "Alcyon", "Mistral", "Boréal")]
    collection = published(
        CollectionPage,
        {
            "title": "Quatre outils",
            "slug": "quatre-outils",
            "items": [{"tool": tool, "note": f"Pourquoi {tool.title}."} for tool in tools],
        },
        languages=("fr",),
    )["fr"]
    document = parse(client.get(collection.url))
    assert texts(document, ".card__title") == ["Zénith", "Alcyon", "Mistral", "Boréal"]  # not by name
    assert texts(document, ".card__note") == [f"Pourquoi {tool.title}." for tool in tools]


def event_with_projects():
    """An event with three criteria, organised by one organisation, and three winning projects whose
    jury totals (12, 14, 9) rank them in another order than their titles or their creation."""
    from snippets.models import HackathonCriterion

    organiser = published(OrganisationPage, {"title": "Organisateur Véga", "slug": "vega", "kind": "company"})
    other = published(OrganisationPage, {"title": "Organisateur Deneb", "slug": "deneb", "kind": "company"})
    criteria = [
        term(HackathonCriterion, slug, Texts(fr, en, es), position=position)["fr"]
        for position, (slug, fr, en, es) in enumerate(
            [
                ("critere-c", "Clarté", "Clarity", "Claridad"),
                ("critere-a", "Audace", "Boldness", "Audacia"),
                ("critere-b", "Beauté", "Beauty", "Belleza"),
            ]
        )
    ]
    languages = ("fr", "en")
    published(
        HackathonPage,
        {
            "title": "Autre marathon",
            "slug": "autre-marathon",
            "starts_on": datetime.date(2016, 9, 21),
            "ends_on": datetime.date(2016, 9, 21),
            "organisers": [{"organisation": other["fr"]}],
        },
        languages=languages,
    )
    event = published(
        HackathonPage,
        {
            "title": Texts("Marathon de décembre", "December marathon", "Maratón de diciembre"),
            "slug": Texts("marathon-decembre", "december-marathon", "maraton-diciembre"),
            "starts_on": datetime.date(2016, 12, 7),
            "ends_on": datetime.date(2016, 12, 9),
            "organisers": [{"organisation": organiser["fr"]}],
            "criteria": [{"criterion": criterion} for criterion in criteria],
        },
        languages=languages,
    )
    for title, marks in (
        ("Projet Alpha", (4, 4, 4)),
        ("Projet Bêta", (5, 5, 4)),
        ("Projet Gamma", (3, 3, 3)),
    ):
        published(
            HackathonProjectPage,
            {
                "title": Texts(title, title.replace("ê", "e") + " (en)", title),
                "slug": title.lower().replace(" ", "-").replace("ê", "e"),
                "distinction": "winner",
                "scores": [
                    {"criterion": criterion, "jury_score": mark}
                    for criterion, mark in zip(criteria, marks, strict=True)
                ],
            },
            parent=event["fr"],
            languages=languages,
        )
    return event


def test_the_hackathon_page_lists_criteria_and_ranks_projects(client):
    event = event_with_projects()["en"]
    document = parse(client.get(event.url))
    body = text_of(document)
    criteria = [body.index(name) for name in ("Clarity", "Boldness", "Beauty")]  # by position, not name
    assert criteria == sorted(criteria)
    # all three are winners; the jury total decides: 14 (Bêta), 12 (Alpha), 9 (Gamma)
    assert texts(document, "section[aria-labelledby=projects] tbody tr") == [
        "1 Projet Beta (en) Winner 14",
        "2 Projet Alpha (en) Winner 12",
        "3 Projet Gamma (en) Winner 9",
    ]
    assert "Dec. 7, 2016 to Dec. 9, 2016" in body  # English dates in its one format (DATE_FORMAT)
    hrefs = links(document)
    assert "/en/organisations/vega/" in hrefs
    assert "/en/organisations/deneb/" not in hrefs  # not an organiser of this one


def test_the_project_page_shows_its_scorecard(client):
    built = linked_catalogue()
    project = built["project"]["es"]
    document = parse(client.get(project.url))
    scorecard = one(document, "table.scorecard")
    assert "Tabla de evaluación" in text_of(document)
    rows = [text_of(row) for row in select(scorecard, "tbody tr")]
    assert rows == [f"Criterio {n} 4 / 5 5 / 5 Nota {n}." for n in (1, 2, 3)]
    assert "Ganador" in text_of(one(document, ".scorecard__distinction"))
    assert text_of(one(scorecard, "tfoot tr")) == "Puntuación total del jurado 15"
    body = text_of(document)
    assert "Un prototipo funciona." in body  # progress log
    hrefs = links(document)
    assert "https://code.example.org/quintilix-sn" in hrefs  # links
    assert "/es/organizaciones/atelier-quintil/" in hrefs  # organisation in the team
    assert built["hackathon"]["es"].url in hrefs  # the event
    assert "/es/herramientas/quintilix/" in hrefs  # the tool it reuses


def test_an_entry_not_translated_yet_is_shown_in_its_own_language_and_labelled(client):
    newcomer = OrganisationPageFactory(title="Collectif sans traduction")  # French only
    tool = linked_catalogue()["tool"]["en"]
    ToolOrganisation.objects.create(page=tool, organisation=newcomer, role="operator")

    document = parse(client.get(tool.url))
    link = one(document, f'a[href="{newcomer.url}"]')
    assert link.get_text() == "Collectif sans traduction"
    assert (link["hreflang"], link["lang"]) == ("fr", "fr")
    badge = link.find_next_sibling()
    assert badge.name == "span" and badge["class"] == ["lang-badge"] and badge.get_text() == "French"


def test_the_404_page_is_in_the_visitors_language(client):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    document = parse(response)
    assert "Página no encontrada" in text_of(document)
    assert one(document, "html")["lang"] == "es"
