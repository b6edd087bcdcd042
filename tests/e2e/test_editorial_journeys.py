"""The life of a use case in the admin, in Chromium: written by an editor, approved by a moderator,
found by visitors, translated into English.

The steps run in order on the same page; each one skips when the step before it failed, so a
failure is reported once, where it happened.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import new_page, sign_in

TITLE = f"Budget participatif de Grenoble {uuid.uuid4().hex[:6]}"
SUMMARY = "Les habitants proposent puis votent des projets que la ville finance."
ENGLISH_TITLE = TITLE.replace("Budget participatif de", "Participatory budget of")


@pytest.fixture(scope="module")
def story():
    return {}


def admin_page(browser, site, username):
    page = new_page(browser, site)
    sign_in(page, username)
    return page


def write_rich_text(page, field, text):
    """Type into the rich text editor (Draftail) of ``field``, as a person would."""
    page.locator(f".w-field:has(#id_{field}) .public-DraftEditor-content").click()
    page.keyboard.type(text)
    # the editor copies its content into the form field a moment later; saving before that loses it
    expect(page.locator(f"#id_{field}")).to_have_value(re.compile(re.escape(text[:20])))


def open_more_actions(page):
    """The footer's save button hides the other actions (submit, approve…) in a drop-down."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()


@pytest.mark.slow  # a whole page written in the admin
def test_an_editor_creates_a_use_case_and_submits_it(browser, site, story):
    page = admin_page(browser, site, "edith")
    index = site.page_id("UseCaseIndexPage", "fr")
    page.goto(f"/admin/pages/add/pages/usecasepage/{index}/")

    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)
    write_rich_text(page, "objectives", "Associer les habitants aux choix d’investissement de la ville.")
    page.get_by_label("Citoyens", exact=True).check()
    write_rich_text(page, "users", "Toute personne de plus de seize ans qui vit dans la ville.")
    write_rich_text(page, "services", "Dépôt des idées, vote en ligne et suivi des projets lauréats.")
    # Wagtail's autosave creates the page in the background, then moves the form (and the address) to
    # the page's edit view; a submission still aimed at the "add" view would create it a second time
    # (a duplicate slug, a 500), as a person clicking at that very moment would: wait for the move
    # (autosave waits for a pause in the typing, then a round trip: more than 5 s on a busy machine)
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=30_000)

    open_more_actions(page)
    page.get_by_role("button", name=re.compile("Soumettre à")).click()
    expect(page.locator(".messages")).to_contain_text("soumise pour modération")

    # submitted is not published: visitors see nothing yet
    story["page_id"] = site.page_id("UseCasePage", "fr", title=TITLE)
    visitor = new_page(browser, site)
    visitor.goto(f"/fr/search/?q={TITLE}")
    expect(visitor.locator(".result__title", has_text=TITLE)).to_have_count(0)
    visitor.goto("/fr/cas-d-usage/")
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)
    visitor.context.close()
    page.context.close()
    story["submitted"] = True


def test_a_moderator_approves_it_and_visitors_find_it(browser, site, story, after):
    after("submitted")
    page = admin_page(browser, site, "morgan")
    # the dashboard lists what awaits the moderator's review
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.goto(f"/admin/pages/{story['page_id']}/edit/")
    open_more_actions(page)
    page.get_by_role("button", name="Approuver (commentaire facultatif)").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("textarea").fill("Fiche claire, merci !")
    dialog.get_by_role("button", name=re.compile("Approuver|Accepter")).click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    page.context.close()

    visitor = new_page(browser, site)
    visitor.goto("/fr/cas-d-usage/")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    facets = visitor.locator(".facets")
    for facet in ("Objectifs", "Usagers", "Services proposés", "Citoyens", "vote en ligne"):
        expect(facets).to_contain_text(facet)
    story["url"] = visitor.url

    visitor.goto("/fr/")
    visitor.get_by_role("combobox", name="Chercher parmi les outils, cas d’usage et organisations").fill(
        TITLE
    )
    visitor.keyboard.press("Enter")
    expect(visitor.locator(".result__title").first).to_contain_text(TITLE)
    visitor.context.close()
    story["published"] = True


@pytest.mark.slow  # a whole translation in the admin
def test_a_translator_translates_it_into_english(browser, site, story, after):
    after("published")
    page = admin_page(browser, site, "tom")
    page.goto(f"/admin/localize/submit/page/{story['page_id']}/")
    page.get_by_label("English").check()
    page.get_by_role("button", name=re.compile("Soumettre|Traduire|Submit")).click()

    # wagtail-localize's translation editor: one row per translatable piece of text
    expect(page.get_by_role("button", name="Traduire").first).to_be_visible()
    translate_segment(page, TITLE, ENGLISH_TITLE)
    translate_segment(page, SUMMARY, "Residents propose and vote on projects that the city then funds.")
    page.get_by_role("button", name="Envoyer la traduction en modération").click()
    expect(page.locator(".messages")).to_contain_text("envoyé")
    page.context.close()
    key = site.python(
        f"from wagtail.models import Page; print(Page.objects.get(pk={story['page_id']}).translation_key)"
    )
    story["english_id"] = site.page_id("UseCasePage", "en", translation_key=key)
    story["translated"] = True


def translate_segment(page, source, translation):
    segment = page.locator("li", has_text=source).filter(has=page.locator("textarea, button")).last
    segment.get_by_role("button", name=re.compile("Traduire|Translate")).click()
    segment.locator("textarea").fill(translation)
    segment.get_by_role("button", name=re.compile("Enregistrer|Save")).click()
    expect(segment).to_contain_text(translation)


@pytest.mark.slow  # a moderation and a visit of the English site
def test_the_moderator_publishes_the_translation_on_the_english_site(browser, site, story, after):
    after("translated")
    visitor = new_page(browser, site, locale="en-GB")
    visitor.goto("/en/use-cases/")
    expect(visitor.get_by_role("link", name=ENGLISH_TITLE)).to_have_count(0)  # not before approval

    # this time from the dashboard's list of changes waiting for review, on the review screen
    # (translations open in wagtail-localize's editor, which has no workflow buttons)
    page = admin_page(browser, site, "morgan")
    page.locator("#toolbox-to-review-section").get_by_role("link", name=ENGLISH_TITLE).click()
    page.get_by_label("Commentaire pour l’auteur ou l’autrice").fill("Translation checked.")
    page.get_by_role("button", name="Approuver et publier").click()
    expect(page.locator(".messages")).to_contain_text("approuvée")
    page.goto("/admin/")
    expect(page.locator("#toolbox-to-review-section").get_by_role("link", name=ENGLISH_TITLE)).to_have_count(
        0
    )
    page.context.close()

    visitor.goto("/en/use-cases/")
    visitor.get_by_role("link", name=ENGLISH_TITLE).click()
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(ENGLISH_TITLE)
    expect(visitor.locator(".lede")).to_have_text(
        "Residents propose and vote on projects that the city then funds."
    )
    # the French original and its translation point at each other
    visitor.get_by_role("navigation", name="Languages").get_by_role("link", name="Français").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    visitor.context.close()
