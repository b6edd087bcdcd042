"""Taking part through doors other than the forms: nothing goes live, nothing breaks (4xx, never 5xx)."""

import pytest

from community import actions
from community.models import Endorsement
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    "path",
    [
        f"/en/community/argument/{HUGE}/vote/",
        f"/en/community/endorsement/{HUGE}/report/",
        f"/en/community/{HUGE}/argue/",
        f"/en/community/{HUGE}/endorse/",
        f"/en/community/argument/{HUGE}/withdraw/",
    ],
)
def test_huge_ids_are_client_errors(client, contributor, path):
    client_for(client, contributor)
    assert 400 <= client.post(path, {"value": "1"}).status_code < 500
    assert 400 <= client.get(path).status_code < 500


def test_a_use_case_cannot_be_endorsed(client, catalogue, contributor):
    client_for(client, contributor)
    assert client.get(f"/en/community/{catalogue['use_case']['en'].pk}/endorse/").status_code == 404


def test_an_organisation_page_cannot_be_argued_about(client, catalogue, contributor):
    client_for(client, contributor)
    url = f"/en/community/{catalogue['organisation']['en'].pk}/argue/"
    assert client.post(url, {"stance": "for", "title": "T", "text": "X"}).status_code == 404


def test_a_contributor_cannot_publish_their_endorsement_through_the_admin(client, catalogue, contributor):
    endorsement = actions.endorse(contributor, catalogue["tool"]["en"])
    client_for(client, contributor)
    edit = f"/admin/snippets/community/endorsement/edit/{endorsement.pk}/"
    response = client.post(edit, {"action-publish": "1", "tool": endorsement.tool_id, "language": "en"})
    assert response.status_code in (302, 403)
    endorsement.refresh_from_db()
    assert not endorsement.live


def test_answering_an_argument_of_another_page_is_refused(client, catalogue, contributor, trusted):
    other = actions.argue(contributor, catalogue["use_case"]["en"], "for", "Elsewhere", "…")
    client_for(client, contributor)
    url = f"/en/community/{catalogue['tool']['en'].pk}/argue/"
    response = client.post(url, {"answer": other.pk, "stance": "for", "title": "T", "text": "X"})
    assert response.status_code == 404


def test_a_year_to_come_is_refused_and_the_text_kept(client, catalogue, contributor):
    client_for(client, contributor)
    url = f"/en/community/{catalogue['tool']['en'].pk}/endorse/"
    response = client.post(url, {"on_behalf_of": "0", "since_year": "3000", "context": "Kept context."})
    assert response.status_code == 400
    assert "Kept context." in response.content.decode()
    assert not Endorsement.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "approve", "task_state": "abc"},
        {"action": "approve", "task_state": HUGE},
        {"action": "hide", "kind": "argument", "item": "x"},
        {"action": "hide", "kind": "page", "item": "1"},
        {"action": "explode"},
    ],
)
def test_the_moderators_screen_answers_bad_posts_with_client_errors(client, moderator, data):
    client_for(client, moderator)
    assert client.post("/admin/community/", data).status_code in (302, 400, 404)


def test_only_moderators_open_the_community_screen(client, contributor):
    client_for(client, contributor)
    assert client.get("/admin/community/").status_code in (302, 403)
