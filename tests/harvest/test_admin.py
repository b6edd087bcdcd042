"""Moderators manage the sources in the admin; nobody else does."""

import pytest

from harvest.models import Source

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/harvest/source/"


def test_a_moderator_adds_a_source_from_the_sources_screen(moderator_client):
    page = moderator_client.get(LIST)
    assert page.status_code == 200
    answer = moderator_client.post(
        LIST + "add/",
        {
            "name": "Socle interministériel",
            "kind": "sill",
            "address": "https://code.gouv.fr/data/sill.json",
            "language": "fr",
            "data_licence": "Licence Ouverte 2.0",
            "attribution": "DINUM",
            "schedule": "weekly",
            "trust": "moderate",
            "enabled": "on",
        },
    )
    assert answer.status_code == 302, answer.content[:2000]
    source = Source.objects.get(name="Socle interministériel")
    assert (source.kind, source.trust) == ("sill", "moderate")
    assert "Socle interministériel" in moderator_client.get(LIST).content.decode()


def test_an_unknown_kind_is_refused_with_a_message(moderator_client):
    answer = moderator_client.post(
        LIST + "add/",
        {
            "name": "X",
            "kind": "gopher",
            "address": "https://example.org/",
            "language": "en",
            "data_licence": "CC0",
            "schedule": "weekly",
            "trust": "moderate",
        },
    )
    assert answer.status_code == 200
    assert not Source.objects.filter(name="X").exists()


def test_an_editor_cannot_see_or_add_sources(editor_client):
    assert editor_client.get(LIST).status_code in (302, 403)
    editor_client.post(LIST + "add/", {"name": "Y", "kind": "sill", "address": "https://example.org/"})
    assert not Source.objects.filter(name="Y").exists()
