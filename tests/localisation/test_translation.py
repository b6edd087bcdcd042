"""Translators localise pages with wagtail-localize; translations live in their own locale tree."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from pages.tools import ToolIndexPage, ToolPage
from tests.admin import edit_url
from tests.factories import ToolPageFactory, published, section
from tests.helpers.html import attributes, select, text_of
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


def switcher_link(response, language_code):
    """Where the language switcher leads for ``language_code``."""
    found = attributes(
        response, f'.language-switcher a[hreflang="{language_code}"][lang="{language_code}"]', "href"
    )
    return found[0] if found else None


def alternates(response):
    """{language: address} of the page's hreflang links."""
    return {link["hreflang"]: link["href"] for link in select(response, 'link[rel="alternate"][hreflang]')}


def test_a_translation_made_with_wagtail_localize_joins_the_spanish_tree(
    client, translator_es, moderator, django_capture_on_commit_callbacks
):
    tool = ToolPageFactory(
        title="Decidim", slug="decidim", summary="Une plateforme de démocratie participative."
    )
    spanish = Locale.objects.get(language_code="es")
    translator = client_for(client, translator_es)

    # the translator asks for a Spanish translation: a draft appears in the Spanish tree, not live
    response = translator.post(
        reverse("wagtail_localize:submit_page_translation", args=[tool.pk]), {"locales": [spanish.pk]}
    )
    assert response.status_code == 302
    draft = tool.get_translation(spanish).specific
    assert draft.get_parent().specific == section(ToolIndexPage, "es")
    assert not draft.live, "submitting for translation published an untranslated copy"

    # … translates the summary in wagtail-localize's editor …
    translation = Translation.objects.get(source__object_id=tool.translation_key, target_locale=spanish)
    summary = StringSegment.objects.get(source=translation.source, context__path="summary")
    response = translator.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, summary.pk]),
        urlencode({"value": "Una plataforma de democracia participativa."}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201

    # … and a moderator publishes it from the same editor
    moderator_client = Client()
    moderator_client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        response = moderator_client.post(edit_url(draft), {"action": "publish"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert draft.summary == "Una plataforma de democracia participativa."

    # the two versions point at each other in the language switcher and in hreflang
    visitor = Client()
    french_page, spanish_page = visitor.get(tool.url), visitor.get(draft.url)
    assert draft.url == "/es/herramientas/decidim/"
    assert switcher_link(french_page, "es") == "/es/herramientas/decidim/"
    assert switcher_link(spanish_page, "fr") == tool.url
    assert alternates(french_page)["es"] == f"http://testserver{draft.url}"
    assert "Una plataforma de democracia participativa." in text_of(spanish_page)


def test_the_switcher_falls_back_to_the_home_page_of_an_untranslated_language(client):
    tool = ToolPageFactory(title="Outil seulement en français")
    response = client.get(tool.url)
    assert switcher_link(response, "en") == "/en/"
    assert switcher_link(response, "es") == "/es/"
    assert "en" not in alternates(response)  # no alternate for a page that does not exist
    assert set(alternates(response)) == {"fr", "x-default"}


def test_a_spanish_translator_edits_only_the_spanish_tree(translator_es, client):
    versions = published(ToolPage, {"title": "Calculix", "slug": "calculix"})
    french, english, spanish = versions["fr"], versions["en"], versions["es"]
    assert spanish.permissions_for_user(translator_es).can_edit()
    assert not french.permissions_for_user(translator_es).can_edit()
    assert not english.permissions_for_user(translator_es).can_edit()
    assert not spanish.permissions_for_user(translator_es).can_publish()

    translator = client_for(client, translator_es)
    assert translator.get(edit_url(spanish)).status_code == 200
    for page in (french, english):
        response = translator.get(edit_url(page))
        assert response.status_code == 302 and response.url == "/admin/"
        response = translator.post(edit_url(page), {"title": "Piraté", "action-publish": "1"})
        page.refresh_from_db()
        assert page.title == "Calculix"
