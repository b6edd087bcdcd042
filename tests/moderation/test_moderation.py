"""Editors write, moderators approve or reject: the story of a change, through the real admin views."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from wagtail.models import GroupApprovalTask, Revision, Workflow, WorkflowState, WorkflowTask

from pages.tools import ToolIndexPage, ToolPage
from tests.admin import add_url, edit_url, post_page, workflow_action
from tests.factories import live_tool, section
from tests.helpers.html import text_of
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db

NEW_TOOL = {
    "title": "Decidim",
    "slug": "decidim",
    "summary": "Une plateforme libre de participation citoyenne.",
    "website": "https://decidim.org/",
}


def create_tool_as(client, action):
    tools = section(ToolIndexPage)
    response = post_page(client, add_url(ToolPage, tools), NEW_TOOL, action=action, model=ToolPage)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ToolPage.objects.child_of(tools).get(slug="decidim")


def test_an_editor_may_edit_and_submit_but_not_publish(editor):
    tool = live_tool("Kepler")
    permissions = tool.permissions_for_user(editor)
    assert permissions.can_edit()
    assert permissions.can_submit_for_moderation()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    assert section(ToolIndexPage).permissions_for_user(editor).can_add_subpage()
    assert not section(ToolIndexPage).permissions_for_user(editor).can_publish_subpage()


def test_the_moderator_may_publish_unpublish_and_approve(moderator):
    tool = live_tool("Kepler", language="es")
    permissions = tool.permissions_for_user(moderator)
    assert permissions.can_publish()
    assert permissions.can_unpublish()
    assert tool.get_workflow().name == "Moderation"


def test_an_editors_publish_button_is_refused(editor_client):
    tool = create_tool_as(editor_client, action="publish")
    assert not tool.live, "an editor's publish request published the page"
    assert tool.has_unpublished_changes
    assert editor_client.get("/fr/outils/decidim/").status_code == 404

    live = live_tool("Kepler", summary="Résumé relu.")
    response = post_page(
        editor_client,
        edit_url(live),
        {"summary": "Résumé non relu"},
        action="publish",
        instance=live,
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.summary == "Résumé relu."
    assert "Résumé non relu" not in text_of(editor_client.get(live.url))


def test_submitted_tool_goes_live_when_a_moderator_approves(editor_client, moderator, client):
    tool = create_tool_as(editor_client, action="submit")
    assert not tool.live
    state = WorkflowState.objects.get(object_id=str(tool.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Moderators approval"
    assert any(moderator.email in message.to for message in mail.outbox), "moderators were not told"

    moderator_client = client_for(client, moderator)
    response = workflow_action(moderator_client, tool, "approve", comment="Fiche complète, merci.")
    assert response.status_code in (200, 302)

    tool.refresh_from_db()
    assert tool.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    page = client.get("/fr/outils/decidim/")
    assert page.status_code == 200
    assert "Une plateforme libre de participation citoyenne." in text_of(page)


def test_a_rejected_change_leaves_the_live_page_and_tells_the_editor_why(
    editor, editor_client, moderator, client
):
    tool = live_tool("Mes Droits", summary="Un simulateur des aides sociales.")
    live_summary = tool.summary
    response = post_page(
        editor_client, edit_url(tool), {"summary": "Un résumé trop vague."}, action="submit", instance=tool
    )
    assert response.status_code == 302

    moderator_client = client_for(client, moderator)
    workflow_action(
        moderator_client, tool, "reject", comment="Précisez pour qui et comment, s'il vous plaît."
    )

    tool.refresh_from_db()
    assert tool.live and tool.summary == live_summary
    assert WorkflowState.objects.get(object_id=str(tool.pk)).status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "Un résumé trop vague." not in text_of(client.get(tool.url))

    # in the editor's view of the page, where the admin keeps it out of the visible text until opened
    editor_view = client_for(client, editor).get(edit_url(tool)).content.decode()
    assert "Précisez pour qui et comment, s&#x27;il vous plaît." in editor_view
    assert any(
        editor.email in message.to and "Précisez pour qui et comment" in message.body
        for message in mail.outbox
    ), "the editor was not sent the moderator's comment"


def test_the_live_page_stays_unchanged_while_a_revision_waits(editor_client, client):
    tool = live_tool("Marchés ouverts")
    before = Revision.objects.filter(object_id=str(tool.pk)).count()

    post_page(
        editor_client,
        edit_url(tool),
        {"summary": "Nouveau résumé en attente."},
        action="submit",
        instance=tool,
    )

    assert Revision.objects.filter(object_id=str(tool.pk)).count() == before + 1
    tool.refresh_from_db()
    assert tool.has_unpublished_changes
    assert tool.get_latest_revision_as_object().summary == "Nouveau résumé en attente."
    client.logout()
    assert "Nouveau résumé en attente." not in text_of(client.get(tool.url))


def test_every_save_keeps_a_revision(editor_client):
    tool = live_tool("Wiki des données")
    count = Revision.objects.filter(object_id=str(tool.pk)).count()
    for summary in ("Premier brouillon.", "Deuxième brouillon."):
        post_page(editor_client, edit_url(tool), {"summary": summary}, instance=tool)
    revisions = Revision.objects.filter(object_id=str(tool.pk)).order_by("created_at")
    assert revisions.count() == count + 2
    assert [revision.as_object().summary for revision in revisions][-2:] == [
        "Premier brouillon.",
        "Deuxième brouillon.",
    ]


def test_a_page_waiting_for_moderation_is_locked_for_its_editor(editor_client):
    tool = live_tool("Marchés ouverts")
    post_page(editor_client, edit_url(tool), {"summary": "Version soumise."}, action="submit", instance=tool)
    revisions = Revision.objects.filter(object_id=str(tool.pk)).count()

    post_page(editor_client, edit_url(tool), {"summary": "Changement pendant la relecture."}, instance=tool)

    assert Revision.objects.filter(object_id=str(tool.pk)).count() == revisions
    tool.refresh_from_db()
    assert tool.get_latest_revision_as_object().summary == "Version soumise."


def test_an_edit_after_approval_sends_the_page_back_for_approval(editor_client, moderator, settings):
    """With a second review step, a change made after the first approval must be approved again."""
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is True
    workflow = Workflow.objects.get(name="Moderation")
    legal = GroupApprovalTask.objects.create(name="Legal review")
    legal.groups.add(Group.objects.get(name="Moderators"))
    WorkflowTask.objects.create(workflow=workflow, task=legal, sort_order=1)

    tool = live_tool("Marchés ouverts")
    post_page(editor_client, edit_url(tool), {"summary": "Version relue."}, action="submit", instance=tool)
    moderator_client = Client()
    moderator_client.force_login(moderator)
    workflow_action(moderator_client, tool, "approve")
    state = WorkflowState.objects.get(object_id=str(tool.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.current_task_state.task.name == "Legal review"

    # a reviewer of the second step changes the text: the first step's approval no longer holds
    post_page(moderator_client, edit_url(tool), {"summary": "Version relue puis modifiée."}, instance=tool)
    workflow_action(moderator_client, tool, "approve")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Moderators approval"
    tool.refresh_from_db()
    assert tool.summary != "Version relue puis modifiée."  # nothing published yet

    workflow_action(moderator_client, tool, "approve")
    workflow_action(moderator_client, tool, "approve")
    tool.refresh_from_db()
    assert tool.summary == "Version relue puis modifiée."
