"""Public URLs carry their language; "/" sends visitors to theirs."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("es-AR,es;q=0.9", "/es/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("fr-FR", "/fr/"),
        ("de-DE,de", "/fr/"),
        ("", "/fr/"),
    ],
)
def test_the_root_redirects_by_the_browsers_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response.url == expected


def test_each_home_page_is_served_under_its_language(client):
    for language_code, title in (("fr", "Outils"), ("en", "Tools"), ("es", "Herramientas")):
        response = client.get(f"/{language_code}/")
        assert response.status_code == 200
        assert f'<html lang="{language_code}">' in response.content.decode()
        assert title in response.content.decode()


def test_french_content_is_never_served_under_the_english_prefix(client):
    assert client.get("/en/outils/openfisca/").status_code == 404
    assert client.get("/en/nothing-here/").status_code == 404
    assert client.get("/en/tools/openfisca/").status_code == 200


def test_every_page_declares_its_translations_as_alternates(client):
    html = client.get("/en/tools/openfisca/").content.decode()
    for language_code, path in (
        ("fr", "/fr/outils/openfisca/"),
        ("en", "/en/tools/openfisca/"),
        ("es", "/es/herramientas/openfisca/"),
    ):
        assert f'<link rel="alternate" hreflang="{language_code}" href="http://testserver{path}">' in html
