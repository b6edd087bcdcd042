"""Every section's facets in Chromium, in French, English and Spanish, at phone and desktop widths:
on phones they fold behind one "Filters" button saying how many are active; axe-core finds no serious
problem with them open or chosen."""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import AXE, DESKTOP, PHONE, new_page, screenshot
from .test_accessibility import axe_violations

SECTIONS = {
    "fr": {
        "tools": "/fr/outils/",
        "use-cases": "/fr/cas-d-usage/",
        "organisations": "/fr/organisations/",
        "hackathons": "/fr/hackathons/",
    },
    "en": {
        "tools": "/en/tools/",
        "use-cases": "/en/use-cases/",
        "organisations": "/en/organisations/",
        "hackathons": "/en/hackathons/",
    },
    "es": {
        "tools": "/es/herramientas/",
        "use-cases": "/es/casos-de-uso/",
        "organisations": "/es/organizaciones/",
        "hackathons": "/es/hackatones/",
    },
}
TEXTS = {
    "fr": {
        "filters": "Filtres",
        "active": "Filtres (actifs : 1)",
        "apply": "Appliquer les filtres",
        "clear": "Effacer les filtres",
    },
    "en": {
        "filters": "Filters",
        "active": "Filters (active: 1)",
        "apply": "Apply the filters",
        "clear": "Clear the filters",
    },
    "es": {
        "filters": "Filtros",
        "active": "Filtros (activos: 1)",
        "apply": "Aplicar los filtros",
        "clear": "Quitar los filtros",
    },
}
LOCALES = {"fr": "fr-FR", "en": "en-GB", "es": "es-ES"}


def assert_accessible(page):
    if AXE.exists():
        problems = axe_violations(page)
        assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("language", list(SECTIONS))
@pytest.mark.parametrize("name", list(SECTIONS["fr"]))
def test_a_visitor_narrows_a_section_by_its_facets(browser, site, artifacts, name, language, width):
    page = new_page(browser, site, locale=LOCALES[language], viewport=PHONE if width == "phone" else DESKTOP)
    texts = TEXTS[language]
    page.goto(SECTIONS[language][name])
    summary = page.locator(".filters-fold > summary")
    group = page.locator("fieldset.facet-group[data-facet=country]")
    if width == "phone":
        # folded: one button, the choices hidden until it is pressed
        expect(summary).to_be_visible()
        expect(summary).to_have_text(texts["filters"])
        expect(group).to_be_hidden()
        summary.click()
    else:
        expect(summary).to_be_hidden()
    expect(group).to_be_visible()
    screenshot(page, f"facets-{name}-{language}-{width}-open")
    assert_accessible(page)

    cards = page.locator(".card")
    everything = int(re.search(r"\d+", page.locator("#listing-count").inner_text()).group())
    box = group.locator("input[type=checkbox]").first
    value = box.get_attribute("value")
    box.check()
    page.get_by_role("button", name=texts["apply"]).click()
    expect(page).to_have_url(re.compile(rf"country={value}"))
    expect(cards.first).to_be_visible()
    assert int(re.search(r"\d+", page.locator("#listing-count").inner_text()).group()) <= everything
    # the choice stays: ticked, as a removable chip, and counted on the folded button
    expect(page.locator(".listing-selection .chip")).to_have_count(1)
    if width == "phone":
        expect(summary).to_have_text(texts["active"])
        summary.click()
    expect(group.locator(f"input[value={value}]")).to_be_checked()
    screenshot(page, f"facets-{name}-{language}-{width}-chosen")
    assert_accessible(page)

    page.get_by_role("link", name=texts["clear"]).first.click()
    expect(page.locator(".listing-selection")).to_have_count(0)
    page.context.close()
