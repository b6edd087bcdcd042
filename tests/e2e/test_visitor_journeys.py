"""What a visitor does on the public site, in Chromium."""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, new_page


def test_a_visitor_searches_in_french_filters_opens_a_tool_and_switches_to_spanish(visitor):
    page = visitor
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/fr/$"))  # the browser speaks French

    box = page.get_by_role("combobox", name="Chercher parmi les outils, cas d’usage et organisations")
    box.fill("données ouvertes")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/fr/search/\?q="))
    results = page.locator(".result")
    expect(results.first).to_be_visible()
    everything = results.count()

    # keep only the open data portals
    page.locator(".facets").get_by_role("link", name=re.compile("Portail de données ouvertes")).click()
    expect(page).to_have_url(re.compile(r"category=open-data-portal"))
    expect(results.first).to_be_visible()
    assert results.count() < everything
    for kind in page.locator(".result .badge").all_inner_texts():
        assert kind == "Outil"

    page.locator(".result__title a", has_text="data.gouv.fr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("data.gouv.fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("table").first).to_contain_text("Critère")

    page.get_by_role("navigation", name="Langues").get_by_role("link", name="Español").click()
    expect(page).to_have_url(re.compile(r"/es/herramientas/data-gouv-fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("data.gouv.fr")
    expect(page.get_by_role("heading", name="Criterios técnicos")).to_be_visible()


def test_a_visitor_filters_and_sorts_the_tool_directory(visitor):
    page = visitor
    page.goto("/fr/outils/")
    cards = page.locator(".card--tool")
    everything = cards.count()
    assert everything > 4

    argentina = page.locator("fieldset[data-facet=country] label", has_text="Argentine").locator("input")
    argentina.check()
    page.get_by_label("Trier par").select_option("updated")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"country=AR"))
    expect(cards.first).to_be_visible()
    assert 0 < cards.count() < everything
    for countries in page.locator(".card--tool .card__countries").all_inner_texts():
        assert "Argentine" in countries
    # the choice stays visible: ticked, and as a removable chip
    expect(argentina).to_be_checked()
    expect(page.locator(".listing-selection .chip")).to_contain_text("Argentine")

    page.get_by_role("link", name="Effacer les filtres").click()
    expect(cards).to_have_count(everything)


def test_a_visitor_compares_three_tools_and_shares_the_link(browser, site, visitor):
    page = visitor
    page.goto("/fr/outils/")
    names = page.locator(".card--tool .card__title a").all_inner_texts()[:3]
    for name in names:
        page.locator(".card--tool", has_text=name).get_by_role("checkbox").check()
    expect(page.locator(".compare-bar__hint")).to_have_text("3 sur 4 sélectionnés")
    # a fourth may be ticked, not a fifth
    boxes = page.locator(".card--tool input[name=tool]")
    boxes.nth(3).check()
    expect(boxes.nth(4)).to_be_disabled()
    boxes.nth(3).uncheck()
    expect(boxes.nth(4)).to_be_enabled()
    page.get_by_role("button", name="Comparer les outils choisis").click()

    expect(page).to_have_url(re.compile(r"/fr/compare/\?tool=\d+&tool=\d+&tool=\d+$"))
    table = page.get_by_role("table")
    headers = table.locator("thead th").all_inner_texts()
    for name in names:
        assert any(name in header for header in headers)
    expect(table.locator("tbody tr", has_text="Licence")).to_be_visible()
    differing = table.locator("tr.comparison__differs")
    assert differing.count() >= 1
    expect(differing.first.get_by_text("Diffère")).to_be_visible()

    # the address is the comparison: opened elsewhere, in Spanish, it shows the same tools
    shared = page.url
    other = new_page(browser, site, locale="es-ES")
    other.goto(shared.replace("/fr/", "/es/"))
    expect(other.locator("html")).to_have_attribute("lang", "es")
    expect(other.get_by_role("heading", level=1)).to_have_text("Comparar herramientas")
    expect(other.get_by_role("table").locator("thead th")).to_have_count(3)
    other.context.close()

    page.get_by_role("link", name="N’afficher que les différences").click()
    rows = page.locator("table tbody tr:not(.comparison__group)")
    assert rows.count() == differing.count()


def test_a_visitor_reads_a_hackathon_project_scorecard(visitor):
    page = visitor
    page.goto("/fr/")
    page.get_by_role("navigation", name="Rubriques").get_by_role("link", name="Hackathons").click()
    page.locator(".card__title a").first.click()
    ranking = page.get_by_role("table", name=re.compile("Projets classés"))
    expect(ranking).to_be_visible()
    first = ranking.locator("tbody tr").first
    expect(first.locator("td").first).to_have_text("1")
    winner = first.get_by_role("link").inner_text()

    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(winner)
    scorecard = page.locator("table.scorecard")
    expect(scorecard).to_be_visible()
    for header in ("Critère", "Auto-évaluation", "Note du jury"):
        expect(scorecard.locator("thead")).to_contain_text(header)
    for criterion in (
        "Contribution",
        "Internationalisation",
        "Co-construction",
        "Documentation",
        "Projection",
    ):
        expect(scorecard.locator("tbody th", has_text=criterion)).to_be_visible()
    expect(page.locator(".scorecard__distinction")).to_be_visible()
    # each bar is drawn to scale, by the stylesheet (the site's CSP refuses style="…" attributes)
    bar = scorecard.locator("td.score", has=page.locator(".score-bar")).first
    score = int(bar.inner_text().split("/")[0])
    drawn = bar.locator(".score-bar span").evaluate(
        "fill => fill.getBoundingClientRect().width / fill.parentElement.getBoundingClientRect().width"
    )
    assert abs(drawn - score / 5) < 0.02, (drawn, score)


def test_the_site_reads_without_javascript(browser, site):
    page = new_page(browser, site, javascript=False)
    page.goto("/fr/outils/?status=active")
    expect(page.locator(".card--tool").first).to_be_visible()
    boxes = page.locator(".card--tool input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Comparer les outils choisis").click()
    expect(page.get_by_role("table").locator("thead th")).to_have_count(2)
    page.context.close()


@pytest.mark.slow  # opens every public page of the site in three languages
def test_a_phone_sees_no_sideways_scrolling(browser, site):
    """Every kind of page (derived from the page registry: tests/e2e/page_kinds.py) fits 360 px."""
    paths = json.loads(site.python("from tests.e2e.page_kinds import as_json; as_json()"))
    assert "/api/" in paths and any("/hackatones/" in path for path in paths)
    page = new_page(browser, site, viewport=PHONE)
    too_wide = {}
    for path in paths:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    page.context.close()
    assert not too_wide, f"wider than a {PHONE['width']}px screen ({len(paths)} pages measured): {too_wide}"


def test_the_keyboard_reaches_the_content_with_a_visible_focus(visitor):
    page = visitor
    page.goto("/fr/outils/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    # the next Tab lands inside the content, not back in the header
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('main') !== null")
    assert inside

    # tabbing down the cards, the focused element is never hidden behind the sticky comparison bar
    page.locator(".card--tool input[name=tool]").nth(4).focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.compare-bar') !== null"):
            break
        focused = page.evaluate("document.activeElement.getBoundingClientRect().bottom")
        bar = page.locator(".compare-bar").evaluate("bar => bar.getBoundingClientRect().top")
        assert focused <= bar + 1


def test_an_unknown_address_answers_404_in_the_visitors_language(browser, site):
    page = new_page(browser, site, locale="es-ES")
    response = page.goto("/es/no-existe/")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Página no encontrada")
    page.context.close()


def test_static_files_have_hashed_names_and_are_cached_for_long(visitor):
    """The production settings: WhiteNoise serves compressed files under content-hashed names."""
    page = visitor
    page.goto("/fr/")
    stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert re.fullmatch(r"/static/cms/toolbox\.[0-9a-f]{12}\.css", stylesheet), stylesheet
    response = page.request.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert response.ok
    assert "max-age=315360000" in response.headers["cache-control"]
    assert response.headers.get("content-encoding") == "gzip"
    assert ".site-header" in response.text()
    # the stylesheet really applies: the header is dark, the body text near-black on white
    header = page.locator(".site-header").evaluate("element => getComputedStyle(element).backgroundColor")
    assert header == "rgb(27, 31, 36)"
