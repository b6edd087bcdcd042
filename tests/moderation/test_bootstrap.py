"""`bootstrap` builds the site: three locale trees, the groups and the moderation workflow.

Running it (and `load_demo`) again is tested with the demo content, in tests/demo."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    GroupPagePermission,
    Page,
    Site,
    Workflow,
)

from moderation import roles
from pages.home import HomePage

pytestmark = pytest.mark.django_db


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


def test_bootstrap_replaced_wagtails_welcome_page():
    # the fresh-install page was removed and the site points at the French home
    assert not Page.objects.filter(depth=2, slug="home", locale__language_code="fr").exists()
    assert Site.objects.get().root_page.specific_class is HomePage
