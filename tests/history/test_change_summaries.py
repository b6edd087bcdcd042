"""The editor's own words for a change: typed under the editor, read in history, recent changes, feeds."""

import pytest
from django.test import Client

from history.models import ChangeSummary
from tests.admin import edit_url, post_page, workflow_action
from tests.factories import live_tool
from tests.helpers.html import one, parse, select, text_of
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


def submit_with_summary(client, page, changes, summary, action="submit"):
    response = post_page(
        client, edit_url(page), {**changes, "change_summary": summary}, action, instance=page
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return type(page).objects.get(pk=page.pk)


def approve(moderator, page, comment=""):
    response = workflow_action(client_for(Client(), moderator), page, "approve", comment)
    assert response.status_code in (200, 302)


def history_summaries(client, page):
    html = parse(client.get(page.url + "history/").content.decode())
    return [text_of(cell) for cell in select(html, "p.change-summary")]


def test_the_summary_typed_when_submitting_is_read_in_the_history_once_published(
    editor_client, moderator, client
):
    tool = live_tool("Kepler", summary="Un outil de vote.")
    # one field, labelled, in the form (a second, empty one would be what the browser sends last)
    editor = editor_client.get(edit_url(tool)).content.decode()
    assert editor.count('name="change_summary"') == 1
    assert one(parse(editor), "#page-edit-form label[for=id_change_summary]")

    tool = submit_with_summary(
        editor_client, tool, {"summary": "Un outil de vote et de pétition."}, "Ajoute les pétitions"
    )

    # waiting for moderation: nobody outside reads the words yet
    assert "Ajoute les pétitions" not in Client().get(tool.url + "history/").content.decode()
    assert "Ajoute les pétitions" not in Client().get("/fr/recent-changes/").content.decode()
    assert "Ajoute les pétitions" not in Client().get("/fr/").content.decode()

    approve(moderator, tool)
    assert history_summaries(Client(), tool) == ["Ajoute les pétitions"]
    assert "Ajoute les pétitions" in Client().get("/fr/recent-changes/").content.decode()
    assert "Ajoute les pétitions" in Client().get("/fr/recent-changes/feed/").content.decode()
    assert "Ajoute les pétitions" in Client().get("/fr/").content.decode()  # the home page's latest changes


def test_a_draft_s_summary_explains_the_version_published_after_it(editor_client, moderator):
    tool = live_tool("Kepler", summary="Un outil de vote.")
    tool = submit_with_summary(
        editor_client, tool, {"summary": "Un outil."}, "Corrige la licence", action=None
    )
    tool = submit_with_summary(editor_client, tool, {"summary": "Un outil de vote."}, "Précise le résumé")
    approve(moderator, tool)

    assert history_summaries(Client(), tool) == ["Corrige la licence", "Précise le résumé"]


def test_a_rejected_revision_s_summary_never_reaches_the_history(editor_client, moderator):
    tool = live_tool("Kepler", summary="Un outil de vote.")
    tool = submit_with_summary(editor_client, tool, {"summary": "Casino !"}, "Ajoute mon casino")
    response = workflow_action(client_for(Client(), moderator), tool, "reject", "Publicité.")
    assert response.status_code in (200, 302)
    tool = submit_with_summary(editor_client, tool, {"summary": "Un outil de vote libre."}, "Version relue")
    approve(moderator, tool)

    assert history_summaries(Client(), tool) == ["Version relue"]


def test_a_summary_is_one_line_of_plain_text_shown_escaped(editor_client, moderator):
    tool = live_tool("Kepler", summary="Un outil de vote.")
    tool = submit_with_summary(
        editor_client,
        tool,
        {"summary": "Un outil de vote libre."},
        "  <script>alert(1)</script>\n\tsuite\x07 ",
    )
    assert ChangeSummary.objects.get().text == "<script>alert(1)</script> suite"
    approve(moderator, tool)

    history = Client().get(tool.url + "history/").content.decode()
    assert "<script>alert(1)" not in history
    assert "&lt;script&gt;alert(1)&lt;/script&gt; suite" in history
    feed = Client().get("/fr/recent-changes/feed/").content.decode()
    # the feed's summary is HTML carried in XML: the words must arrive as text, escaped twice
    assert "&amp;lt;script&amp;gt;" in feed and "<script>" not in feed


def test_a_summary_too_long_is_refused_and_the_editor_keeps_their_text(editor_client):
    tool = live_tool("Kepler", summary="Un outil de vote.")
    response = post_page(
        editor_client,
        edit_url(tool),
        {"summary": "Un résumé que je ne veux pas perdre.", "change_summary": "x" * 301},
        "submit",
        instance=tool,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Un résumé que je ne veux pas perdre." in html
    assert "x" * 301 in html
    assert not ChangeSummary.objects.exists()
