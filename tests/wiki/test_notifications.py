"""Moderators hear of submissions; submitters hear of the decision, with the moderator's comment."""

import pytest
from django.core import mail

from tests.admin import edit_url, post_page, workflow_action
from tests.factories import tool
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, editor, moderator, django_capture_on_commit_callbacks):
    page = tool("Procyon", summary="Texte initial.")
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        post_page(
            client_for(client, editor), edit_url(page), {"summary": "Texte proposé."}, "submit", instance=page
        )
    return page


def test_moderators_are_told_of_a_submission(submitted, moderator):
    to_moderator = [message for message in mail.outbox if moderator.email in message.to]
    assert to_moderator, [m.to for m in mail.outbox]
    assert "Procyon" in to_moderator[0].subject + to_moderator[0].body


def test_the_submitter_hears_of_a_rejection_with_its_comment(
    client, submitted, editor, moderator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client_for(client, moderator), submitted, "reject", comment="Sources manquantes.")

    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert to_editor
    assert "Sources manquantes." in to_editor[0].body + "".join(str(a[0]) for a in to_editor[0].alternatives)


def test_the_submitter_hears_of_an_approval(
    client, submitted, editor, moderator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client_for(client, moderator), submitted, "approve", comment="Parfait.")

    assert [message for message in mail.outbox if editor.email in message.to]
