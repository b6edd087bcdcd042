"""Translations fall behind when their original changes, and catch up when they are re-synced."""

import pytest

from tests.factories import calculix
from tests.helpers.html import links, one, select, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("translated_calculix")]


@pytest.fixture
def changed_original():
    original = calculix("fr")
    original.summary = "Un moteur libre qui calcule impôts et prestations, désormais en trois langues."
    original.save_revision().publish()
    return original


def test_a_translation_says_when_its_original_changed(client, changed_original):
    notice = one(client.get(calculix("en").url), ".translation-notice")

    assert "The original in French changed on" in text_of(notice)
    assert select(notice, f'a[href="{changed_original.url}"][hreflang="fr"]')
    assert not select(client.get(changed_original.url), ".translation-notice")


def test_an_up_to_date_translation_has_no_notice(client):
    assert not select(client.get(calculix("es").url), ".translation-notice")


def test_translators_see_the_translations_behind_in_their_language(client, translator_es, changed_original):
    client.force_login(translator_es)

    report = client.get("/admin/reports/outdated-translations/")

    assert "Espagnol" in text_of(report) or "Español" in text_of(report)
    assert f"/admin/pages/{calculix('es').pk}/edit/" in links(report)
    assert f"/admin/pages/{calculix('en').pk}/edit/" not in links(report)  # not their language


def test_republishing_the_translation_clears_the_notice(client, translator_es, changed_original):
    translation = calculix("es")
    translation.summary = "Un motor libre que calcula impuestos y prestaciones, ahora en tres idiomas."
    translation.save_revision().publish()

    assert not select(client.get(translation.url), ".translation-notice")
    client.force_login(translator_es)
    report = client.get("/admin/reports/outdated-translations/")
    assert f"/admin/pages/{translation.pk}/edit/" not in links(report)


def test_a_page_missing_in_the_visitors_language_says_so_in_that_language(client):
    from tests.factories import tool

    page = tool("Seulement en français", summary="Texte.")
    page.save_revision().publish()

    response = client.get(page.url, HTTP_ACCEPT_LANGUAGE="es")

    assert "Esta página aún no está disponible en español." in text_of(response)
    assert not select(response, ".translation-notice")
    # a visitor whose language the page exists in sees no such notice
    assert "aún no está disponible" not in text_of(client.get(page.url, HTTP_ACCEPT_LANGUAGE="fr"))
    assert "aún no está disponible" not in text_of(client.get(calculix("fr").url, HTTP_ACCEPT_LANGUAGE="es"))
