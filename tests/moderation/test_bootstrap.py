"""`bootstrap` and `load_demo` build the site once, and running them again changes nothing."""

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

from moderation import roles
from pages.home import HomePage
from snippets.models import Audience, Category, HackathonCriterion, Licence, TechnicalCriterion, Topic

pytestmark = pytest.mark.django_db

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
    assert "0 pages created, 41 already present" in output.getvalue()
    assert not any(Page.find_problems()), "the page tree is inconsistent"


def test_three_locale_trees_with_one_home_page_each():
    homes = HomePage.objects.order_by("locale__language_code")
    assert [home.locale.language_code for home in homes] == ["en", "es", "fr"]
    assert len({home.translation_key for home in homes}) == 1
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.locale.language_code == "fr"
    # every page of the French tree exists in English and Spanish
    french = Page.objects.filter(locale__language_code="fr", depth__gt=1)
    for language_code in ("en", "es"):
        assert (
            Page.objects.filter(
                locale__language_code=language_code, translation_key__in=french.values("translation_key")
            ).count()
            == french.count()
        )


def test_groups_and_the_moderation_workflow_cover_every_locale_tree():
    assert {"Editors", "Translators", "Moderators"} <= set(Group.objects.values_list("name", flat=True))
    workflow = Workflow.objects.get(name="Moderation")
    assert workflow.active
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    for home in HomePage.objects.all():
        assert home.get_workflow() == workflow
        for language_code in ("fr", "en", "es"):
            group = Group.objects.get(name=roles.translators_group_name(language_code))
            can_edit = GroupPagePermission.objects.filter(
                group=group, page=home, permission__codename="change_page"
            ).exists()
            assert can_edit == (home.locale.language_code == language_code)


def test_demo_pages_are_published_with_a_revision_in_three_languages():
    for page in Page.objects.filter(depth__gt=2):
        assert page.live, page
        assert page.live_revision_id is not None, f"{page} has no published revision"
    assert Translation.objects.filter(target_locale__language_code="es").count() >= 41


def test_bootstrap_replaced_wagtails_welcome_page():
    # the fresh-install page was removed and the site points at the French home
    assert not Page.objects.filter(depth=2, slug="home", locale__language_code="fr").exists()
    assert Site.objects.get().root_page.specific_class is HomePage


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
