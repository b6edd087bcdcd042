"""Every page type renders in French, English and Spanish with the demo content."""

import re

import pytest
from wagtail.models import Page

from pages.collections import CollectionIndexPage, CollectionPage
from pages.hackathons import HackathonIndexPage, HackathonPage, HackathonProjectPage
from pages.home import HomePage
from pages.organisations import OrganisationIndexPage, OrganisationPage
from pages.tools import ToolIndexPage, ToolOrganisation, ToolPage
from pages.use_cases import UseCaseIndexPage, UseCasePage

PAGE_TYPES = [
    HomePage,
    ToolIndexPage,
    ToolPage,
    UseCaseIndexPage,
    UseCasePage,
    OrganisationIndexPage,
    OrganisationPage,
    CollectionIndexPage,
    CollectionPage,
    HackathonIndexPage,
    HackathonPage,
    HackathonProjectPage,
]
# One interface string per language, from the header every page shares.
SKIP_LINK = {"fr": "Aller au contenu", "en": "Skip to content", "es": "Ir al contenido"}
LANGUAGES = list(SKIP_LINK)

pytestmark = pytest.mark.django_db


def demo_page(model, language_code):
    return model.objects.live().filter(locale__language_code=language_code).order_by("path").first()


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize("language_code", LANGUAGES)
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_renders_in_every_language(client, model, language_code):
    page = demo_page(model, language_code)
    assert page is not None, f"no demo {model.__name__} in {language_code}"
    assert page.url.startswith(f"/{language_code}/")

    response = client.get(page.url)

    assert response.status_code == 200
    body = text(response)
    assert f'<html lang="{language_code}">' in body
    assert page.title.replace("'", "&#x27;") in body
    assert SKIP_LINK[language_code] in body
    for other, phrase in SKIP_LINK.items():
        if other != language_code:
            assert phrase not in body, f"{other} interface text on a {language_code} page"


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_every_demo_page_answers(client, language_code):
    pages = Page.objects.live().filter(locale__language_code=language_code, depth__gt=1)
    assert pages.count() == 47
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url


def test_the_tool_page_shows_every_field_in_the_visitors_language(client):
    openfisca = ToolPage.objects.get(slug="openfisca", locale__language_code="es")
    body = text(client.get(openfisca.url))

    assert "Software" in body  # kind
    assert "Activo" in body  # status
    assert "OpenFisca convierte la legislación en código" in body  # description
    assert 'src="/media/images/logo-' in body  # logo
    assert "https://openfisca.org/" in body and "https://github.com/openfisca" in body
    assert "AGPL-3.0-or-later" in body and "Código abierto" in body  # licence and open-source flag
    assert "Simulación y modelización" in body  # category, translated term
    assert "Impuestos y prestaciones sociales" in body  # topic, translated term
    assert "Francia" in body and "Senegal" in body and "Túnez" in body  # countries in Spanish
    assert "francés" in body and "inglés" in body  # interface languages in Spanish
    assert 'href="/es/organizaciones/etalab/">Etalab</a> — Contribuye' in body  # organisation and role
    assert "Autoalojamiento" in body and "Paquete Python" in body  # technical criteria
    # and the other way round: who cites the tool
    assert "Conocer los derechos a ayudas sociales" in body  # use case
    assert "Mes Aides para Senegal" in body  # hackathon project


def test_the_use_case_page_is_laid_out_by_its_three_facets(client):
    page = UseCasePage.objects.get(slug="toolbox-uses")
    body = text(client.get(page.url))
    facets = body.index("Objectives"), body.index("Users"), body.index("Services provided")
    assert facets == tuple(sorted(facets))
    assert "Civil-society organisations" in body  # audience term
    assert "The catalogue whose uses were being imagined." in body  # tool role note
    assert 'href="/en/tools/ogp-toolbox/"' in body
    assert 'href="/en/organisations/open-law/">Open Law</a> — Led it' in body
    assert "April 2016 to December 2016" in body
    assert "National" in body and "France" in body
    assert "A three-facet reading grid" in body and "documented uses are what let others" in body


def test_the_organisation_page_lists_what_points_to_it(client):
    etalab = OrganisationPage.objects.get(slug="etalab", locale__language_code="fr")
    body = text(client.get(etalab.url))
    for title in ("data.gouv.fr", "OpenFisca", "OGP Toolbox"):  # tools
        assert title in body
    assert "Co-construire le programme du Sommet du PGO" in body  # use case
    assert "Hackathon OGP Toolbox à New York" in body  # hackathon organised
    assert "Mes Aides pour le Sénégal" in body  # project
    assert "Administration publique" in body and "France" in body


def test_the_collection_page_lists_its_tools_in_order_with_notes(client):
    page = CollectionPage.objects.get(slug="open-contracting")
    body = text(client.get(page.url))
    order = [
        body.index(title) for title in ("ProZorro", "SECOP", "Contrataciones Abiertas", "Contracts Finder")
    ]
    assert order == sorted(order)
    assert "Every step of a purchase is public" in body


def test_the_hackathon_page_lists_criteria_and_ranks_projects(client):
    summit = HackathonPage.objects.get(slug="ogp-summit-paris-2016")
    body = text(client.get(summit.url))
    criteria = [body.index(name) for name in ("Contribution", "Internationalisation", "Co-construction")]
    assert criteria == sorted(criteria)
    # all three are winners; the jury total decides: 22 (Mes Aides), 21 (open contracting), 19
    ranking = [
        body.index(title)
        for title in ("Mes Aides for Senegal", "Open Contracting Toolbox", "Cargografías in French")
    ]
    assert ranking == sorted(ranking)
    assert "7 December 2016 to 9 December 2016" in body
    assert 'href="/en/organisations/civic-hall/"' not in body  # not an organiser of this one
    assert 'href="/en/organisations/etalab/"' in body


def test_the_project_page_shows_its_scorecard(client):
    project = HackathonProjectPage.objects.get(slug="cargografias-frances")
    body = text(client.get(project.url))
    assert "Tabla de evaluación" in body
    assert re.search(
        r"Internacionalización</th> <td class=\"score\">(<span[^>]*><span[^>]*></span></span>)?5 / 5</td> "
        r"<td class=\"score\">(<span[^>]*><span[^>]*></span></span>)?5 / 5</td> "
        r"<td>Argentina, Francia y Malasia.</td>",
        body,
    )
    assert "Ganador" in body
    assert "Puntuación total del jurado" in body and "<td>19</td>" in body
    assert "Cuatro grupos unieron código" in body
    assert "Datos adaptados al formato Popolo revisado por Sinar Project." in body  # progress log
    assert 'href="https://cargografias.org/"' in body  # links
    assert 'href="/es/organizaciones/sinar-project/"' in body  # organisation in the team
    assert 'href="/es/hackatones/cumbre-aga-paris-2016/"' in body  # the event


def test_an_entry_not_translated_yet_is_shown_in_its_own_language_and_labelled(client):
    from tests.factories import OrganisationPageFactory

    newcomer = OrganisationPageFactory(title="Collectif sans traduction")  # French only
    tool = ToolPage.objects.get(slug="secop", locale__language_code="en")
    ToolOrganisation.objects.create(page=tool, organisation=newcomer, role="operator")

    body = text(client.get(tool.url))
    assert "Collectif sans traduction" in body
    link = r'href="/fr/organisations/[^"]+" hreflang="fr" lang="fr">Collectif sans traduction</a>'
    assert re.search(link + r' <span class="lang-badge">French</span>', body)


def test_the_404_page_is_in_the_visitors_language(client):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    body = text(response)
    assert "Página no encontrada" in body
    assert '<html lang="es">' in body
