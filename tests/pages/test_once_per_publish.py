"""What pages show of other pages is built once per publish, and a publish shows at once.

The menu, the language switcher, a tool's similar tools, the pages citing an entry and the page an
address leads to are kept until the next publish (pages/per_publish.py, pages/routing.py); these
tests render pages first, so that all of it is kept, then publish and read again. With the
whole-answer cache off (``uncached``): this is about the parts, not the whole page.
"""

import pytest
from wagtail.models import PageViewRestriction

from pages.tools import ToolIndexPage, ToolOrganisation
from tests.factories import OrganisationPageFactory, category, live_tool, locale, tool
from tests.helpers.html import parse, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def texts(response, selector):
    return [text_of(element) for element in parse(response).select(selector)]


def switcher_link(response, language_code):
    return parse(response).select_one(f'.language-switcher a[hreflang="{language_code}"]')["href"]


def published_tool(title, categories=()):
    page = tool(title, summary="Texte.")
    page.categories.set(categories)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_renamed_section_shows_at_once_in_the_menu_of_every_page(client):
    solver = live_tool("Solveur d'essai")
    for url in ("/fr/", solver.url):
        assert "Outils" in texts(client.get(url), ".site-nav a")
    tools = ToolIndexPage.objects.get(locale__language_code="fr")
    tools.title = "Logiciels"
    tools.save_revision().publish()
    for url in ("/fr/", solver.url):
        menu = texts(client.get(url), ".site-nav a")
        assert "Logiciels" in menu and "Outils" not in menu, url


def test_a_draft_title_stays_out_of_the_menu_until_published(client):
    assert "Outils" in texts(client.get("/fr/"), ".site-nav a")
    tools = ToolIndexPage.objects.get(locale__language_code="fr")
    tools.title = "Logiciels"
    tools.save_revision()  # a draft, not published
    assert "Logiciels" not in texts(client.get("/fr/"), ".site-nav a")


def test_a_new_translation_appears_at_once_in_the_language_switcher(client):
    solver = live_tool("Solveur d'essai")
    assert switcher_link(client.get(solver.url), "en") == "/en/"  # not translated: the English home
    english = solver.copy_for_translation(locale("en"))
    english.title = "Trial solver"
    english.save_revision().publish()
    english.refresh_from_db()
    assert switcher_link(client.get(solver.url), "en") == english.url
    assert english.url != "/en/"


def test_a_tool_that_gains_a_category_in_common_appears_at_once_among_similar_tools(client):
    portal = category()
    alpha = published_tool("Alpha d'essai", categories=[portal])
    beta = published_tool("Bêta d'essai")
    assert "Bêta d'essai" not in text_of(client.get(alpha.url))
    beta.categories.set([portal])
    beta.save_revision().publish()
    similar = texts(client.get(alpha.url), ".related-tools__card")
    assert any("Bêta d'essai" in card for card in similar), similar


def test_an_unpublished_or_moved_page_is_no_longer_found_at_its_old_address(client):
    solver = live_tool("Solveur d'essai")
    old_url = solver.url
    assert client.get(old_url).status_code == 200
    solver.slug = "solveur-renomme"
    solver.save_revision().publish()
    solver.refresh_from_db()
    assert client.get(solver.url).status_code == 200
    assert client.get(old_url).status_code == 404
    solver.unpublish()
    assert client.get(solver.url).status_code == 404


def test_a_page_made_private_leaves_the_pages_citing_it_and_asks_visitors_to_sign_in(client):
    solver = live_tool("Solveur d'essai")
    organisation = OrganisationPageFactory(title="Organisation d'essai citée")
    ToolOrganisation.objects.create(page=solver, organisation=organisation)
    solver.save_revision().publish()
    assert "Solveur d'essai" in text_of(client.get(organisation.url))
    assert client.get(solver.url).status_code == 200
    PageViewRestriction.objects.create(page=solver, restriction_type=PageViewRestriction.LOGIN)
    assert "Solveur d'essai" not in text_of(client.get(organisation.url))
    assert client.get(solver.url).status_code == 302  # to the sign-in page, not the kept route's page


def test_a_previewed_draft_is_never_kept_for_visitors(client):
    solver = live_tool("Solveur d'essai")
    client.get(solver.url)
    solver.title = "Solveur du brouillon"
    solver.organisation_links = [
        ToolOrganisation(organisation=OrganisationPageFactory(title="Organisation du brouillon"))
    ]
    revision = solver.save_revision()  # a draft: saving it starts a new generation
    preview = revision.as_object().make_preview_request()
    assert "Organisation du brouillon" in text_of(preview)  # the editor sees the draft…
    shown = text_of(client.get(solver.url))
    assert "Solveur d'essai" in shown  # …visitors, the published page
    assert "Organisation du brouillon" not in shown and "Solveur du brouillon" not in shown
