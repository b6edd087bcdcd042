"""Notification e-mails go out in their recipient's admin language, with the site's public address."""

import pytest
from django.core import mail

from core.site_address import public_address
from tests.admin import edit_url, post_page, workflow_action
from tests.factories import live_tool
from tests.helpers.users import client_for, make_user
from wiki import signup
from wiki.models import Watch
from wiki.watching import send_digests

from .test_admin_language import speaking

pytestmark = pytest.mark.django_db


def to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def html_of(message):
    return "".join(content for content, mimetype in message.alternatives if mimetype == "text/html")


@pytest.fixture
def spanish_moderator(moderator):
    return speaking(moderator, "es")


@pytest.fixture
def english_editor(editor):
    return speaking(editor, "en")


@pytest.fixture
def submitted(client, english_editor, spanish_moderator, django_capture_on_commit_callbacks):
    page = live_tool("Procyon lotor", summary="Texte initial.")
    with django_capture_on_commit_callbacks(execute=True):
        post_page(
            client_for(client, english_editor),
            edit_url(page),
            {"summary": "Texte proposé."},
            "submit",
            instance=page,
        )
    return page


def test_a_spanish_moderator_hears_of_a_submission_in_spanish(submitted, spanish_moderator):
    [message] = to(spanish_moderator)
    html = html_of(message)

    for part in (message.body, html):
        assert "Hola Morgan," in part
        assert "Aprobación de los moderadores" in part  # the task, by its Spanish name
        assert "Hello" not in part and "Salut" not in part
    assert 'lang="es"' in html  # the HTML part too, although the submitter's admin is English
    assert f"{public_address()}/admin/pages/{submitted.pk}/" in message.body


def test_an_english_editor_hears_of_the_decision_in_english(
    client, submitted, english_editor, spanish_moderator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client_for(client, spanish_moderator), submitted, "approve", comment="Perfecto.")

    [message] = to(english_editor)
    html = html_of(message)
    for part in (message.subject + message.body, html):
        assert "Moderators approval" in part or "Moderation" in part
        assert "Hola" not in part and "Moderación" not in part
    assert 'lang="en"' in html
    assert public_address() in message.body


def test_without_a_preference_the_site_default_language(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    page = live_tool("Nasua nasua", summary="Texte initial.")
    with django_capture_on_commit_callbacks(execute=True):
        post_page(
            client_for(client, speaking(editor, "es")),
            edit_url(page),
            {"summary": "Autre."},
            "submit",
            instance=page,
        )

    [message] = to(moderator)
    assert "Salut Morgan," in message.body  # French, not the submitter's Spanish


def test_each_moderator_hears_of_an_application_in_their_language(spanish_moderator):
    french_moderator = make_user("fabienne", "Moderators")

    messages = signup.apply(
        name="Nadia Nueva",
        email="nadia@example.org",
        password="correct horse battery staple",
        motivation="Traduire.",
        language="en",
        admin_url=f"{public_address()}/admin/",
    )

    new = {message.to[0]: message for message in messages if message.to[0] != "nadia@example.org"}
    assert set(new) == {spanish_moderator.email, french_moderator.email}
    assert "Nadia Nueva (nadia@example.org) solicita colaborar." in new[spanish_moderator.email].body
    assert "solicita colaborar" not in new[french_moderator.email].body
    assert f"{public_address()}/admin/contributors/applications/" in new[spanish_moderator.email].body


def test_the_watch_digest_follows_the_profile_language(english_editor):
    page = live_tool("Potos flavus", summary="Texte initial.")
    Watch.objects.create(user=english_editor, page=page, language="fr")
    page.summary = "Texte changé."
    page.save_revision().publish()

    assert send_digests(hours=1) >= 1
    [message] = to(english_editor)
    assert message.subject.startswith("OGP Toolbox: ") and "in what you watch" in message.subject
    assert f"{public_address()}{page.url}" in message.body
