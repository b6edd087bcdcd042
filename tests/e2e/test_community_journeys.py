"""Taking part, in Chromium: arguing, answering, voting (changed, withdrawn), declaring a use,
reporting, and the moderators' decisions, in French, English and Spanish; one journey with
JavaScript off (every action is a plain form); the pages and forms added are axe-clean."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import AXE, PASSWORD, new_page, sign_in
from .test_accessibility import axe_violations

TOOL = {
    "fr": "/fr/outils/data-gouv-fr/",
    "en": "/en/tools/data-gouv-fr/",
    "es": "/es/herramientas/data-gouv-fr/",
}

PEOPLE = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from community.models import Argument, Membership
from moderation import roles
from pages.models import OrganisationPage, ToolPage
User = get_user_model()
contributors = Group.objects.get(name=roles.CONTRIBUTORS)
tool = ToolPage.objects.get(slug="data-gouv-fr", locale__language_code="fr")
for username, first in [("cara", "Cara"), ("victor", "Victor"), ("nora", "Nora")]:
    user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
    user.first_name, user.last_name = first, "Community"
    user.set_password(PASSWORD)
    user.save()
    user.groups.set([contributors])
cara, victor = User.objects.get(username="cara"), User.objects.get(username="victor")
# two arguments already published: their next ones appear without waiting for a moderator
for person in (cara, victor):
    for n in range(2):
        Argument.objects.get_or_create(
            page=tool,
            subject_key=tool.translation_key,
            author=person,
            title=f"Earlier {person.username} {n}",
            defaults={"stance": "for", "text": "Earlier.", "language": "fr"},
        )
etalab = OrganisationPage.objects.get(slug="etalab", locale__language_code="fr")
Membership.objects.get_or_create(user=cara, organisation=etalab)
print(etalab.title)
"""


@pytest.fixture(scope="module")
def people(site):
    return site.python(PEOPLE.replace("PASSWORD", repr(PASSWORD)))


def signed_in(browser, site, username, locale="fr-FR", javascript=True):
    page = new_page(browser, site, locale=locale, javascript=javascript)
    sign_in(page, username)
    return page


def check_axe(page):
    if not AXE.exists():
        pytest.skip("accessibility checks skipped: axe-core is not installed (npm ci --prefix tests/e2e)")
    assert axe_violations(page) == []


def argue(page, language, stance_label, title, text, button):
    page.goto(TOOL[language])
    page.get_by_role("link", name=button).first.click()
    page.get_by_label(stance_label).check()
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=text]").fill(text)
    page.locator("form.form button[type=submit]").click()


def argument(page, title):
    return page.locator("li.argument", has=page.locator("h4", has_text=title)).first


@pytest.mark.slow  # two people, each action a full page load
def test_without_javascript_a_contributor_argues_and_another_votes_changes_and_withdraws(
    browser, site, people
):
    page = signed_in(browser, site, "cara", javascript=False)
    argue(page, "fr", "Pour", "Portail sans installation", "Tout est en ligne.", "Ajouter un argument")
    expect(page).to_have_url(re.compile(r"/fr/outils/data-gouv-fr/#argument-\d+$"))
    expect(page.get_by_text("Votre argument est publié.")).to_be_visible()
    expect(argument(page, "Portail sans installation")).to_be_visible()
    page.context.close()

    page = signed_in(browser, site, "victor", javascript=False)
    page.goto(TOOL["fr"])
    item = argument(page, "Portail sans installation")
    item.get_by_role("button", name="+1 (d'accord)").click()
    item = argument(page, "Portail sans installation")
    expect(item.get_by_text("score 1 (+1 / −0)")).to_be_visible()
    expect(item.get_by_role("button", name="Retirer mon +1")).to_have_attribute("aria-pressed", "true")
    item.get_by_role("button", name="−1 (pas d'accord)").click()  # changed
    item = argument(page, "Portail sans installation")
    expect(item.get_by_text("score -1 (+0 / −1)")).to_be_visible()
    item.get_by_role("button", name="Retirer mon −1").click()  # withdrawn
    expect(argument(page, "Portail sans installation").get_by_text("score 0 (+0 / −0)")).to_be_visible()
    page.context.close()


@pytest.mark.slow  # two people, two languages, a moderation
def test_an_answer_in_english_shown_on_the_french_page(browser, site, people):
    page = signed_in(browser, site, "cara", locale="en-GB")
    argue(page, "en", "Against", "Search is slow", "Large files take long.", "Add an argument")
    page.context.close()

    page = signed_in(browser, site, "victor", locale="en-GB")
    page.goto(TOOL["en"])
    argument(page, "Search is slow").get_by_role("link", name=re.compile("Answer this argument")).click()
    expect(page.locator("h1")).to_have_text("Answer an argument")
    check_axe(page)
    page.get_by_label("Counters this argument").check()
    page.locator("input[name=title]").fill("Fast enough for us")
    page.locator("textarea[name=text]").fill("Our files are small.")
    page.locator("form.form button[type=submit]").click()
    replies = argument(page, "Search is slow").locator(".argument-list--replies h4")
    expect(replies).to_have_text(["Counters: Fast enough for us"])
    # the French page shows the English answer, labelled with its language
    page.goto(TOOL["fr"])
    expect(
        page.locator(".argument-list--replies li.argument[lang=en]", has_text="Fast enough")
    ).to_be_visible()
    page.context.close()


@pytest.mark.slow  # two people, a moderation
def test_a_newcomers_argument_waits_and_a_moderator_publishes_it(browser, site, people):
    page = signed_in(browser, site, "nora", locale="es-ES")
    argue(page, "es", "En contra", "Falta documentación", "No hay guía en español.", "Añadir un argumento")
    expect(page.locator(".notice", has_text="Falta documentación")).to_be_visible()
    page.context.close()

    visitor = new_page(browser, site, locale="es-ES")
    visitor.goto(TOOL["es"])
    expect(visitor.get_by_text("Falta documentación")).to_have_count(0)

    moderator = signed_in(browser, site, "morgan")
    moderator.goto("/admin/community/")
    check_axe(moderator)
    held = moderator.locator("li", has_text="Falta documentación")
    held.get_by_role("button", name="Publier").click()
    expect(moderator.get_by_text("L'argument est publié.")).to_be_visible()
    moderator.context.close()

    visitor.goto(TOOL["es"])
    expect(visitor.locator("li.argument", has_text="Falta documentación")).to_be_visible()
    visitor.context.close()


@pytest.mark.slow  # two people, two sessions, a moderation
def test_a_report_and_a_moderator_hiding_it(browser, site, people):
    page = signed_in(browser, site, "cara")
    argue(page, "fr", "Contre", "Achetez notre produit", "Publicité.", "Ajouter un argument")
    page.context.close()

    page = signed_in(browser, site, "victor")
    page.goto(TOOL["fr"])
    argument(page, "Achetez notre produit").get_by_role("link", name=re.compile("^Signaler")).click()
    check_axe(page)
    page.locator("textarea[name=reason]").fill("C'est de la publicité.")
    page.locator("form.form button[type=submit]").click()
    expect(page.get_by_text("Merci. Les modérateurs vont l'examiner.")).to_be_visible()
    page.context.close()

    moderator = signed_in(browser, site, "morgan")
    moderator.goto("/admin/community/")
    reported = moderator.locator("li", has_text="C'est de la publicité.").first
    reported.get_by_role("button", name="Masquer").click()
    expect(moderator.get_by_text("Masqué. Il garde son historique.")).to_be_visible()
    moderator.context.close()

    visitor = new_page(browser, site)
    visitor.goto(TOOL["fr"])
    expect(visitor.get_by_text("Achetez notre produit")).to_have_count(0)
    visitor.context.close()


@pytest.mark.slow  # two people, a moderation, a withdrawal
def test_an_organisation_declares_its_use_a_moderator_approves_and_the_author_withdraws(
    browser, site, people
):
    organisation = people.splitlines()[-1]
    page = signed_in(browser, site, "cara", locale="en-GB")
    page.goto(TOOL["en"])
    page.get_by_role("link", name="We use it").click()
    check_axe(page)
    page.get_by_label(organisation).check()
    page.locator("input[name=since_year]").fill("2016")
    page.locator("textarea[name=context]").fill("Our open data portal.")
    page.locator("form.form button[type=submit]").click()
    expect(page.get_by_text("A moderator will check it")).to_be_visible()
    expect(page.locator(".endorsement-list")).to_have_count(0)

    moderator = signed_in(browser, site, "morgan", locale="en-GB")
    moderator.goto("/admin/community/")
    moderator.locator("li", has_text="Our open data portal.").get_by_role(
        "button", name=re.compile("^Approve")
    ).click()
    moderator.context.close()

    page.goto(TOOL["en"])
    endorsement = page.locator(".endorsement-list li", has_text=organisation)
    expect(endorsement).to_contain_text("since 2016")
    check_axe(page)  # signed in: vote and withdraw buttons
    visitor = new_page(browser, site, locale="fr-FR")
    visitor.goto(TOOL["fr"])
    expect(visitor.locator(".endorsement-list li", has_text=organisation)).to_be_visible()
    check_axe(visitor)
    visitor.get_by_role("link", name=organisation).first.click()
    expect(visitor.locator("[aria-labelledby=tools-used]")).to_contain_text("data.gouv.fr")
    visitor.context.close()

    endorsement.get_by_role("button", name=re.compile("^Withdraw")).click()
    expect(page.locator(".endorsement-list li", has_text=organisation)).to_have_count(0)
    page.context.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_argument_form_is_accessible(browser, site, people, language):
    page = signed_in(browser, site, "cara", locale={"fr": "fr-FR", "en": "en-GB"}[language])
    page.goto(TOOL[language])
    check_axe(page)
    page.get_by_role("link", name={"fr": "Ajouter un argument", "en": "Add an argument"}[language]).click()
    check_axe(page)
    page.context.close()
