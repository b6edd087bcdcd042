"""Interface languages and countries: searchable select boxes named in the editor's admin language,
plain selects without JavaScript, submitting the same codes as before."""

import pytest
from wagtail.users.models import UserProfile

from pages.hackathons import HackathonPage
from pages.organisations import OrganisationPage
from pages.use_cases import UseCasePage
from tests.admin import edit_url, page_form, post_page
from tests.factories import live_tool, page_of_type
from tests.helpers.html import one, select, text_of

pytestmark = pytest.mark.django_db


def admin_in(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def options(response, name):
    """{value: name} of the options of the select box ``name``, in the order shown."""
    box = one(response, f"select[name={name}]")
    return {option["value"]: text_of(option) for option in box.select("option")}


@pytest.mark.parametrize(
    ("language", "spanish", "germany"),
    [("fr", "Espagnol", "Allemagne"), ("es", "Español", "Alemania"), ("en", "Spanish", "Germany")],
)
def test_the_tools_languages_and_countries_are_named_in_the_admin_language(
    editor, editor_client, language, spanish, germany
):
    admin_in(editor, language)
    response = editor_client.get(edit_url(live_tool("Outil Quetzal")))
    languages = options(response, "interface_languages")
    countries = options(response, "countries")
    assert languages["es"] == spanish
    assert countries["DE"] == germany
    # a searchable box over a plain multiple select: without JavaScript, the select itself
    for name in ("interface_languages", "countries"):
        box = one(response, f"select[name={name}]")
        assert box.has_attr("multiple") and box.has_attr("data-searchable-select")
    assert len(countries) > 240 and len(languages) > 90


def test_the_names_are_sorted_in_the_admin_language(editor, editor_client):
    admin_in(editor, "es")
    response = editor_client.get(edit_url(live_tool("Outil Quetzal")))
    names = list(options(response, "countries").values())
    assert names.index("Alemania") < names.index("Bélgica") < names.index("España") < names.index("Zimbabue")


def test_the_script_speaks_the_admin_language(editor, editor_client):
    admin_in(editor, "es")
    response = editor_client.get(edit_url(live_tool("Outil Quetzal")))
    box = one(response, "select[name=countries]")
    assert box["data-no-results"] == "Ninguna coincidencia"
    assert box["data-remove-label"] == "Quitar"
    scripts = [script.get("src", "") for script in select(response, "script[src]")]
    assert any(src.endswith("pages/searchable-select.js") for src in scripts)


def test_the_chosen_codes_are_saved_unchanged(editor, editor_client):
    admin_in(editor, "fr")
    tool = live_tool("Outil Quetzal", interface_languages=["fr"], countries=["FR"])
    response = post_page(
        editor_client,
        edit_url(tool),
        {"interface_languages": ["fr", "es", "pt-br"], "countries": ["FR", "MX", "DE"]},
        instance=tool,
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    saved = tool.get_latest_revision_as_object()
    assert sorted(saved.interface_languages) == ["es", "fr", "pt-br"]
    assert sorted(code.code for code in saved.countries) == ["DE", "FR", "MX"]


def test_an_unchanged_form_submits_the_values_it_was_given(editor_client):
    tool = live_tool("Outil Quetzal", interface_languages=["es", "fr"], countries=["MX", "FR"])
    data = page_form(editor_client, edit_url(tool), type(tool), tool)
    assert sorted(data.getlist("interface_languages")) == ["es", "fr"]
    assert sorted(data.getlist("countries")) == ["FR", "MX"]


def test_an_unknown_code_is_refused_with_a_message(editor, editor_client):
    admin_in(editor, "fr")
    tool = live_tool("Outil Quetzal")
    response = post_page(editor_client, edit_url(tool), {"countries": ["FR", "XX"]}, instance=tool)
    assert response.status_code == 200
    assert "XX" in text_of(one(response, "[data-contentpath=countries] .w-field__errors"))


@pytest.mark.parametrize(
    ("model", "name", "multiple"),
    [
        (UseCasePage, "countries", True),
        (OrganisationPage, "country", False),
        (HackathonPage, "country", False),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_every_country_field_is_searchable(editor, editor_client, model, name, multiple):
    admin_in(editor, "es")
    page = page_of_type(model, "fr")
    response = editor_client.get(edit_url(page))
    box = one(response, f"select[name={name}]")
    assert box.has_attr("data-searchable-select")
    assert box.has_attr("multiple") is multiple
    assert options(response, name)["DE"] == "Alemania"
