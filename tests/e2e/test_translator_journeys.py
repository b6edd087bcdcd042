"""A translator's journey in Chromium: a Spanish translator finds a French page in their "To translate"
queue, starts its translation, translates a segment and sends it for moderation; the queue screen in
the French admin too, and axe-core finds no serious problem on it.

The steps run in order; each one skips when the step before it failed.
"""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import new_page, screenshot, sign_in
from .test_accessibility import AXE, axe_violations

TITLE = f"Observatoire des marchés publics {uuid.uuid4().hex[:6]}"
SPANISH_TITLE = TITLE.replace("Observatoire des marchés publics", "Observatorio de la contratación pública")

SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from moderation import roles
from tests.factories import live_tool
User = get_user_model()
for username, language in [("tomas", "es"), ("theo", "fr")]:
    user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
    user.first_name = username.capitalize()
    user.set_password(PASSWORD)
    user.save()
    user.groups.set(Group.objects.filter(name__in=[roles.TRANSLATORS, roles.translators_group_name("es")]))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
print(live_tool(TITLE, summary="Un outil pour suivre les marchés publics.").pk)
"""


@pytest.fixture(scope="module")
def story(site):
    from .conftest import PASSWORD

    code = SETUP.replace("PASSWORD", repr(PASSWORD)).replace("TITLE", repr(TITLE))
    return {"french_id": int(site.python(code).splitlines()[-1])}


def queue_row(page):
    return page.get_by_role("row", name=re.compile(re.escape(TITLE)))


@pytest.mark.slow  # the first step of the journey: signs in and builds the queue
def test_the_queue_screen_in_the_french_admin(browser, site, story):
    page = new_page(browser, site)
    sign_in(page, "theo")
    page.get_by_role("link", name="À traduire", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("À traduire")
    row = queue_row(page)
    expect(row).to_contain_text("Français")
    expect(row).to_contain_text("Español")
    expect(row.get_by_role("button", name=re.compile("^Traduire"))).to_be_visible()
    screenshot(page, "translation-queue-fr")
    if AXE.exists():
        problems = axe_violations(page)
        assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)
    page.context.close()
    story["queue_fr"] = True


@pytest.mark.slow  # a whole translation in the admin
def test_a_spanish_translator_translates_a_french_page_from_the_queue(browser, site, story):
    page = new_page(browser, site, locale="es-ES")
    sign_in(page, "tomas")
    page.get_by_role("link", name="Por traducir", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Por traducir")
    row = queue_row(page)
    expect(row).to_contain_text("Français")
    screenshot(page, "translation-queue-es")
    if AXE.exists():
        problems = axe_violations(page)
        assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)

    row.get_by_role("button", name=re.compile("^Traducir")).click()
    # (the translation is made first, then the editor opens: more than 5 s on a busy machine)
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=30_000)

    # wagtail-localize's translation editor; its main action here is sending for moderation, not "lock"
    send = page.get_by_role("button", name="Enviar la traducción a moderación")
    expect(send).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^(Bloquear|Lock)$"))).to_have_count(0)
    segment = page.locator("li", has_text=TITLE).filter(has=page.locator("textarea, button")).last
    segment.get_by_role("button", name=re.compile("Traducir|Translate")).click()
    segment.locator("textarea").fill(SPANISH_TITLE)
    segment.get_by_role("button", name=re.compile("Guardar|Save")).click()
    expect(segment).to_contain_text(SPANISH_TITLE)
    screenshot(page, "translation-editor-es")

    send.click()
    expect(page.locator(".messages")).to_contain_text("se envió a los moderadores")
    page.context.close()

    state = site.python(
        "from wagtail.models import Page; "
        f"source = Page.objects.get(pk={story['french_id']}); "
        "spanish = source.get_translations().get(locale__language_code='es').specific; "
        "print(spanish.live, spanish.workflow_in_progress, spanish.get_latest_revision_as_object().title)"
    )
    assert state == f"False True {SPANISH_TITLE}"
    story["sent"] = True


def test_the_page_leaves_the_queue(browser, site, story, after):
    after("sent")
    page = new_page(browser, site, locale="es-ES")
    sign_in(page, "tomas")
    page.goto("/admin/translations/to-translate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Por traducir")
    expect(queue_row(page)).to_have_count(0)
    page.context.close()
