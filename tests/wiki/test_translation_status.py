"""Translations fall behind when their original changes, and catch up when they are re-synced."""

import pytest

from pages.tools import ToolPage

pytestmark = pytest.mark.django_db


def openfisca(language_code):
    return ToolPage.objects.get(slug="openfisca", locale__language_code=language_code)


@pytest.fixture
def changed_original():
    original = openfisca("fr")
    original.summary = "Un moteur libre qui calcule impôts et prestations, désormais en trois langues."
    original.save_revision().publish()
    return original


def test_a_translation_says_when_its_original_changed(client, changed_original):
    html = client.get(openfisca("en").url).content.decode()

    assert "translation-notice" in html
    assert "The original in French changed on" in html
    assert f'href="{changed_original.url}" hreflang="fr"' in html
    assert "translation-notice" not in client.get(changed_original.url).content.decode()


def test_an_up_to_date_translation_has_no_notice(client):
    assert "translation-notice" not in client.get(openfisca("es").url).content.decode()


def test_translators_see_the_translations_behind_in_their_language(client, translator_es, changed_original):
    client.force_login(translator_es)

    html = client.get("/admin/reports/outdated-translations/").content.decode()

    assert "Espagnol" in html or "Español" in html
    assert f"/admin/pages/{openfisca('es').pk}/edit/" in html
    assert f"/admin/pages/{openfisca('en').pk}/edit/" not in html  # not their language


def test_republishing_the_translation_clears_the_notice(client, translator_es, changed_original):
    translation = openfisca("es")
    translation.summary = "Un motor libre que calcula impuestos y prestaciones, ahora en tres idiomas."
    translation.save_revision().publish()

    assert "translation-notice" not in client.get(translation.url).content.decode()
    client.force_login(translator_es)
    html = client.get("/admin/reports/outdated-translations/").content.decode()
    assert f"/admin/pages/{translation.pk}/edit/" not in html


def test_a_page_missing_in_the_visitors_language_says_so_in_that_language(client):
    from tests.factories import tool

    page = tool("Seulement en français", summary="Texte.")
    page.save_revision().publish()

    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Esta página aún no está disponible en español." in html
    assert "translation-notice" not in html
    # a visitor whose language the page exists in sees no such notice
    assert "aún no está disponible" not in client.get(page.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert (
        "aún no está disponible"
        not in client.get(openfisca("fr").url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    )
