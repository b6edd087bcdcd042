"""A moderator reviews submitted changes in Chromium, in the Spanish and in the French admin: the diff,
the editor's summary, the author's record, then a decision with a comment.

The steps run in order; each skips when the one before it failed.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import AXE, new_page, screenshot, sign_in
from .test_accessibility import axe_violations
from .test_editorial_journeys import open_more_actions

MARK = uuid.uuid4().hex[:6]
SUMMARY = f"Calcule les impôts et les prestations sociales à partir de la loi ({MARK})."
CHANGE = f"Précise ce que calcule l’outil {MARK}"
REFUSED_SUMMARY = "Le meilleur outil du monde, incomparable."

PEOPLE = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from moderation import roles
User = get_user_model()
for username, first, groups, language in [
    ("rosa", "Rosa", [roles.MODERATORS], "es"),
    ("marc", "Marc", [roles.MODERATORS], "fr"),
    ("nina", "Nina", [roles.EDITORS], "fr"),
    ("pablo", "Pablo", [roles.EDITORS], "es"),
]:
    user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
    user.first_name, user.last_name = first, "Review"
    user.set_password(PASSWORD)
    user.save()
    user.groups.set(Group.objects.filter(name__in=groups))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
"""


@pytest.fixture(scope="module")
def story(site):
    from .conftest import PASSWORD

    site.python(PEOPLE.replace("PASSWORD", repr(PASSWORD)))
    return {"tool": site.page_id("ToolPage", "fr", slug="openfisca")}


def submit_change(browser, site, tool_id, summary, change="", editor="nina"):
    """An editor changes the tool's summary and submits it, in their admin language (nina: fr, pablo: es)."""
    spanish = editor == "pablo"
    page = new_page(browser, site, locale="es-ES" if spanish else "fr-FR")
    sign_in(page, editor)
    page.goto(f"/admin/pages/{tool_id}/edit/")
    page.fill("#id_summary", summary)
    if change:
        page.get_by_label("Resumen de sus cambios" if spanish else "Résumé de vos modifications").fill(change)
    open_more_actions(page)
    page.get_by_role("button", name=re.compile("Enviar a" if spanish else "Soumettre à")).click()
    expect(page.locator(".messages")).to_contain_text(
        "enviada para moderación" if spanish else "soumise pour modération"
    )
    page.context.close()


def assert_accessible(page):
    if not AXE.exists():
        return
    problems = axe_violations(page)
    assert not problems, problems


@pytest.mark.slow  # a change submitted, diffed and approved
def test_a_spanish_moderator_reviews_the_diff_and_approves(browser, site, story, artifacts):
    submit_change(browser, site, story["tool"], SUMMARY, CHANGE)

    page = new_page(browser, site, locale="es-ES")
    sign_in(page, "rosa")
    panel = page.locator("#toolbox-to-review-section")
    expect(panel).to_contain_text("En espera de su revisión")
    expect(panel).to_contain_text(CHANGE)
    panel.get_by_role("link", name="OpenFisca").click()

    review = page.locator(".review")
    expect(review.locator(".change-summary")).to_have_text(CHANGE)
    expect(review.locator(".diff .addition").filter(has_text=MARK)).to_have_count(1)
    expect(review.locator(".new-contributor")).to_have_text("primera contribución")
    assert_accessible(page)
    screenshot(page, "review-es")

    page.get_by_label("Comentario para quien lo escribió").fill("Gracias, más claro.")
    page.get_by_role("button", name="Aprobar y publicar").click()
    expect(page.locator(".messages")).to_contain_text("aprobado")
    page.context.close()

    visitor = new_page(browser, site)
    visitor.goto("/fr/outils/openfisca/history/")
    expect(visitor.locator(".change-summary").first).to_have_text(CHANGE)
    expect(visitor.locator("table.history")).to_contain_text("Gracias, más claro.")
    visitor.context.close()
    story["approved"] = True


@pytest.mark.slow  # a change submitted and sent back
def test_a_french_moderator_must_say_why_when_asking_for_changes(browser, site, story, after):
    after("approved")
    submit_change(browser, site, story["tool"], REFUSED_SUMMARY, "Mejora el resumen", editor="pablo")

    page = new_page(browser, site)
    sign_in(page, "marc")
    page.goto("/admin/review/")
    submission = page.locator(".review-submission", has_text="OpenFisca")
    expect(submission.locator("summary")).to_have_text("Mejora el resumen")
    submission.locator("summary").click()
    expect(submission.locator(".diff .addition").filter(has_text="incomparable")).to_have_count(1)
    assert_accessible(page)
    submission.get_by_role("link", name="relire seule").click()

    page.get_by_role("button", name="Demander des changements").click()
    expect(page.get_by_role("alert")).to_contain_text("Dites ce qui doit changer")
    page.get_by_label("Commentaire pour l’auteur ou l’autrice").fill("Restez factuel, s’il vous plaît.")
    page.get_by_role("button", name="Demander des changements").click()
    expect(page.locator(".messages")).to_contain_text("renvoyée")
    page.context.close()

    author = new_page(browser, site, locale="es-ES")
    sign_in(author, "pablo")
    work = author.locator("#toolbox-my-work-section")
    expect(work).to_contain_text("Su trabajo")
    expect(work).to_contain_text("cambios solicitados por un moderador")
    expect(work).to_contain_text("OpenFisca")
    expect(work).to_contain_text("Restez factuel, s’il vous plaît.")
    author.context.close()

    visitor = new_page(browser, site)
    visitor.goto("/fr/outils/openfisca/")
    expect(visitor.locator("body")).not_to_contain_text(REFUSED_SUMMARY)
    visitor.context.close()
