"""Polish a visitor notices: the site's icons, dates and agreement in each language, logos in one
place on every card, a tool's screenshot gallery, tables in their own scrolling region."""

import datetime
import io
import json
import re

import polib
import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation
from PIL import Image

from cms import icons
from core.content import Texts
from core.periods import elide, period
from pages import registry
from pages.changes_views import CHANGED, PUBLISHED, change_description
from pages.hackathons import HackathonPage, HackathonProjectPage
from pages.use_cases import UseCasePage
from tests.factories import OrganisationPageFactory, live_tool, published
from tests.helpers.html import attributes, one, parse, select, text_of

LANGUAGES = ("fr", "en", "es")
pytestmark = pytest.mark.django_db


# ---- icons -----------------------------------------------------------------------------------


def test_every_browser_gets_a_favicon_cached_for_long(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=2592000" in response["Cache-Control"] and "public" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])


def test_a_favicon_cannot_be_posted_to(client):
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_pages_name_their_icons_and_their_manifest(client, language_code):
    document = parse(client.get(f"/{language_code}/"))
    assert attributes(document, "link[rel=icon]", "href")[0] == "/favicon.ico"
    svg = one(document, "link[rel=icon][type='image/svg+xml']")["href"]
    touch = one(document, "link[rel=apple-touch-icon]")["href"]
    for href in (svg, touch):
        assert client.get(href).status_code == 200 or finders.find(href.removeprefix(settings.STATIC_URL))
    manifest_href = one(document, "link[rel=manifest]")["href"]
    assert manifest_href == f"/{language_code}/site.webmanifest"

    response = client.get(manifest_href)
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["lang"] == language_code and manifest["start_url"] == f"/{language_code}/"
    with translation.override(language_code):
        assert manifest["description"] == translation.gettext(
            "A collaborative catalogue of the digital tools of open government."
        )
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL)), icon["src"]


def test_the_committed_icons_are_those_the_script_draws(tmp_path):
    icons.write(tmp_path)
    for drawn in tmp_path.iterdir():
        committed = icons.FOLDER / drawn.name
        assert committed.exists(), f"{drawn.name} is drawn but not committed"
        if drawn.suffix == ".svg":
            assert drawn.read_text() == committed.read_text()
        else:
            assert Image.open(drawn).size == Image.open(committed).size
    assert Image.open(icons.FOLDER / "icon-512.png").size == (512, 512)
    assert Image.open(icons.FOLDER / "apple-touch-icon.png").size == (180, 180)


# ---- dates and grammar -------------------------------------------------------------------------


@pytest.fixture
def use_case_of_2016():
    return published(
        UseCasePage,
        {
            "title": Texts("Budget ouvert", "Open budget", "Presupuesto abierto"),
            "slug": Texts("budget-ouvert-essai", "open-budget-trial", "presupuesto-abierto-prueba"),
            "summary": Texts("Un cas.", "A case.", "Un caso."),
            "objectives": Texts("<p>Objectif.</p>", "<p>Objective.</p>", "<p>Objetivo.</p>"),
            "started_on": datetime.date(2016, 4, 1),
            "ended_on": datetime.date(2016, 12, 31),
        },
    )


PERIODS = {
    "fr": "d’avril 2016 à décembre 2016",
    "en": "April 2016 to December 2016",
    "es": "de abril de 2016 a diciembre de 2016",
}


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_a_use_cases_period_reads_as_each_language_writes_it(client, use_case_of_2016, language_code):
    document = parse(client.get(use_case_of_2016[language_code].url))
    assert PERIODS[language_code] in text_of(document)
    assert "de avril" not in text_of(document)


def test_french_elides_de_before_a_vowel_only():
    with translation.override("fr"):
        assert period(datetime.date(2016, 8, 1), datetime.date(2016, 10, 1), months=True) == (
            "d’août 2016 à octobre 2016"
        )
        assert period(datetime.date(2016, 5, 1), datetime.date(2016, 6, 1), months=True) == (
            "de mai 2016 à juin 2016"
        )
        assert period(datetime.date(2016, 4, 1), months=True) == "Depuis avril 2016"
    assert elide("de avril", "es") == "de avril"


def test_day_ranges_use_each_languages_date_format():
    start, end = datetime.date(2017, 3, 1), datetime.date(2017, 3, 2)
    expected = {
        "fr": "du 1 mars 2017 au 2 mars 2017",
        "en": "March 1, 2017 to March 2, 2017",
        "es": "del 1 de marzo de 2017 al 2 de marzo de 2017",
    }
    for language_code, text in expected.items():
        with translation.override(language_code):
            assert period(start, end) == text
            assert period(start, start) == period(start)


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        ("fr", "Collection publiée par Ana."),
        ("es", "Colección publicada por Ana."),
        ("en", "Collection published by Ana."),
    ],
)
def test_a_new_collection_in_the_feed_agrees_in_gender(language_code, expected):
    with translation.override(language_code):
        assert change_description("collection", True, "Ana") == expected


def test_every_page_type_has_its_own_feed_sentences():
    for page_type in registry.page_types():
        assert page_type.key in PUBLISHED and page_type.key in CHANGED, page_type.key
    with translation.override("fr"):
        assert change_description("organisation", False, "Ana") == "Organisation modifiée par Ana."
        assert change_description("tool", True, "Ana") == "Outil publié par Ana."


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [("fr", "Voir le classement du hackathon"), ("es", "Ver la clasificación del hackatón")],
)
def test_a_project_links_to_the_ranking_of_the_hackathon(client, language_code, expected):
    pages = published(
        HackathonPage,
        {
            "title": Texts("Marathon d’essai", "Trial marathon", "Maratón de prueba"),
            "slug": Texts("marathon-polish", "polish-marathon", "maraton-polish"),
            "starts_on": datetime.date(2017, 3, 1),
            "ends_on": datetime.date(2017, 3, 2),
        },
    )
    projects = published(
        HackathonProjectPage,
        {"title": "Projet X", "slug": "projet-x", "summary": "Texte."},
        parent=pages["fr"],
    )
    assert expected in text_of(parse(client.get(projects[language_code].url)))


# Spanish writes hackatón, hackatones; not hackathon(s) nor hackaton. Addresses and slugs aside.
HACKATHON_SPELLINGS = re.compile(r"\bhackathons?\b|\bhackaton\b", re.IGNORECASE)


def test_the_spanish_catalogue_spells_hackaton_one_way():
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    wrong = [
        entry.msgstr
        for entry in catalogue
        if not entry.obsolete and HACKATHON_SPELLINGS.search(re.sub(r"\S*[/_-]\S*", " ", entry.msgstr))
    ]
    assert not wrong


@pytest.mark.slow  # renders every Spanish demo page
def test_the_spanish_demo_pages_spell_hackaton_one_way(client):
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(locale__language_code="es").specific()
    assert pages.count() > 10  # the demo catalogue is loaded
    wrong = {}
    for page in pages:
        if not registry.type_of(page):
            continue
        main = one(parse(client.get(page.url)), "main")
        words = HACKATHON_SPELLINGS.findall(re.sub(r"\S*[/_-]\S*", " ", text_of(main)))
        if words:
            wrong[page.url] = words
    assert not wrong


# ---- cards and gallery --------------------------------------------------------------------------


def test_every_tool_and_organisation_card_has_its_logo_in_the_same_place(client):
    live_tool("Avec logo", logo=wagtail_factories.ImageFactory(title="Un logo"))
    live_tool("Sans logo")
    document = parse(client.get("/fr/outils/"))
    cards = {text_of(one(card, ".card__title")): card for card in select(document, ".card--tool")}
    with_logo, without = cards["Avec logo"], cards["Sans logo"]
    assert one(with_logo, ".card__head > img.card__logo")["alt"] == ""
    placeholder = one(without, ".card__head > .card__logo--none")
    assert placeholder["aria-hidden"] == "true" and text_of(placeholder) == "S"

    organisation = OrganisationPageFactory(title="Zeta ONG")
    organisation.save_revision().publish()
    document = parse(client.get("/fr/organisations/"))
    card = next(card for card in select(document, ".card") if "Zeta ONG" in text_of(card))
    assert text_of(one(card, ".card__head > .card__logo--none")) == "Z"


def test_cards_of_types_without_logos_keep_no_placeholder(client, use_case_of_2016):
    document = parse(client.get("/fr/cas-d-usage/"))
    card = next(card for card in select(document, ".card") if "Budget ouvert" in text_of(card))
    assert not select(card, ".card__logo")


def test_a_tool_page_shows_its_screenshots_as_a_gallery(client):
    page = live_tool("Galerie")
    first = wagtail_factories.ImageFactory(title="Accueil", width=1800, height=1000)
    second = wagtail_factories.ImageFactory(title="Carte", width=800, height=600)
    page.screenshots.create(image=first, caption="La page d’accueil", locale=page.locale)
    page.screenshots.create(image=second, caption="", locale=page.locale)
    page.save_revision().publish()

    document = parse(client.get(page.url))
    gallery = one(document, "section[aria-labelledby=screenshots] ul.gallery")
    figures = select(gallery, "li > figure")
    assert len(figures) == 2
    captioned, plain = figures
    assert text_of(one(captioned, "figcaption")) == "La page d’accueil"
    assert one(captioned, "a img")["alt"] == ""  # the caption describes it
    assert one(plain, "a img")["alt"] == "Carte"
    assert "Capture 1 sur 2 : l’ouvrir en grand" in text_of(one(captioned, "a"))
    for figure in figures:
        thumbnail = one(figure, "a img")
        assert int(thumbnail["width"]) <= 480
        large = one(figure, "a")["href"]
        assert large != thumbnail["src"] and ".max-1600x1200." in large
    assert not select(document, "script:not([src])")


def test_a_tool_without_screenshots_has_no_gallery(client):
    page = live_tool("Sans capture")
    assert not select(parse(client.get(page.url)), ".gallery")


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_a_hackathons_ranking_scrolls_in_its_own_region(client, language_code):
    pages = published(
        HackathonPage,
        {
            "title": Texts("Marathon classé", "Ranked marathon", "Maratón clasificado"),
            "slug": Texts("marathon-classe", "ranked-marathon", "maraton-clasificado"),
            "starts_on": datetime.date(2017, 3, 1),
            "ends_on": datetime.date(2017, 3, 2),
        },
    )
    published(HackathonProjectPage, {"title": "Projet Y", "slug": "projet-y"}, parent=pages["fr"])
    document = parse(client.get(pages[language_code].url))
    region = one(document, "#projects ~ .table-scroll, section[aria-labelledby=projects] .table-scroll")
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert one(document, f"#{region['aria-labelledby']}").name == "caption"
    assert select(region, "table")


def test_the_print_stylesheet_is_linked_for_print_only(client):
    page = live_tool("Imprimable")
    document = parse(client.get(page.url))
    (link,) = [link for link in select(document, "link[rel=stylesheet]") if "print" in link["href"]]
    assert link["media"] == "print"
