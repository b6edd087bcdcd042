"""Arguments for and against, answers, votes, reports and hiding: the site's journeys in two languages."""

import pytest
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from community import actions
from community.models import Argument, Report, Vote
from tests.helpers.html import select, text_of, texts
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


def argue_url(page):
    return f"/{page.locale.language_code}/community/{page.pk}/argue/"


def argument_titles(response, stance):
    return texts(response.content.decode(), f".arguments__column--{stance} > ol > li > article > h4")


def test_a_visitor_reads_the_balance_and_is_invited_to_sign_in(client, catalogue):
    tool = catalogue["tool"]["en"]
    page = client.get(tool.url).content.decode()
    assert "For and against" in page
    assert "0 arguments for" in page and "0 arguments against" in page
    assert "Sign in to argue and vote" in page


def test_a_visitor_cannot_argue(client, catalogue):
    tool = catalogue["tool"]["fr"]
    response = client.post(argue_url(tool), {"stance": "for", "title": "T", "text": "X"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Argument.objects.exists()


def test_an_account_waiting_for_approval_cannot_argue(client, catalogue, applicant):
    tool = catalogue["tool"]["fr"]
    client_for(client, applicant)
    response = client.post(argue_url(tool), {"stance": "for", "title": "T", "text": "X"})
    assert response.status_code == 403
    assert "approved" in response.content.decode() or "approuvé" in response.content.decode()
    assert not Argument.objects.exists()


def test_a_new_contributors_first_argument_waits_for_a_moderator(client, catalogue, newcomer, moderator):
    tool = catalogue["tool"]["fr"]
    client_for(client, newcomer)
    response = client.post(
        argue_url(tool),
        {"stance": "for", "title": "Installé en une heure", "text": "Sans aide."},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Installé en une heure" in text_of(select(page, ".notice")[0])  # the author sees it waiting
    assert argument_titles(response, "for") == []
    client.logout()
    assert "Installé en une heure" not in client.get(tool.url).content.decode()

    client_for(client, moderator)
    argument = Argument.objects.get()
    screen = client.get("/admin/community/").content.decode()
    assert "Installé en une heure" in screen
    client.post("/admin/community/", {"action": "publish", "kind": "argument", "item": argument.pk})
    client.logout()
    english = client.get(catalogue["tool"]["en"].url)
    assert argument_titles(english, "for") == ["Installé en une heure"]
    assert "Written in French" in english.content.decode()  # labelled with its language
    assert 'lang="fr"' in english.content.decode()


def test_a_trusted_contributors_argument_appears_at_once_in_every_language(
    client, catalogue, contributor, trusted
):
    tool = catalogue["tool"]["en"]
    client_for(client, contributor)
    client.post(argue_url(tool), {"stance": "against", "title": "Hard to host", "text": "Needs Java."})
    client.logout()
    french = client.get(catalogue["tool"]["fr"].url)
    assert argument_titles(french, "against") == ["Hard to host"]
    assert "Écrit en anglais" in french.content.decode()
    assert "1 argument contre" in french.content.decode()


def test_an_argument_on_one_criterion_names_it(client, catalogue, contributor, trusted):
    tool = catalogue["tool"]["en"]
    criterion = catalogue["criteria"][0]["fr"]
    client_for(client, contributor)
    form = client.get(argue_url(tool)).content.decode()
    assert "Hosting" in form  # the criterion, in the page's language
    client.post(
        argue_url(tool),
        {"stance": "for", "title": "Easy", "text": "One container.", "criterion": criterion.pk},
    )
    assert Argument.objects.get().criterion == criterion
    assert "On “Hosting”" in client.get(tool.url).content.decode()


def test_a_criterion_the_tool_has_no_value_for_is_refused(client, catalogue, contributor, trusted):
    from snippets.models import TechnicalCriterion

    tool = catalogue["tool"]["en"]
    used = {value.criterion_id for value in tool.criteria_values.all()}
    other = TechnicalCriterion.objects.exclude(pk__in=used).first()
    client_for(client, contributor)
    response = client.post(
        argue_url(tool), {"stance": "for", "title": "Easy", "text": "Kept text.", "criterion": other.pk}
    )
    assert response.status_code == 400
    assert "Kept text." in response.content.decode()  # nothing typed is lost
    assert not Argument.objects.exists()


def test_an_argument_is_answered_once_and_answers_are_not_answered(
    client, catalogue, contributor, newcomer, trusted
):
    tool = catalogue["tool"]["fr"]
    argument = actions.argue(contributor, tool, "for", "Rapide", "Très rapide.")
    client_for(client, newcomer)
    client.post(
        argue_url(tool),
        {"answer": argument.pk, "stance": "against", "title": "Pas chez nous", "text": "Lent."},
    )
    answer = Argument.objects.get(parent=argument)
    assert answer.stance == "against"
    page = client.get(tool.url).content.decode()
    replies = texts(page, f"#argument-{argument.pk} .argument-list--replies h4")
    assert replies == ["Contre : Pas chez nous"] or replies == ["Contredit : Pas chez nous"]
    response = client.post(
        argue_url(tool), {"answer": answer.pk, "stance": "for", "title": "Si", "text": "Si."}
    )
    assert response.status_code == 404
    assert Argument.objects.count() == 2


def test_votes_order_arguments_and_can_be_changed_and_withdrawn(
    client, catalogue, contributor, voters, trusted
):
    tool = catalogue["tool"]["en"]
    actions.argue(contributor, tool, "for", "First", "One.")
    second = actions.argue(contributor, tool, "for", "Second", "Two.")
    client_for(client, voters[0])
    vote_url = f"/en/community/argument/{second.pk}/vote/"
    client.post(vote_url, {"value": "1", "next": tool.url})
    assert argument_titles(client.get(tool.url), "for") == ["Second", "First"]
    client.post(vote_url, {"value": "-1"})  # changed
    assert Vote.objects.get().value == -1
    assert argument_titles(client.get(tool.url), "for") == ["First", "Second"]
    page = client.get(tool.url).content.decode()
    assert "Withdraw my −1" in page
    client.post(vote_url, {"value": "0"})  # withdrawn
    assert not Vote.objects.exists()


def test_score_is_shown_without_voters(client, catalogue, contributor, voters, trusted):
    tool = catalogue["tool"]["en"]
    argument = actions.argue(contributor, tool, "for", "Solid", "It is.")
    for voter, value in zip(voters, (1, 1, -1), strict=True):
        actions.vote(voter, argument, value)
    page = client.get(tool.url).content.decode()
    assert "score 1 (+2 / −1)" in page
    assert "voter0" not in page and "Voter0" not in page


def test_one_vote_per_person_is_a_database_rule(catalogue, contributor, voters, trusted):
    argument = actions.argue(contributor, catalogue["tool"]["fr"], "for", "Solide", "Oui.")
    Vote.objects.create(user=voters[0], argument=argument, value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(user=voters[0], argument=argument, value=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(user=voters[1], argument=argument, value=5)


def test_nobody_votes_on_what_they_wrote(client, catalogue, contributor, trusted):
    tool = catalogue["tool"]["en"]
    argument = actions.argue(contributor, tool, "for", "Mine", "Mine.")
    client_for(client, contributor)
    response = client.post(f"/en/community/argument/{argument.pk}/vote/", {"value": "1"})
    assert response.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.parametrize("value", ["2", "abc", "", "1e3"])
def test_a_bad_vote_is_a_400(client, catalogue, contributor, voters, trusted, value):
    argument = actions.argue(contributor, catalogue["tool"]["en"], "for", "Mine", "Mine.")
    client_for(client, voters[0])
    assert client.post(f"/en/community/argument/{argument.pk}/vote/", {"value": value}).status_code == 400
    assert not Vote.objects.exists()


@pytest.mark.parametrize("path", ["/en/community/nothing/1/vote/", "/en/community/argument/999999/vote/"])
def test_unknown_items_are_404(client, voters, path):
    client_for(client, voters[0])
    assert client.post(path, {"value": "1"}).status_code == 404


def test_report_then_hide_keeps_the_history(client, catalogue, contributor, voters, moderator, trusted):
    tool = catalogue["tool"]["fr"]
    argument = actions.argue(contributor, tool, "against", "Publicité", "Achetez ailleurs.")
    client_for(client, voters[0])
    assert client.post(f"/fr/community/argument/{argument.pk}/report/", {"reason": ""}).status_code == 400
    client.post(f"/fr/community/argument/{argument.pk}/report/", {"reason": "C'est de la publicité."})
    again = client.post(f"/fr/community/argument/{argument.pk}/report/", {"reason": "Encore."})
    assert again.status_code == 409
    assert Report.objects.count() == 1

    client_for(client, moderator)
    screen = client.get("/admin/community/").content.decode()
    assert "C&#x27;est de la publicité." in screen or "C'est de la publicité." in screen
    client.post(
        "/admin/community/", {"action": "hide", "kind": "argument", "item": argument.pk, "comment": "Spam"}
    )
    client.logout()
    assert "Publicité" not in client.get(tool.url).content.decode()
    argument.refresh_from_db()
    assert argument.status == Argument.Status.HIDDEN
    actions_logged = list(ModelLogEntry.objects.for_instance(argument).values_list("action", flat=True))
    assert set(actions_logged) >= {"community.argue", "community.report", "community.hide"}
    client_for(client, moderator)
    history = client.get(f"/admin/community/argument/{argument.pk}/history/").content.decode()
    assert "Spam" in history
    client.post("/admin/community/", {"action": "restore", "kind": "argument", "item": argument.pk})
    client.logout()
    assert "Publicité" in client.get(tool.url).content.decode()


def test_an_author_withdraws_an_argument(client, catalogue, contributor, trusted):
    tool = catalogue["tool"]["en"]
    argument = actions.argue(contributor, tool, "for", "Changed my mind", "…")
    client_for(client, contributor)
    client.post(f"/en/community/argument/{argument.pk}/withdraw/")
    assert "Changed my mind" not in client.get(tool.url).content.decode()


def test_someone_else_cannot_withdraw_it(client, catalogue, contributor, voters, trusted):
    argument = actions.argue(contributor, catalogue["tool"]["en"], "for", "Mine", "Mine.")
    client_for(client, voters[0])
    assert client.post(f"/en/community/argument/{argument.pk}/withdraw/").status_code == 404
    argument.refresh_from_db()
    assert argument.status == Argument.Status.PUBLISHED


def test_rate_limit_per_account_keeps_the_text(client, catalogue, contributor, trusted, settings):
    settings.COMMUNITY_RATE_LIMITS = {"argument": (2, 3600)}
    tool = catalogue["tool"]["en"]
    client_for(client, contributor)
    for n in range(2):
        client.post(argue_url(tool), {"stance": "for", "title": f"T{n}", "text": "X"})
    response = client.post(argue_url(tool), {"stance": "for", "title": "Third", "text": "Kept words."})
    assert response.status_code == 429
    assert "Kept words." in response.content.decode()
    assert Argument.objects.count() == 2


def test_markup_is_text(client, catalogue, contributor, trusted):
    tool = catalogue["tool"]["en"]
    actions.argue(contributor, tool, "for", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>\x00ok")
    page = client.get(tool.url).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_use_cases_have_arguments_too(client, catalogue, contributor, trusted):
    use_case = catalogue["use_case"]["fr"]
    client_for(client, contributor)
    client.post(argue_url(use_case), {"stance": "for", "title": "Reproductible", "text": "Ailleurs aussi."})
    client.logout()
    assert "Reproductible" in client.get(catalogue["use_case"]["es"].url).content.decode()


def test_arguments_of_a_private_or_unpublished_page_are_refused(client, catalogue, contributor, trusted):
    tool = catalogue["tool"]["en"]
    argument = actions.argue(contributor, tool, "for", "Mine", "Mine.")
    for page in catalogue["tool"].values():
        page.unpublish()
    client_for(client, contributor)
    assert client.post(argue_url(tool), {"stance": "for", "title": "T", "text": "X"}).status_code == 404
    assert client.post(f"/en/community/argument/{argument.pk}/report/", {"reason": "x"}).status_code == 404


def test_a_vote_shows_at_once_on_a_page_kept_for_visitors(client, catalogue, contributor, voters, trusted):
    tool = catalogue["tool"]["fr"]
    argument = actions.argue(contributor, tool, "for", "Rapide", "Oui.")
    client.get(tool.url)
    assert client.get(tool.url)["X-Page-Cache"] == "hit"
    actions.vote(voters[0], argument, 1)
    response = client.get(tool.url)
    assert "score 1 (+1 / −0)" in response.content.decode()


def test_no_machine_translation_link_unless_one_is_configured(client, catalogue, contributor, trusted):
    argument = actions.argue(contributor, catalogue["tool"]["fr"], "for", "Rapide", "Très rapide.")
    assert "Machine translation" not in client.get(catalogue["tool"]["en"].url).content.decode()
    assert client.get(f"/en/community/argument/{argument.pk}/translation/").status_code == 404


def test_an_argument_read_through_the_configured_machine_translator(
    client, catalogue, contributor, trusted, settings
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
    argument = actions.argue(contributor, catalogue["tool"]["fr"], "for", "Très rapide", "Il démarre vite.")
    page = client.get(catalogue["tool"]["en"].url).content.decode()
    assert f"/en/community/argument/{argument.pk}/translation/" in page
    assert (
        f"/fr/community/argument/{argument.pk}/translation/"
        not in client.get(catalogue["tool"]["fr"].url).content.decode()
    )  # not offered in its own language
    translated = client.get(f"/en/community/argument/{argument.pk}/translation/").content.decode()
    assert "rapide Très" in translated  # the dummy translator reverses the words
    assert "vite. démarre Il" in translated
    assert "checked by nobody" in translated and "Il démarre vite." in translated  # and the original
