"""Choosers of linked pages: one entry per translation group, the edited page's language first,
found by its name in any language, and nothing a user may not see."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.users.models import UserProfile

from localisation.content import Texts
from pages.organisations import OrganisationPage
from pages.tools import ToolOrganisation
from tests.admin import edit_url, post_page
from tests.factories import OrganisationPageFactory, locale, published, tool
from tests.helpers.html import attributes, one, parse, select, text_of

pytestmark = pytest.mark.django_db

CHOOSE = "organisationpage_chooser:choose"
RESULTS = "organisationpage_chooser:choose_results"


def quetzal():
    """An organisation named differently in each language; returns {language: page}."""
    return published(
        OrganisationPage,
        {
            "title": Texts("Quetzal France", "Quetzal England", "Quetzal España"),
            "slug": Texts("quetzal-fr", "quetzal-en", "quetzal-es"),
            "kind": "administration",
        },
    )


def french_only(title, live=True):
    page = OrganisationPageFactory(title=title, live=live)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


def entries(client, language="", q=""):
    """(title, language label) of each entry the chooser's results offer, in order."""
    response = client.get(reverse(RESULTS), {"language": language, "q": q})
    assert response.status_code == 200
    rows = select(response, "table tbody tr")
    return [tuple(text_of(cell) for cell in row.select("td")) for row in rows]


def test_each_organisation_is_offered_once_in_the_edited_pages_language(editor_client):
    quetzal()
    assert entries(editor_client, "es", "quetzal") == [("Quetzal España", "")]
    assert entries(editor_client, "en", "quetzal") == [("Quetzal England", "")]


def test_groups_without_a_page_in_that_language_come_after_labelled_with_their_language(editor_client):
    quetzal()
    french_only("Quetzal solitaire")
    found = entries(editor_client, "es", "quetzal")
    assert found == [("Quetzal España", ""), ("Quetzal solitaire", "Français")]


def test_the_search_finds_a_group_by_its_name_in_any_language_accents_and_case_aside(editor_client):
    quetzal()
    for query in ("England", "españa", "ESPANA", "quetzal france"):
        assert entries(editor_client, "es", query) == [("Quetzal España", "")], query
    assert entries(editor_client, "es", "Quetzal Nowhere") == []


def test_the_demo_organisation_etalab_is_listed_once(editor_client):
    found = entries(editor_client, "es", "Etalab")
    assert len(found) == 1


def test_without_a_language_the_default_language_comes_first(editor_client):
    quetzal()
    assert entries(editor_client, "", "quetzal") == [("Quetzal France", "")]
    assert entries(editor_client, "xx", "quetzal") == [("Quetzal France", "")]


def test_the_chooser_modal_opens_on_the_same_entries(editor_client):
    quetzal()
    response = editor_client.get(reverse(CHOOSE), {"language": "es", "q": "quetzal"})
    assert response.status_code == 200
    html = parse(response.json()["html"])
    assert [text_of(row.select_one("td")) for row in select(html, "table tbody tr")] == ["Quetzal España"]


def test_a_draft_or_private_page_is_offered_only_to_who_may_edit_it(editor_client, client, translator_es):
    draft = french_only("Quetzal brouillon", live=False)
    private = french_only("Quetzal privé")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    # editors edit every tree: their own drafts are worth linking to before they are published
    found = [title for title, _ in entries(editor_client, "fr", "quetzal")]
    assert found == ["Quetzal brouillon", "Quetzal privé"]
    # a Spanish translator edits the Spanish tree only: the French draft and private page are not his
    client.force_login(translator_es)
    assert entries(client, "es", "quetzal") == []
    for page in (draft, private):
        chosen = client.get(reverse("organisationpage_chooser:chosen", args=[page.pk]), follow=True)
        assert chosen.status_code == 404


def test_the_alias_of_a_private_page_is_offered_only_to_who_may_edit_it(editor_client, client, translator_es):
    private = french_only("Quetzal privé")
    private.create_alias(update_slug="quetzal-alias")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    french_only("Quetzal ouvert").create_alias(update_slug="quetzal-ouvert-alias")
    assert len(entries(editor_client, "fr", "quetzal privé")) == 2  # the page and its alias
    client.force_login(translator_es)
    assert entries(client, "fr", "quetzal") == [("Quetzal ouvert", "")] * 2  # the public page and its alias


def test_a_search_matches_no_group_through_a_page_the_user_may_not_see(client, translator_es):
    live = french_only("Quetzal public")
    # the English translation is a draft whose title names it otherwise: not a way to find it
    draft = live.copy_for_translation(locale("en"))
    draft.title = "Quetzal hidden name"
    draft.save_revision()
    client.force_login(translator_es)
    assert entries(client, "es", "hidden") == []
    assert entries(client, "es", "public") == [("Quetzal public", "Français")]


def test_an_anonymous_visitor_cannot_open_the_chooser(client):
    response = client.get(reverse(RESULTS), {"q": "quetzal"})
    assert response.status_code == 302


def test_the_spanish_pages_organisation_rows_open_the_chooser_in_spanish(editor, editor_client):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"  # the admin's language is not the page's
    profile.save()
    page = published_tool_es()
    response = editor_client.get(edit_url(page))
    assert response.status_code == 200
    # the blank row an editor adds (in a <template>), as the rows already there
    template = one(response, "template[id$=organisation_links-EMPTY_FORM_TEMPLATE]")
    blank_row = "".join(str(part) for part in template)
    urls = attributes(blank_row, "[data-chooser-url]", "data-chooser-url")
    assert urls == [reverse(CHOOSE) + "?language=es"]


def published_tool_es():
    page = tool("Herramienta Quetzal", summary="Texto.", language="es")
    page.save_revision().publish()
    return page


def test_the_chosen_page_is_stored_as_chosen(editor_client):
    versions = quetzal()
    page = published_tool_es()
    response = post_page(
        editor_client,
        edit_url(page),
        {
            "organisation_links-TOTAL_FORMS": "1",
            "organisation_links-INITIAL_FORMS": "0",
            "organisation_links-0-organisation": str(versions["es"].pk),
            "organisation_links-0-role": "developer",
            "organisation_links-0-ORDER": "1",
            "organisation_links-0-DELETE": "",
            "organisation_links-0-id": "",
        },
        instance=page,
    )
    assert response.status_code == 302
    page.refresh_from_db()
    saved = page.get_latest_revision_as_object()
    assert [row.organisation_id for row in saved.organisation_links.all()] == [versions["es"].pk]
    assert ToolOrganisation.objects.filter(page=page).count() == 0  # a draft revision, not yet live
