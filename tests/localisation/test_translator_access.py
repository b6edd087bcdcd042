"""Translators find and read the pages of other languages in the admin, without any right to change them."""

import pytest
from django.urls import reverse

from tests.factories import live_tool
from tests.helpers.html import links, text_of
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_page():
    return live_tool("Zythologie ouverte", summary="Un outil en français seulement.")


def test_a_spanish_translator_finds_a_french_page_in_admin_search(client, translator_es, french_page):
    translator = client_for(client, translator_es)

    results = translator.get(reverse("wagtailadmin_pages:search"), {"q": "Zythologie"})

    assert "Zythologie ouverte" in text_of(results)
    found = links(results)
    assert french_page.url in found  # "View live": read it
    assert reverse("wagtail_localize:submit_page_translation", args=[french_page.pk]) in found
    assert reverse("wagtailadmin_pages:edit", args=[french_page.pk]) not in found


def test_and_in_the_explorer_search_of_their_tree(client, translator_es, french_page):
    spanish_home = french_page.get_parent().get_parent().get_translation(translator_es_locale())
    translator = client_for(client, translator_es)

    results = translator.get(
        reverse("wagtailadmin_explore", args=[spanish_home.pk]), {"q": "Zythologie", "search_all": "1"}
    )

    assert "Zythologie ouverte" in text_of(results)


def translator_es_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="es")


def test_reading_gives_no_right_to_change_the_french_page(client, translator_es, french_page):
    translator = client_for(client, translator_es)
    edit = reverse("wagtailadmin_pages:edit", args=[french_page.pk])

    assert translator.get(edit)["Location"] == reverse("wagtailadmin_home")
    translator.post(edit, {"title": "Changé", "slug": "change", "action-publish": "1"})
    french_page.refresh_from_db()
    assert french_page.title == "Zythologie ouverte"
    assert not french_page.permissions_for_user(translator_es).can_edit()
