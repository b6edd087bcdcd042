"""Editors are warned before creating a tool or organisation that seems to exist already."""

import pytest

from opendata.duplicates import likely_duplicates, names_close, normalise_url
from pages.organisations import OrganisationPage
from pages.tools import ToolIndexPage, ToolPage
from tests.admin import add_url, edit_url, post_page
from tests.factories import OrganisationPageFactory, ToolPageFactory, section
from tests.helpers.html import one, text_of
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("OpenFisca", "Open Fisca", True),
        ("OpenFisca", "openfisca", True),
        ("Démocratie Ouverte", "Democratie-Ouverte", True),
        ("Cargografías", "Cargografias", True),
        ("Decidim", "Decidm", True),  # one letter missing
        ("Decidim", "Consul", False),
        ("API", "APE", False),  # short names must match exactly
    ],
)
def test_names_are_compared_without_case_accents_punctuation_and_small_typos(a, b, close):
    assert names_close(a, b) is close


def test_websites_are_compared_normalised():
    assert normalise_url("https://www.OpenFisca.org/") == normalise_url("http://openfisca.org")
    assert normalise_url("https://openfisca.org/fr/") != normalise_url("https://openfisca.org/")


def test_existing_entries_are_found_by_name_or_website():
    ToolPageFactory(title="Calculix", slug="calculix", website="https://www.calculix.example.org/")
    OrganisationPageFactory(title="Fabrique Orbelle")
    found = likely_duplicates(ToolPage, "Calcu-Lix", language="fr")
    assert [page.slug for page in found] == ["calculix"]
    by_site = likely_duplicates(ToolPage, "Un tout autre nom", "http://calculix.example.org", language="fr")
    assert [page.slug for page in by_site] == ["calculix"]
    organisations = likely_duplicates(OrganisationPage, "Fabrique Orbelle", language="fr")
    assert [page.title for page in organisations] == ["Fabrique Orbelle"]


def test_creating_a_likely_duplicate_asks_first_and_keeps_the_form(client, editor):
    editor_client = client_for(client, editor)
    url = add_url(ToolPage, section(ToolIndexPage))

    ToolPageFactory(title="Calculix", slug="calculix")
    response = post_page(editor_client, url, {"title": "Calcu Lix", "slug": "calcu-lix"}, model=ToolPage)

    assert response.status_code == 409
    assert "Calculix" in text_of(response)  # the entry that seems to exist already
    assert one(response, 'input[name="title"]')["value"] == "Calcu Lix"  # what the editor typed is kept
    assert not ToolPage.objects.filter(slug="calcu-lix").exists()

    confirmed = post_page(
        editor_client,
        url,
        {"title": "Calcu Lix", "slug": "calcu-lix", "confirm_not_duplicate": "1"},
        model=ToolPage,
    )
    assert confirmed.status_code == 302
    assert ToolPage.objects.filter(slug="calcu-lix").exists()


def test_a_new_name_saves_without_a_warning_and_editing_an_entry_does_not_warn_about_itself(client, editor):
    editor_client = client_for(client, editor)
    response = post_page(
        editor_client,
        add_url(ToolPage, section(ToolIndexPage)),
        {"title": "Zubenelgenubi", "slug": "zubenelgenubi"},
        model=ToolPage,
    )
    assert response.status_code == 302

    zubenelgenubi = ToolPage.objects.get(slug="zubenelgenubi")  # its own name does not warn
    response = post_page(
        editor_client, edit_url(zubenelgenubi), {"summary": "Changé."}, instance=zubenelgenubi
    )
    assert response.status_code == 302
