"""Translators find and read the pages of other languages in the admin, without any right to change them."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from moderation import roles
from tests.factories import live_tool, tool
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


# --- what they may not read: drafts and private pages of the trees they may not edit ---------------

SECRET = "SECRET quasar"


def hidden_pages():
    """A French draft, a French page for the Moderators only and the alias of that page, beside a
    public one; returns the hidden ones."""
    draft = tool(f"{SECRET} brouillon", summary="Confidentiel.", live=False)
    draft.save_revision()
    private = live_tool(f"{SECRET} réservé", summary="Confidentiel.")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type="groups")
    restriction.groups.set([Group.objects.get(name=roles.MODERATORS)])
    alias = private.create_alias(update_slug="quasar-alias")
    return [draft, private, alias]


@pytest.fixture
def hidden(french_page):
    return hidden_pages()


def shows_secret(response):
    assert response.status_code == 200
    return SECRET in response.content.decode()


def test_admin_search_shows_translators_no_draft_or_private_page(client, translator_es, hidden):
    translator = client_for(client, translator_es)
    search = reverse("wagtailadmin_pages:search")

    assert not shows_secret(translator.get(search, {"q": "quasar"}))
    assert not shows_secret(translator.get(reverse("wagtailadmin_pages:search_results"), {"q": "quasar"}))
    assert "Zythologie ouverte" in text_of(translator.get(search, {"q": "Zythologie"}))


def test_the_explorer_search_of_every_tree_too(client, translator_es, hidden):
    spanish_home = hidden[0].get_parent().get_parent().get_translation(translator_es_locale())
    explore = reverse("wagtailadmin_explore", args=[spanish_home.pk])

    response = client_for(client, translator_es).get(explore, {"q": "quasar", "search_all": "1"})

    assert not shows_secret(response)


def test_and_the_pages_of_a_type(client, translator_es, hidden):
    uses = reverse("wagtailadmin_pages:type_use", args=["pages", "toolpage"])

    assert not shows_secret(client_for(client, translator_es).get(uses, {"q": "quasar"}))


def test_the_page_chooser_lists_and_finds_no_draft_or_private_page(client, translator_es, hidden):
    translator = client_for(client, translator_es)
    tools = hidden[0].get_parent()

    assert not shows_secret(translator.get(reverse("wagtailadmin_choose_page_search"), {"q": "quasar"}))
    assert not shows_secret(translator.get(reverse("wagtailadmin_choose_page_child", args=[tools.pk])))
    found = translator.get(reverse("wagtailadmin_choose_page_search"), {"q": "Zythologie"})
    assert "Zythologie ouverte" in found.content.decode()


def test_the_page_chooser_names_no_hidden_page_by_its_id(client, translator_es, hidden):
    translator = client_for(client, translator_es)

    for page in hidden:
        browsed = translator.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]), follow=True)
        chosen = translator.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": [page.pk]})
        assert browsed.status_code == 404 and SECRET not in browsed.content.decode()
        assert chosen.status_code == 200 and SECRET not in chosen.content.decode()


def test_the_page_types_report_names_no_hidden_page(client, translator_es, superuser, hidden):
    report = reverse("wagtailadmin_reports:page_types_usage")

    # the newest tool is a hidden one: the report names the newest the translator may read instead
    assert not shows_secret(client_for(client, translator_es).get(report))
    assert shows_secret(client_for(Client(), superuser).get(report))


def test_translators_find_drafts_and_private_pages_of_their_own_tree(client, translator_es):
    draft = tool(f"{SECRET} español", language="es", live=False)
    draft.save_revision()

    response = client_for(client, translator_es).get(reverse("wagtailadmin_pages:search"), {"q": "quasar"})

    assert shows_secret(response)


def test_editors_may_edit_and_so_read_every_page(client, editor, hidden):
    # not a leak: editors have page rights in every tree, private pages included
    response = client_for(client, editor).get(reverse("wagtailadmin_pages:search"), {"q": "quasar"})

    assert shows_secret(response)
    assert all(page.permissions_for_user(editor).can_edit() for page in hidden)
