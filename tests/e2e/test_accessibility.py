"""Every main page type, at phone and desktop widths: axe-core finds no serious or critical problem,
and a screenshot is kept in test-artifacts/screenshots/ for reviewers."""

import json

import pytest

from .conftest import AXE, DESKTOP, PHONE, new_page, screenshot

# page type → how to reach an example: a fixed address, or the first card of a listing
PAGES = {
    "home": "/fr/",
    "tool-directory": "/fr/outils/",
    "tool": "/fr/outils/data-gouv-fr/",
    "use-case-index": "/fr/cas-d-usage/",
    "use-case": ("/fr/cas-d-usage/", ".card__title a"),
    "organisation-index": "/fr/organisations/",
    "organisation": ("/fr/organisations/", ".card__title a"),
    "collection-index": "/fr/collections/",
    "collection": ("/fr/collections/", ".card__title a"),
    "hackathon-index": "/fr/hackathons/",
    "hackathon": "/fr/hackathons/sommet-pgo-paris-2016/",
    "project": ("/fr/hackathons/sommet-pgo-paris-2016/", "table tbody a"),
    "search": "/fr/search/?q=consultation",
    "compare": ("/fr/outils/", None),
    "history": "/fr/outils/data-gouv-fr/history/",
    "recent-changes": "/fr/recent-changes/",
    "not-found": "/fr/page-qui-n-existe-pas/",
    "home-es": "/es/",
    "tool-en": "/en/tools/data-gouv-fr/",
}
BLOCKING = {"serious", "critical"}


def address(page, spec):
    if isinstance(spec, str):
        return spec
    listing, link = spec
    page.goto(listing)
    if link is None:  # the comparison of the first three tools of the directory
        ids = page.locator(".card--tool input[name=tool]").evaluate_all("boxes => boxes.map(b => b.value)")
        return "/fr/compare/?" + "&".join(f"tool={value}" for value in ids[:3])
    return page.locator(link).first.get_attribute("href")


def axe_violations(page):
    # evaluated by the browser's debugging protocol, which the page's CSP does not govern (a <script>
    # tag added to the page would be refused, rightly)
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "where": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in result["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.fixture(scope="module")
def addresses(browser, site):
    page = new_page(browser, site)
    resolved = {name: address(page, spec) for name, spec in PAGES.items()}
    page.context.close()
    return resolved


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_has_no_serious_accessibility_problem(browser, site, addresses, artifacts, name, width):
    if not AXE.exists():
        pytest.skip("accessibility checks skipped: axe-core is not installed (npm ci --prefix tests/e2e)")
    page = new_page(browser, site, viewport=PHONE if width == "phone" else DESKTOP)
    response = page.goto(addresses[name])
    assert response.status == (404 if name == "not-found" else 200)
    screenshot(page, f"{name}-{width}")
    problems = axe_violations(page)
    page.context.close()
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


def test_the_check_itself_catches_a_serious_problem(browser, site):
    """Guards the check above: a form field without a label and low-contrast text are reported."""
    if not AXE.exists():
        pytest.skip("accessibility checks skipped: axe-core is not installed (npm ci --prefix tests/e2e)")
    page = new_page(browser, site)
    page.goto("/fr/")
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend', '<input type="text" name="unlabelled">');
            // through the CSSOM: a style="…" attribute would be refused by the site's CSP
            const pale = document.createElement('p');
            pale.textContent = 'pale text';
            pale.style.color = '#ccc';
            pale.style.background = '#fff';
            main.append(pale);
        }"""
    )
    rules = {problem["rule"] for problem in axe_violations(page)}
    page.context.close()
    assert {"label", "color-contrast"} <= rules
