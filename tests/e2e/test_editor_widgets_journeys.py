"""Editors in the Spanish and the French admin edit a tool in Chromium: they type into the interface
languages and countries boxes to pick values named in their language, choose an organisation that
the chooser lists once, and submit the tool for moderation. axe-core finds nothing serious in those
widgets; without JavaScript they are the plain selects."""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import AXE, PASSWORD, new_page, sign_in
from .test_accessibility import BLOCKING

EDITORS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from moderation import roles
for username, language in [("elena", "es"), ("edouard", "fr")]:
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={{"email": f"{{username}}@example.org", "first_name": username.title()}}
    )
    user.set_password({password!r})
    user.save()
    user.groups.set(Group.objects.filter(name=roles.EDITORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
# a tool written in Spanish (the demo's Spanish tools are translations, edited in wagtail-localize's editor)
from wagtail.models import Locale
from pages.models import ToolIndexPage, ToolPage
spanish = Locale.objects.get(language_code="es")
if not ToolPage.objects.filter(slug="presupuesto-abierto", locale=spanish).exists():
    tool = ToolPage(title="Presupuesto abierto", slug="presupuesto-abierto", summary="Cuentas públicas.")
    ToolIndexPage.objects.get(locale=spanish).add_child(instance=tool)
    tool.save_revision().publish()
"""

SAVED = """
from pages.models import ToolPage
page = ToolPage.objects.get(pk={pk}).get_latest_revision_as_object()
print(json.dumps({{
    "languages": sorted(page.interface_languages),
    "countries": sorted(country.code for country in page.countries),
    "organisations": [row.organisation.slug for row in page.organisation_links.all()],
    "moderation": page.workflow_in_progress,
}}))
"""

# (admin language, tool slug, typed → option name → code for languages, the same for countries, button)
JOURNEYS = {
    "es": ("presupuesto-abierto", ("portu", "Portugués", "pt"), ("méxi", "México", "MX"), "^Enviar a"),
    "fr": ("cargografias", ("allem", "Allemand", "de"), ("belg", "Belgique", "BE"), "^Soumettre à"),
}
USERS = {"es": "elena", "fr": "edouard"}


@pytest.fixture(scope="module")
def editors(site):
    site.python(EDITORS.format(password=PASSWORD))
    return USERS


def pick(page, field, typed, name):
    """Type into the searchable box of ``field`` and pick the option ``name`` among those it offers."""
    box = page.locator(f"#id_{field}-ts-control")
    page.locator(f".ts-wrapper:has(#id_{field}-ts-control) .ts-control").click()
    box.press_sequentially(typed)
    page.locator(f"#id_{field}-ts-dropdown .option", has_text=re.compile(f"^{name}$")).click()
    expect(page.locator(f".ts-wrapper:has(#id_{field}-ts-control) .item", has_text=name)).to_be_visible()
    box.press("Tab")  # on to the next field: the list closes
    expect(page.locator(f"#id_{field}-ts-dropdown")).to_be_hidden()


def axe_violations(page, selectors):
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async (selectors) => await axe.run({include: selectors}, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})",
        [[selector] for selector in selectors],
    )
    assert result["passes"], f"axe checked nothing in {selectors}"
    return [
        {"rule": v["id"], "help": v["help"], "where": [node["target"] for node in v["nodes"][:5]]}
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.slow  # a whole editing journey in the admin
@pytest.mark.parametrize("language", ["es", "fr"])
def test_an_editor_picks_languages_countries_and_an_organisation_then_submits(
    browser, site, editors, language
):
    if not AXE.exists():
        pytest.skip("accessibility checks skipped: axe-core is not installed (npm ci --prefix tests/e2e)")
    slug, languages, countries, submit = JOURNEYS[language]
    typed_language, language_name, language_code = languages
    typed_country, country_name, country_code = countries
    tool_id = site.page_id("ToolPage", language, slug=slug)
    page = new_page(browser, site, locale={"es": "es-ES", "fr": "fr-FR"}[language])
    sign_in(page, editors[language])
    page.goto(f"/admin/pages/{tool_id}/edit/")

    # first (before the background saves begin) a new organisation row: the chooser lists Etalab
    # once, though it exists in three languages
    rows = int(page.input_value("#id_organisation_links-TOTAL_FORMS"))
    page.locator("#id_organisation_links-ADD").click()
    chooser = page.locator(f"#id_organisation_links-{rows}-organisation-chooser")
    chooser.get_by_role("button", name=re.compile("^(Elegir|Choisir)")).click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill("Etalab")
    results = modal.locator("table tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Etalab")
    results.first.locator("a").first.click()
    expect(chooser.locator(".chooser__title")).to_contain_text("Etalab")
    expect(modal).to_be_hidden()

    pick(page, "interface_languages", typed_language, language_name)
    pick(page, "countries", typed_country, country_name)
    # the select underneath holds the codes the form submits
    selected = page.locator("#id_countries").evaluate("box => [...box.selectedOptions].map(o => o.value)")
    assert country_code in selected

    problems = axe_violations(
        page,
        [
            "[data-contentpath=interface_languages]",
            "[data-contentpath=countries]",
            f"#id_organisation_links-{rows}-organisation-chooser",
        ],
    )
    assert problems == [], json.dumps(problems, indent=2, ensure_ascii=False)

    # Wagtail saves the draft in the background as one edits; submitting waits for that to end
    expect(page.locator(".w-autosave-indicator__state--saving")).to_be_hidden()
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile(submit)).click()
    expect(page.locator(".messages .success").first).to_be_visible()
    page.context.close()

    saved = json.loads(site.python("import json\n" + SAVED.format(pk=tool_id)))
    assert language_code in saved["languages"]
    assert country_code in saved["countries"]
    assert "etalab" in saved["organisations"]
    assert saved["moderation"] is True


def test_without_javascript_the_boxes_are_plain_selects(browser, site, editors):
    """Without the script the select is the one Django renders: every option, no box over it. (Wagtail's
    editor itself shows its tabs with JavaScript only, so this is the select as served, not clicked.)"""
    tool_id = site.page_id("ToolPage", "fr", slug="openfisca")
    page = new_page(browser, site, locale="es-ES", javascript=False)
    sign_in(page, editors["es"])
    page.goto(f"/admin/pages/{tool_id}/edit/")
    countries = page.locator("select[name=countries][multiple]")
    expect(countries).to_have_count(1)
    expect(countries.locator("option", has_text=re.compile("^Alemania$"))).to_have_count(1)
    assert countries.locator("option").count() > 240
    expect(page.locator(".ts-wrapper")).to_have_count(0)
    page.context.close()
