"""The admin dashboard shows each role what to do next."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.admin import current_task_state, edit_url, post_page
from tests.factories import live_tool
from tests.helpers.html import parse, select, text_of
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


def dashboard(user):
    response = client_for(Client(), user).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return parse(response.content.decode())


def test_an_editor_sees_their_drafts_and_submissions(editor):
    drafted = live_tool("Kepler", summary="Un outil.")
    submitted = live_tool("Sirius", summary="Un outil.")
    as_editor = client_for(Client(), editor)
    assert (
        post_page(as_editor, edit_url(drafted), {"summary": "Brouillon."}, instance=drafted).status_code
        == 302
    )
    post_page(as_editor, edit_url(submitted), {"summary": "Proposé."}, "submit", instance=submitted)

    work = text_of(select(dashboard(editor), "#toolbox-my-work-section")[0])

    assert "Kepler" in work and "brouillon, pas encore envoyé en modération" in work
    assert "Sirius" in work and "en attente de modération" in work


def test_a_moderator_sees_what_waits_and_reaches_the_review_screen(editor, moderator):
    tool = live_tool("Kepler", summary="Un outil.")
    post_page(client_for(Client(), editor), edit_url(tool), {"summary": "Proposé."}, "submit", instance=tool)

    panel = select(dashboard(moderator), "#toolbox-to-review-section")[0]

    links = [link.get("href") for link in panel.select("a")]
    assert reverse("review", args=[current_task_state(tool).pk]) in links
    # an editor has no such panel
    assert not select(dashboard(editor), "#toolbox-to-review-section")


def test_a_translator_sees_their_queue_with_its_action(translator_es):
    live_tool("Sans traduction", summary="Un outil.")

    panel = select(dashboard(translator_es), "#toolbox-translation-queue-section")

    assert panel, "the Spanish translator has no translation queue on the dashboard"
    rows = [text_of(row) for row in panel[0].select("tbody tr")]
    assert any("Sans traduction" in row and "Español" in row for row in rows)
    assert panel[0].select("form button[type=submit]")
