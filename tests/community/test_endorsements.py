"""Endorsements ("we use it"): declared by a member, approved by one moderator, withdrawn by its author."""

import pytest
from django.core import mail

from community import actions
from community.models import Endorsement, Membership, Vote
from tests.helpers.html import texts
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


def endorse_url(tool):
    return f"/{tool.locale.language_code}/community/{tool.pk}/endorse/"


def shown_endorsers(client, page):
    return texts(client.get(page.url).content.decode(), ".endorsement-list > li strong")


def approve_all(client, moderator):
    from moderation import review

    client_for(client, moderator)
    for state in review.reviewable(moderator, model=Endorsement):
        response = client.post("/admin/community/", {"action": "approve", "task_state": state.pk})
        assert response.status_code == 302
    client.logout()


def test_a_member_declares_that_their_organisation_uses_a_tool(
    client, catalogue, contributor, moderator, member_of
):
    organisation = member_of(contributor)
    tool = catalogue["tool"]["fr"]
    client_for(client, contributor)
    form = client.get(endorse_url(tool)).content.decode()
    assert organisation.title in form and "Moi-même" in form
    response = client.post(
        endorse_url(tool),
        {"on_behalf_of": organisation.pk, "since_year": "2019", "context": "Pour nos simulations."},
    )
    assert response.status_code == 302
    client.logout()
    assert shown_endorsers(client, tool) == []  # not before a moderator approved it
    assert len(mail.outbox) >= 1  # moderators are told

    client_for(client, moderator)
    screen = client.get("/admin/community/").content.decode()
    assert "Pour nos simulations." in screen
    approve_all(client, moderator)

    english = catalogue["tool"]["en"]
    assert shown_endorsers(client, english) == [catalogue["organisation"]["en"].title]
    page = client.get(english.url).content.decode()
    assert "1 declared use" in page and "since 2019" in page
    organisation_page = client.get(catalogue["organisation"]["es"].url).content.decode()
    assert "Herramientas que usa" in organisation_page
    assert catalogue["tool"]["es"].title in texts(
        organisation_page, "#tools-used ~ * a, [aria-labelledby=tools-used] a"
    )


def test_organisations_come_before_people(client, catalogue, contributor, newcomer, moderator, member_of):
    tool = catalogue["tool"]["en"]
    actions.endorse(newcomer, tool)  # for herself, first
    actions.endorse(contributor, tool, member_of(contributor, "en"))
    approve_all(client, moderator)
    assert shown_endorsers(client, tool) == [catalogue["organisation"]["en"].title, "Nina Newcomer"]


def test_nobody_speaks_for_an_organisation_they_do_not_belong_to(client, catalogue, contributor):
    tool = catalogue["tool"]["en"]
    organisation = catalogue["organisation"]["en"]
    client_for(client, contributor)
    response = client.post(endorse_url(tool), {"on_behalf_of": organisation.pk})
    assert response.status_code == 400  # not one of the choices offered
    with pytest.raises(actions.Refused):
        actions.endorse(contributor, tool, organisation)
    assert not Endorsement.objects.exists()


def test_a_use_is_declared_once_in_every_language(client, catalogue, contributor, member_of):
    organisation = member_of(contributor)
    actions.endorse(contributor, catalogue["tool"]["fr"], organisation)
    client_for(client, contributor)
    response = client.post(endorse_url(catalogue["tool"]["en"]), {"on_behalf_of": "0"})
    assert response.status_code == 302  # for herself: another declaration
    en_organisation = catalogue["organisation"]["en"]
    response = client.post(endorse_url(catalogue["tool"]["en"]), {"on_behalf_of": en_organisation.pk})
    assert response.status_code == 409
    assert Endorsement.objects.count() == 2


def test_a_moderator_sends_one_back_with_a_comment(client, catalogue, contributor, moderator):
    from moderation import review

    tool = catalogue["tool"]["en"]
    actions.endorse(contributor, tool)
    state = review.reviewable(moderator, model=Endorsement).get()
    client_for(client, moderator)
    client.post("/admin/community/", {"action": "reject", "task_state": state.pk, "comment": ""})
    assert review.reviewable(moderator, model=Endorsement).count() == 1  # a comment is required
    client.post("/admin/community/", {"action": "reject", "task_state": state.pk, "comment": "Which team?"})
    assert review.reviewable(moderator, model=Endorsement).count() == 0
    client.logout()
    assert shown_endorsers(client, tool) == []


def test_the_author_withdraws_an_endorsement(client, catalogue, contributor, moderator):
    tool = catalogue["tool"]["en"]
    endorsement = actions.endorse(contributor, tool)
    approve_all(client, moderator)
    assert shown_endorsers(client, tool) == ["Carla Contributor"]
    client_for(client, contributor)
    client.post(f"/en/community/endorsement/{endorsement.pk}/withdraw/", {"next": tool.url})
    client.logout()
    assert shown_endorsers(client, tool) == []
    assert "0 declared uses" in client.get(tool.url).content.decode()


def test_a_waiting_endorsement_withdrawn_leaves_the_moderators_queue(catalogue, contributor, moderator):
    from moderation import review

    endorsement = actions.endorse(contributor, catalogue["tool"]["fr"])
    actions.withdraw_endorsement(contributor, endorsement)
    assert not review.reviewable(moderator, model=Endorsement).exists()


def test_endorsements_are_voted_on_and_reported(client, catalogue, contributor, voters, moderator):
    tool = catalogue["tool"]["en"]
    endorsement = actions.endorse(contributor, tool)
    approve_all(client, moderator)
    client_for(client, voters[0])
    client.post(f"/en/community/endorsement/{endorsement.pk}/vote/", {"value": "-1"})
    assert Vote.objects.get(endorsement=endorsement).value == -1
    client.post(f"/en/community/endorsement/{endorsement.pk}/report/", {"reason": "They stopped in 2020."})
    client_for(client, moderator)
    client.post("/admin/community/", {"action": "hide", "kind": "endorsement", "item": endorsement.pk})
    client.logout()
    assert shown_endorsers(client, tool) == []


def test_the_page_review_screen_does_not_mistake_an_endorsement_for_a_page(
    client, catalogue, contributor, moderator
):
    actions.endorse(contributor, catalogue["tool"]["en"])
    client_for(client, moderator)
    response = client.get("/admin/review/")
    assert response.status_code == 200
    assert catalogue["tool"]["en"].title not in response.content.decode()


def test_memberships_are_recorded_by_moderators_in_the_admin(client, moderator, contributor, catalogue):
    client_for(client, moderator)
    assert client.get("/admin/organisation_members/").status_code == 200
    client_for(client, contributor)
    assert client.get("/admin/organisation_members/").status_code in (302, 403)
    assert not Membership.objects.exists()


def test_a_sent_back_endorsement_is_not_listed_as_a_page_on_the_dashboard(
    client, catalogue, contributor, moderator
):
    from moderation import review

    actions.endorse(contributor, catalogue["tool"]["en"])
    state = review.reviewable(moderator, model=Endorsement).get()
    review.decide(state, moderator, "reject", comment="Which team?")
    client_for(client, contributor)
    dashboard = client.get("/admin/").content.decode()
    assert "Which team?" not in dashboard  # it would link to the page that has the endorsement's id
