"""A moderator reviews a submission on one screen: the diff, the summary, the author; then decides."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState

from moderation.review_views import PER_PAGE
from opendata.importer import import_records
from pages.tools import ToolIndexPage, ToolPage
from tests.admin import add_url, current_task_state, edit_url, post_page
from tests.factories import live_tool, section
from tests.helpers.html import parse, select, text_of
from tests.helpers.users import client_for, make_user

pytestmark = pytest.mark.django_db


# each its own browser: the shared ``client`` fixture can be signed in as one person at a time
@pytest.fixture
def editor_client(editor):
    return client_for(Client(), editor)


@pytest.fixture
def moderator_client(moderator):
    return client_for(Client(), moderator)


def submit(client, page, changes, summary=""):
    response = post_page(
        client, edit_url(page), {**changes, "change_summary": summary}, "submit", instance=page
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return current_task_state(page)


def review_url(task_state):
    return reverse("review", args=[task_state.pk])


def test_the_review_shows_the_diff_the_summary_and_a_new_contributor(editor_client, moderator_client):
    tool = live_tool("Kepler", summary="Un outil de vote.")
    state = submit(editor_client, tool, {"summary": "Un outil de pétition."}, "Remplace vote par pétition")

    html = parse(moderator_client.get(review_url(state)).content.decode())

    assert "Remplace vote par pétition" in [text_of(p) for p in select(html, ".change-summary")]
    assert "vote." in [text_of(d) for d in select(html, ".diff .deletion")]
    assert "pétition." in [text_of(a) for a in select(html, ".diff .addition")]
    assert select(html, ".new-contributor")


def test_approving_publishes_with_the_comment_and_opens_the_next_submission(
    editor_client, moderator_client, client
):
    first = live_tool("Kepler", summary="Un outil de vote.")
    second = live_tool("Sirius", summary="Un outil de débat.")
    first_state = submit(editor_client, first, {"summary": "Un outil de vote libre."})
    second_state = submit(editor_client, second, {"summary": "Un outil de débat libre."})

    response = moderator_client.post(review_url(first_state), {"action": "approve", "comment": "Merci !"})

    assert response.status_code == 302 and response["Location"] == review_url(second_state)
    first.refresh_from_db()
    assert first.specific.summary == "Un outil de vote libre."
    assert "Merci !" in Client().get(first.url + "history/").content.decode()
    assert not first.has_unpublished_changes


def test_asking_for_changes_needs_a_comment_which_reaches_the_author(
    editor, editor_client, moderator_client, django_capture_on_commit_callbacks
):
    tool = live_tool("Kepler", summary="Un outil de vote.")
    state = submit(editor_client, tool, {"summary": "Un outil."})
    mail.outbox.clear()

    refused = moderator_client.post(review_url(state), {"action": "reject", "comment": "  "})
    assert refused.status_code == 400
    assert select(parse(refused.content.decode()), "[role=alert]")
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(review_url(state), {"action": "reject", "comment": "Trop court."})
    assert response.status_code == 302
    assert WorkflowState.objects.get(pk=state.workflow_state_id).status == WorkflowState.STATUS_NEEDS_CHANGES
    assert any("Trop court." in message.body for message in mail.outbox if editor.email in message.to)
    tool.refresh_from_db()
    assert tool.specific.summary == "Un outil de vote."

    # the author's dashboard says it was sent back, and why
    dashboard = text_of(parse(editor_client.get(reverse("wagtailadmin_home")).content.decode()))
    assert "Trop court." in dashboard and "Kepler" in dashboard


def test_a_decided_or_foreign_submission_cannot_be_decided_again(editor, editor_client, moderator_client):
    tool = live_tool("Kepler", summary="Un outil de vote.")
    state = submit(editor_client, tool, {"summary": "Un outil libre."})

    # an editor may not decide, not even by posting the form
    other = client_for(Client(), make_user("eric", "Editors"))
    assert other.post(review_url(state), {"action": "approve"}).status_code in (302, 403)
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS

    assert moderator_client.post(review_url(state), {"action": "approve"}).status_code == 302
    again = moderator_client.post(review_url(state), {"action": "reject", "comment": "Non."})
    assert again.status_code == 302 and again["Location"] == reverse("review_list")
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_APPROVED
    assert moderator_client.get(reverse("review", args=[999999]), follow=True).status_code == 404
    assert moderator_client.post(review_url(state), {"action": "erase"}).status_code == 302


def test_a_new_page_is_reviewed_with_everything_it_holds(editor_client, moderator_client):
    tools = section(ToolIndexPage)
    data = {"title": "Decidim", "slug": "decidim", "summary": "Une plateforme de participation."}
    response = post_page(editor_client, add_url(ToolPage, tools), data, action="submit", model=ToolPage)
    assert response.status_code == 302
    page = ToolPage.objects.child_of(tools).get(slug="decidim")

    html = parse(moderator_client.get(review_url(current_task_state(page))).content.decode())

    assert "Une plateforme de participation." in [text_of(a) for a in select(html, ".diff .addition")]


def test_imported_submissions_are_reviewed_together_each_with_its_diff(moderator_client):
    records = [
        (f"line {n}", {"type": "tool", "language": "fr", "title": title, "summary": f"Résumé de {title}."})
        for n, title in enumerate(["Alpha", "Beta", "Gamma"], start=1)
    ]
    report = import_records(records)
    assert report.created == 3, report.summary()
    states = {
        Page.objects.get(pk=state.revision.object_id).title: state
        for state in TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
    }
    importer = states["Alpha"].revision.user_id

    listing = moderator_client.get(reverse("review_list"), {"author": importer})
    html = parse(listing.content.decode())
    assert len(select(html, ".review-submission")) == 3
    assert len(select(html, ".review-submission .diff")) == 3  # each keeps its own diff

    nothing = moderator_client.post(reverse("review_list") + f"?author={importer}", {"action": "approve"})
    assert nothing.status_code == 400

    response = moderator_client.post(
        reverse("review_list") + f"?author={importer}",
        {"action": "approve", "submission": [states["Alpha"].pk, states["Beta"].pk]},
    )
    assert response.status_code == 302
    live = set(
        ToolPage.objects.filter(live=True, title__in=["Alpha", "Beta", "Gamma"]).values_list(
            "title", flat=True
        )
    )
    assert live == {"Alpha", "Beta"}
    assert TaskState.objects.get(pk=states["Gamma"].pk).status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.slow  # builds and submits many changes twice over
def test_the_list_of_changes_to_review_keeps_its_queries_bounded(
    editor_client, moderator_client, django_assert_max_num_queries
):
    # the list shows PER_PAGE submissions with their diffs: its queries grow with the page, not the queue
    for n in range(PER_PAGE + 3):
        tool = live_tool(f"Outil {n}", summary="Un outil.")
        submit(editor_client, tool, {"summary": f"Un outil numéro {n}."}, f"Résumé {n}")
    with django_assert_max_num_queries(15 * PER_PAGE + 30):
        response = moderator_client.get(reverse("review_list"))
    assert response.status_code == 200
    assert len(select(parse(response.content.decode()), ".review-submission")) == PER_PAGE


def test_the_editor_offers_moderators_one_approve_action_beside_request_changes(
    editor_client, moderator_client
):
    tool = live_tool("Kepler", summary="Un outil de vote.")
    submit(editor_client, tool, {"summary": "Un outil libre."})

    html = parse(moderator_client.get(edit_url(tool)).content.decode())

    labels = sorted(text_of(button) for button in select(html, "button[data-workflow-action-name]"))
    assert labels == ["Approuver (commentaire facultatif)", "Demander des modifications"]
