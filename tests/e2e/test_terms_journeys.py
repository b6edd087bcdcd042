"""A visitor goes from a tool's category chip to the category's page, and reads the similar tools, in
Chromium, at phone and desktop widths in the three languages; a contributor watches a term."""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import AXE, DESKTOP, PHONE, new_page, screenshot, sign_in
from .test_accessibility import axe_violations

TOOL = {"fr": "/fr/outils/openfisca/", "en": "/en/tools/openfisca/", "es": "/es/herramientas/openfisca/"}
SIMILAR = {"fr": "Outils similaires", "en": "Similar tools", "es": "Herramientas similares"}
TOGETHER = {"fr": "Souvent utilisés ensemble", "en": "Often used together", "es": "Usadas a menudo juntas"}
SEGMENT = {"fr": "categories", "en": "categories", "es": "categorias"}
LOCALES = {"fr": "fr-FR", "en": "en-GB", "es": "es-ES"}


def accessible(page):
    if not AXE.exists():
        return
    problems = axe_violations(page)
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


def no_sideways_scroll(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def fits(region, viewport):
    """The block stays within the screen (the tool page's other blocks are the polish part's)."""
    box = region.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    widest = region.evaluate(
        "r => Math.max(...[...r.querySelectorAll('*')].map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= viewport["width"]


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_similar_tools_and_a_category_page(browser, site, artifacts, language, width):
    viewport = PHONE if width == "phone" else DESKTOP
    page = new_page(browser, site, locale=LOCALES[language], viewport=viewport)
    page.goto(TOOL[language])

    similar = page.get_by_role("region", name=SIMILAR[language])
    expect(similar).to_be_visible()
    expect(similar.locator(".card").first).to_be_visible()
    expect(similar.locator(".related-tools__reasons li").first).not_to_be_empty()
    together = page.get_by_role("region", name=TOGETHER[language])
    expect(together).to_be_visible()
    fits(similar, viewport)
    fits(together, viewport)
    screenshot(page, f"terms-similar-tools-{language}-{width}")
    accessible(page)

    chip = page.locator(".entry__facts .tags a").first
    name = chip.inner_text()
    chip.click()
    expect(page).to_have_url(re.compile(rf"/{language}/{SEGMENT[language]}/[a-z0-9-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator("html")).to_have_attribute("lang", language)
    cards = page.locator("main .card")
    expect(cards.first).to_be_visible()
    expect(page.locator("link[type='application/atom+xml']")).to_have_count(1)
    no_sideways_scroll(page, viewport)
    screenshot(page, f"terms-category-page-{language}-{width}")
    accessible(page)

    # the directory filtered by the category lists the tools of the page
    page.locator("main section a[href*='?category=']").first.click()
    expect(page).to_have_url(re.compile(r"\?category="))
    page.context.close()


def test_a_contributor_watches_a_topic_from_its_page(browser, site, artifacts):
    page = new_page(browser, site, viewport=DESKTOP)
    page.goto("/fr/outils/openfisca/")
    sign_in(page, "edith")
    page.goto("/fr/outils/openfisca/")
    topic = page.locator(".entry__facts .tags a[href*='/fr/themes/']").first
    name = topic.inner_text()
    topic.click()
    page.get_by_role("button", name="Suivre ce terme").click()
    expect(page.get_by_role("status")).to_contain_text(name)
    expect(page.get_by_role("button", name="Ne plus suivre ce terme")).to_be_visible()
    page.goto("/fr/watchlist/")
    expect(page.get_by_role("link", name=name)).to_be_visible()
    screenshot(page, "terms-watchlist-desktop")
    page.context.close()
