"""Polish a visitor notices, in Chromium at phone and desktop widths in the three languages: the header
search shows its whole placeholder, the comparison bar waits on phones for a ticked tool, logos sit in
one corner of every card, a tool's screenshots make a gallery, pages print without their navigation,
and the site has its icons. axe-core checks the pages; screenshots go to test-artifacts/."""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import AXE, DESKTOP, PHONE, new_page, screenshot
from .test_accessibility import axe_violations

LOCALES = {"fr": "fr-FR", "en": "en-GB", "es": "es-ES"}
TOOLS = {"fr": "/fr/outils/", "en": "/en/tools/", "es": "/es/herramientas/"}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}

# The width the placeholder's text takes in the field's own font, against the room the field gives it.
PLACEHOLDER_ROOM = """field => {
    const style = getComputedStyle(field);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {text: field.placeholder, needs: context.measureText(field.placeholder).width, room};
}"""


def assert_accessible(page):
    if not AXE.exists():
        pytest.skip("accessibility checks skipped: axe-core is not installed (npm ci --prefix tests/e2e)")
    problems = axe_violations(page)
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", list(LOCALES))
def test_the_header_search_shows_its_whole_placeholder(browser, site, language, width):
    page = new_page(browser, site, locale=LOCALES[language], viewport=WIDTHS[width])
    page.goto(f"/{language}/")
    measure = page.locator("#site-search-q").evaluate(PLACEHOLDER_ROOM)
    assert measure["text"]
    assert measure["needs"] <= measure["room"], f"{language} at {width}: {measure}"
    page.context.close()


@pytest.mark.parametrize("language", list(LOCALES))
def test_on_a_phone_the_comparison_bar_appears_once_a_tool_is_ticked(browser, site, artifacts, language):
    page = new_page(browser, site, locale=LOCALES[language], viewport=PHONE)
    page.goto(TOOLS[language])
    bar = page.locator(".compare-bar")
    expect(bar).to_be_hidden()
    boxes = page.locator(".card--tool input[name=tool]")
    boxes.nth(0).check()
    expect(bar).to_be_visible()
    expect(bar.locator(".compare-bar__hint")).to_contain_text("1")
    boxes.nth(1).check()
    screenshot(page, f"polish-compare-bar-phone-{language}")
    assert_accessible(page)
    boxes.nth(0).uncheck()
    boxes.nth(1).uncheck()
    expect(bar).to_be_hidden()
    page.context.close()


def test_on_a_desktop_the_comparison_bar_stays_with_its_hint(browser, site):
    page = new_page(browser, site, viewport=DESKTOP)
    page.goto("/fr/outils/")
    expect(page.locator(".compare-bar")).to_be_visible()
    page.context.close()


def test_without_javascript_the_comparison_bar_stays_the_forms_button(browser, site):
    page = new_page(browser, site, viewport=PHONE, javascript=False)
    page.goto("/fr/outils/")
    bar = page.locator(".compare-bar")
    expect(bar).to_be_visible()
    boxes = page.locator(".card--tool input[name=tool]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    bar.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/fr/compare/\?tool=\d+&tool=\d+"))
    page.context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", list(LOCALES))
def test_every_tool_card_has_its_logo_in_the_same_corner(browser, site, artifacts, language, width):
    page = new_page(browser, site, locale=LOCALES[language], viewport=WIDTHS[width])
    page.goto(TOOLS[language])
    places = page.locator(".card--tool").evaluate_all(
        """cards => cards.map(card => {
            const logo = card.querySelector(".card__logo"), box = card.getBoundingClientRect();
            if (!logo) return null;
            const place = logo.getBoundingClientRect();
            return [Math.round(box.right - place.right), Math.round(place.top - box.top),
                    Math.round(place.width), Math.round(place.height)];
        })"""
    )
    assert places and None not in places, "a tool card without its logo's place"
    assert len(set(map(tuple, places))) == 1, f"logos in different places: {set(map(tuple, places))}"
    screenshot(page, f"polish-cards-{width}-{language}")
    assert_accessible(page)
    page.context.close()


SCREENSHOTS = """
import io
from PIL import Image as Picture
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from pages.tools import ToolPage
for tool in ToolPage.objects.filter(slug='openfisca'):
    if tool.screenshots.exists():
        continue
    for number, (colour, caption) in enumerate([('#0b5cad', {caption!r}), ('#1e6b34', '')]):
        data = io.BytesIO()
        Picture.new('RGB', (1600, 1000), colour).save(data, 'PNG')
        image = Image.objects.create(
            title=f'Écran {number + 1}', file=ImageFile(data, name=f'screen-{tool.pk}-{number}.png')
        )
        tool.screenshots.create(image=image, caption=caption if number == 0 else '', locale=tool.locale)
    tool.save_revision().publish()
"""


@pytest.fixture(scope="module")
def openfisca_with_screenshots(site):
    site.python(SCREENSHOTS.replace("{caption!r}", repr("Le simulateur")))
    return {"fr": "/fr/outils/openfisca/", "en": "/en/tools/openfisca/", "es": "/es/herramientas/openfisca/"}


@pytest.mark.slow  # opens a gallery and each screenshot at full size
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", list(LOCALES))
def test_a_tools_screenshots_open_full_size_from_its_gallery(
    browser, site, artifacts, openfisca_with_screenshots, language, width
):
    page = new_page(browser, site, locale=LOCALES[language], viewport=WIDTHS[width])
    page.goto(openfisca_with_screenshots[language])
    gallery = page.locator(".gallery")
    figures = gallery.locator("figure")
    expect(figures).to_have_count(2)
    expect(figures.first.locator("figcaption")).to_have_text("Le simulateur")
    thumbnail = figures.first.locator("img")
    assert thumbnail.evaluate("img => img.naturalWidth") <= 480  # a thumbnail, not the original
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    gallery.scroll_into_view_if_needed()
    screenshot(page, f"polish-gallery-{width}-{language}")
    assert_accessible(page)

    # the link leads to the large rendition (opened, Chromium's own image viewer styles itself inline,
    # which the site's policy reports: so it is fetched, not opened)
    large = figures.first.locator("a").get_attribute("href")
    assert re.search(r"\.max-1600x1200\.png$", large), large
    response = page.request.get(large)
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    assert response.body()[16:20] == (1600).to_bytes(4, "big")  # the PNG header's width
    page.context.close()


PRINTED = {
    "tool": "/fr/outils/data-gouv-fr/",
    "use-case": "/en/use-cases/toolbox-uses/",
    "project": "/es/hackatones/cumbre-aga-paris-2016/mes-aides-senegal/",
}


@pytest.mark.parametrize("kind", list(PRINTED))
def test_a_printed_page_keeps_its_content_and_prints_link_addresses(browser, site, artifacts, kind):
    page = new_page(browser, site)
    page.goto(PRINTED[kind])
    expect(page.locator(".site-nav")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".language-switcher"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    printed = page.locator("main a[href]").evaluate_all(
        """links => links.filter(link => getComputedStyle(link).display !== "none")
            .map(link => [link.getAttribute("href"), getComputedStyle(link, "::after").content])"""
    )
    followed = [href for href, after in printed if href.startswith(("http", "/")) and href in after]
    assert followed, f"no link prints its address: {printed[:5]}"
    folder = artifacts / "print"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(folder / f"{kind}.pdf"))
    assert pdf.startswith(b"%PDF")
    page.context.close()


def test_the_site_has_its_icons(browser, site):
    page = new_page(browser, site, locale="es-ES")
    page.goto("/es/")
    icon = page.request.get("/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] == "image/x-icon"
    assert "max-age=" in icon.headers["cache-control"]
    for selector in ("link[rel=icon][type='image/svg+xml']", "link[rel=apple-touch-icon]"):
        href = page.locator(selector).get_attribute("href")
        assert page.request.get(href).status == 200, href
    manifest = page.request.get(page.locator("link[rel=manifest]").get_attribute("href")).json()
    assert manifest["lang"] == "es" and manifest["start_url"] == "/es/"
    for entry in manifest["icons"]:
        assert page.request.get(entry["src"]).status == 200, entry["src"]
    page.context.close()
