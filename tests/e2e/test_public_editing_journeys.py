"""From a public page to its editor, in Chromium: a signed-out visitor follows "suggest a change",
logs in with their e-mail address and lands in the editor of that very page (French, and Spanish
where the page is a translation); Wagtail's user bar covers nothing; the pages added are axe-clean."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import AXE, DESKTOP, PASSWORD, PHONE, new_page, screenshot
from .test_accessibility import axe_violations

TOOL = {"fr": "/fr/outils/data-gouv-fr/"}
SUGGEST = {"fr": "Proposer une modification", "es": "Proponer un cambio"}
LOG_IN_TO_EDIT = {
    "fr": "Se connecter pour modifier cette page",
    "es": "Iniciar sesión para editar esta página",
}
BROWSER_LOCALE = {"fr": "fr-FR", "es": "es-ES"}


@pytest.fixture(scope="module")
def tool_pages(site):
    """{language: (id, address)} of the demo tool data.gouv.fr in French and Spanish."""
    pages = {}
    for language in ("fr", "es"):
        found = site.python(
            "from pages.models import ToolPage; "
            f"page = ToolPage.objects.get(slug='data-gouv-fr', locale__language_code={language!r}); "
            "print(page.pk, page.url)"
        )
        page_id, url = found.split()
        pages[language] = (int(page_id), url)
    return pages


def check_axe(page):
    if not AXE.exists():
        pytest.skip("accessibility checks skipped: axe-core is not installed (npm ci --prefix tests/e2e)")
    assert axe_violations(page) == []


@pytest.mark.slow  # a sign-in by e-mail and an edit
@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_signed_out_visitor_suggests_a_change_logs_in_with_their_email_and_edits_the_page(
    browser, site, tool_pages, artifacts, language
):
    page_id, url = tool_pages[language]
    page = new_page(browser, site, locale=BROWSER_LOCALE[language], viewport=PHONE)
    page.goto(url)

    page.get_by_role("link", name=SUGGEST[language]).click()
    expect(page).to_have_url(re.compile(rf"/{language}/suggest-a-change/{page_id}/$"))
    expect(page.locator("h1")).to_have_text(SUGGEST[language])
    check_axe(page)
    screenshot(page, f"suggest-a-change-{language}")

    page.get_by_role("link", name=LOG_IN_TO_EDIT[language]).click()
    expect(page).to_have_url(re.compile(r"/admin/login/\?next="))
    # the address as people type it: capitals, a stray space
    page.fill("input[name=username]", " Edith@Example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")

    expect(page).to_have_url(re.compile(rf"/admin/pages/{page_id}/edit/$"))
    if language == "fr":
        expect(page.locator("#id_title")).to_have_value(re.compile("data.gouv.fr"))
    else:  # a synced translation: wagtail-localize's translation editor
        expect(page.locator(".js-translation-editor")).to_have_count(1)
        expect(page.get_by_text("data.gouv.fr").first).to_be_visible()
    page.context.close()


def test_the_login_form_asks_for_an_email_address_and_is_accessible(browser, site):
    for language in ("fr", "es"):
        page = new_page(browser, site, locale=BROWSER_LOCALE[language])
        page.goto("/admin/login/")
        label = {"fr": "Adresse électronique", "es": "Correo electrónico"}[language]
        expect(page.get_by_label(label)).to_be_visible()
        page.context.close()


@pytest.mark.slow  # signs in through the admin, then reads pages in two languages
@pytest.mark.parametrize("language", ["fr", "es"])
def test_an_editor_sees_edit_this_page_and_the_footer_says_who_is_signed_in(
    browser, site, tool_pages, language
):
    page_id, url = tool_pages[language]
    page = new_page(browser, site, locale=BROWSER_LOCALE[language])
    page.goto("/admin/login/")
    page.fill("input[name=username]", "edith@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(url)
    edit = page.get_by_role("link", name={"fr": "Modifier cette page", "es": "Editar esta página"}[language])
    expect(edit).to_have_attribute("href", f"/admin/pages/{page_id}/edit/")
    footer = page.locator("footer")
    expect(footer).to_contain_text(
        {"fr": "Session ouverte : Edith Editor", "es": "Sesión iniciada como Edith Editor"}[language]
    )
    check_axe(page)

    footer.get_by_role("button", name={"fr": "Se déconnecter", "es": "Cerrar sesión"}[language]).click()
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))
    expect(page.get_by_role("link", name=SUGGEST[language])).to_be_visible()
    page.context.close()


COVERED = """
(trigger) => {
    const bar = trigger.getBoundingClientRect();
    const overlaps = (box) =>
        box.width > 0 && box.height > 0 &&
        box.left < bar.right && box.right > bar.left && box.top < bar.bottom && box.bottom > bar.top;
    const covered = [];
    // what a reader reads or uses: text-bearing and interactive elements of the page
    const read = "a, button, input, select, textarea, label, h1, h2, h3, p, li, td, th, dd, small, summary";
    for (const element of document.body.querySelectorAll(read)) {
        if (element.closest("wagtail-userbar")) continue;
        for (const box of element.getClientRects()) {
            if (overlaps(box)) { covered.push(element.outerHTML.slice(0, 120)); break; }
        }
    }
    return {bar: [bar.left, bar.top, bar.width, bar.height], covered};
}
"""


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_user_bar_covers_nothing_at_the_end_of_a_page(
    browser, site, tool_pages, artifacts, width, language
):
    page = new_page(
        browser, site, locale=BROWSER_LOCALE[language], viewport=PHONE if width == "phone" else DESKTOP
    )
    page.goto("/admin/login/")
    page.fill("input[name=username]", "edith@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    for address in (tool_pages[language][1], f"/{language}/"):
        page.goto(address)
        trigger = page.locator("#wagtail-userbar-trigger")
        expect(trigger).to_be_visible()
        # the bar floats over the window's corner: at the end of the page, where the last lines of the
        # footer sit, it must leave them uncovered
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function(
            "Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1"
        )
        found = trigger.evaluate(COVERED)
        assert found["covered"] == [], (
            f"{address} at {width}: the user bar {found['bar']} covers {found['covered']}"
        )
    screenshot(page, f"user-bar-{language}-{width}")
    page.context.close()
