"""The map and the figures page in Chromium: a country reached and followed with the keyboard, the
charts at phone and desktop widths in the three languages, checked by axe-core, with screenshots."""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import AXE, DESKTOP, PHONE, new_page, screenshot
from .test_accessibility import axe_violations

LANGUAGES = {"fr": "fr-FR", "en": "en-GB", "es": "es-ES"}


def test_a_keyboard_user_reaches_a_country_and_opens_its_use_cases(browser, site, artifacts):
    page = new_page(browser, site)
    page.goto("/fr/map/?count=use-case")
    choices = page.get_by_role("navigation", name="Ce que compte la carte")
    expect(choices.get_by_role("link", name="Cas d'usage")).to_have_attribute("aria-current", "page")
    choices.get_by_role("link").last.focus()
    page.keyboard.press("Tab")  # the next stop after the choices is the first country on the map
    focused = page.evaluate(
        "() => ({inMap: !!document.activeElement.closest('.atlas-map__svg'),"
        " label: document.activeElement.getAttribute('aria-label'),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused["inMap"], focused
    assert re.fullmatch(r".+ : \d+ cas d'usage", focused["label"]), focused
    code = focused["href"].rsplit("=", 1)[1]
    # the table below says the same
    number = re.search(r"(\d+) cas", focused["label"]).group(1)
    expect(page.locator(f'tr[data-country="{code}"] td.number')).to_have_text(number)
    screenshot(page, "atlas-map-keyboard-focus")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/fr/cas-d-usage/\?country={code}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cas d'usage")
    page.context.close()


def test_a_visitor_switches_the_map_to_organisations_and_reads_the_table(browser, site):
    page = new_page(browser, site, locale="en-GB")
    page.goto("/en/map/")
    page.get_by_role("navigation", name="What the map counts").get_by_role(
        "link", name="Organisations"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/map/\?count=organisation$"))
    rows = page.locator(".atlas-table tbody tr")
    expect(rows.first).to_be_visible()
    first = rows.first.get_by_role("link")
    expect(first).to_have_attribute("aria-label", re.compile(r".+: \d+ organisations?$"))
    first.click()
    expect(page).to_have_url(re.compile(r"/en/organisations/\?country=[A-Z]{2}$"))
    page.context.close()


def _no_sideways_scroll(page):
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, view: window.innerWidth,"
        " svg: Math.max(...[...document.querySelectorAll('figure svg')]"
        ".map(s => s.getBoundingClientRect().right))})"
    )
    assert widths["page"] <= widths["view"], widths
    assert widths["svg"] <= widths["view"], widths


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("which", ["map", "figures"])
def test_the_map_and_the_figures_fit_the_screen_and_pass_axe(
    browser, site, artifacts, which, language, width
):
    page = new_page(
        browser, site, locale=LANGUAGES[language], viewport=PHONE if width == "phone" else DESKTOP
    )
    response = page.goto(f"/{language}/{which}/")
    assert response.status == 200
    expect(page.locator("figure svg").first).to_be_visible()
    if which == "figures":
        expect(page.locator(".bar-chart__link").first).to_be_visible()
        expect(page.locator("#growth table")).to_be_visible()
    _no_sideways_scroll(page)
    screenshot(page, f"atlas-{which}-{language}-{width}")
    if AXE.exists():
        problems = axe_violations(page)
        assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)
    page.context.close()


def test_a_bar_of_the_figures_leads_to_the_filtered_listing(browser, site):
    page = new_page(browser, site, locale="es-ES")
    page.goto("/es/figures/")
    bar = page.locator("#tools-category .bar-chart__link").first
    number = int(bar.locator(".bar-chart__value").inner_text())
    bar.click()
    expect(page).to_have_url(re.compile(r"/es/herramientas/\?category=[a-z0-9-]+$"))
    expect(page.locator(".card--tool")).to_have_count(number)
    page.context.close()
