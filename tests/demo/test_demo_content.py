"""The demo catalogue (`load_demo`): it loads once, loading it again changes nothing, and every one of
its pages renders in French, English and Spanish with a history.

These are the only tests that read the demo content; the others build their own pages
(tests/factories.py). The browser journeys of tests/e2e also walk through the demo site."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Revision,
    Site,
    Workflow,
    WorkflowPage,
)
from wagtail_localize.models import Translation

from snippets.models import Audience, Category, HackathonCriterion, Licence, TechnicalCriterion, Topic
from tests.factories import linked_pages
from tests.helpers.html import one, parse, select, text_of

pytestmark = pytest.mark.django_db

SKIP_LINK = {"fr": "Aller au contenu", "en": "Skip to content", "es": "Ir al contenido"}
DEMO_PAGES = 41  # entries of the catalogue, in each language
SITE_PAGES = 6  # the home page and its five sections, in each language

COUNTED = [
    Page,
    Locale,
    Site,
    Group,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    GroupApprovalTask,
    Revision,
    Translation,
    Category,
    Topic,
    Audience,
    Licence,
    TechnicalCriterion,
    HackathonCriterion,
    get_image_model(),
]


def census():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_running_bootstrap_and_load_demo_again_duplicates_nothing():
    before = census()
    output = io.StringIO()
    call_command("bootstrap", stdout=output)
    call_command("load_demo", stdout=output)
    assert census() == before
    assert f"0 pages created, {DEMO_PAGES} already present" in output.getvalue()
    assert not any(Page.find_problems()), "the page tree is inconsistent"


def test_demo_pages_are_published_with_a_revision_in_three_languages():
    for page in Page.objects.filter(depth__gt=2):
        assert page.live, page
        assert page.live_revision_id is not None, f"{page} has no published revision"
    assert Translation.objects.filter(target_locale__language_code="es").count() >= DEMO_PAGES


def test_bootstrap_and_load_demo_restore_what_is_missing():
    from pages.hackathons import HackathonIndexPage, HackathonPage

    spanish_section = HackathonIndexPage.objects.get(locale__language_code="es")
    spanish_section.delete()
    assert not HackathonPage.objects.filter(locale__language_code="es").exists()

    call_command("bootstrap", stdout=io.StringIO())
    assert HackathonIndexPage.objects.filter(locale__language_code="es").exists()
    call_command("load_demo", stdout=io.StringIO())
    assert HackathonPage.objects.filter(locale__language_code="es", live=True).count() == 3
    assert not any(Page.find_problems())


def test_the_demo_loads_on_a_site_whose_licences_predate_the_spdx_list():
    # sites bootstrapped before the SPDX list named AGPL-3.0-or-later "agpl-3-0": bootstrap keeps that
    # term (same SPDX id) and the demo finds its licences by SPDX id, not by our identifier
    from pages.tools import ToolPage

    Licence.objects.filter(spdx_id="AGPL-3.0-or-later").update(slug="agpl-3-0")
    ToolPage.objects.get(slug="openfisca", locale__language_code="fr").delete()

    call_command("bootstrap", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    assert not Licence.objects.filter(slug="agpl-3-0-or-later").exists()
    tool = ToolPage.objects.get(slug="openfisca", locale__language_code="fr")
    assert tool.licence.slug == "agpl-3-0"


@pytest.mark.slow  # renders every demo page of a language
@pytest.mark.parametrize("language_code", list(SKIP_LINK))
def test_every_demo_page_renders(client, language_code):
    pages = Page.objects.live().filter(locale__language_code=language_code, depth__gt=1).specific()
    pages = pages.exclude(pk__in=linked_pages())
    assert pages.count() == DEMO_PAGES + SITE_PAGES
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        document = parse(response)
        assert one(document, "html")["lang"] == language_code, page.url
        assert SKIP_LINK[language_code] in text_of(document), page.url
        assert page.title in text_of(one(document, "main h1")), page.url


def test_demo_pages_have_a_history_in_every_language(client):
    for url in (
        "/fr/outils/openfisca/history/",
        "/en/tools/openfisca/history/",
        "/es/herramientas/openfisca/history/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert select(response, '[name="a"]'), url
