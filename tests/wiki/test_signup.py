"""Becoming a contributor, and the doors that must not say who is registered."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from pages.tools import ToolIndexPage, ToolPage
from tests.admin import add_url, edit_url, post_page
from tests.conftest import client_for
from tests.factories import section

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


def apply(client, email="nadia@example.org", language="fr", **extra):
    data = {"name": "Nadia Newcomer", "email": email, "password1": PASSWORD, "password2": PASSWORD}
    data.update(extra)
    return client.post(f"/{language}/accounts/signup/", data)


def test_the_signup_page_exists_in_every_language(client):
    for language, words in (
        ("fr", "Devenir contributeur"),
        ("en", "Become a contributor"),
        ("es", "Colaborar"),
    ):
        response = client.get(f"/{language}/accounts/signup/")
        assert response.status_code == 200
        assert words in response.content.decode()


def test_a_new_account_waits_for_a_moderator_who_is_told_by_email(client, moderator):
    response = apply(client)

    assert response.status_code == 200
    user = get_user_model().objects.get(email="nadia@example.org")
    assert not user.groups.exists()
    assert [m for m in mail.outbox if moderator.email in m.to]
    assert [m for m in mail.outbox if "nadia@example.org" in m.to]
    # not yet approved: no access to the editor
    newcomer = client_for(client, user)
    assert newcomer.get(add_url(ToolPage, section(ToolIndexPage))).status_code == 302


def test_an_approved_contributor_edits_and_submits_but_never_publishes(client, moderator):
    apply(client)
    user = get_user_model().objects.get(email="nadia@example.org")
    application = user.contributor_application
    moderator_client = client_for(client, moderator)
    listing = moderator_client.get(reverse("contributor_applications"))
    assert "Nadia Newcomer" in listing.content.decode()

    mail.outbox.clear()
    moderator_client.post(reverse("contributor_application_decide", args=[application.pk, "approve"]))

    assert user.groups.filter(name="Contributors").exists()
    assert [m for m in mail.outbox if user.email in m.to]
    contributor = client_for(client, user)
    response = post_page(
        contributor,
        add_url(ToolPage, section(ToolIndexPage)),
        {"title": "Mizar", "slug": "mizar"},
        "publish",
        model=ToolPage,
    )
    page = ToolPage.objects.get(slug="mizar")
    assert not page.live  # a contributor's "publish" is refused: the page stays a draft
    assert not page.permissions_for_user(user).can_publish()
    post_page(contributor, edit_url(page), {"summary": "Soumis."}, "submit", instance=page)
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert response.status_code in (200, 302, 403)


def test_a_contributor_cannot_approve_applications(client, moderator):
    apply(client)
    user = get_user_model().objects.get(email="nadia@example.org")
    client_for(client, moderator).post(
        reverse("contributor_application_decide", args=[user.contributor_application.pk, "approve"])
    )
    apply(client, email="other@example.org")
    other = get_user_model().objects.get(email="other@example.org")

    response = client_for(client, user).post(
        reverse("contributor_application_decide", args=[other.contributor_application.pk, "approve"])
    )

    assert response.status_code in (302, 403)
    assert not other.groups.exists()


def test_signing_up_with_a_known_address_answers_the_same_and_warns_its_owner(client, editor):
    new = apply(client, email="fresh@example.org")
    mail.outbox.clear()
    known = apply(client, email=editor.email)

    assert known.status_code == new.status_code == 200
    assert known.content.decode().replace(editor.email, "X") == new.content.decode().replace(
        "fresh@example.org", "X"
    )
    assert get_user_model().objects.filter(email=editor.email).count() == 1
    assert [m for m in mail.outbox if editor.email in m.to]


def test_a_robot_filling_the_hidden_field_gets_the_usual_answer_and_no_account(client):
    response = apply(client, email="bot@example.org", website="http://spam.example")

    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="bot@example.org").exists()


def test_mistakes_in_the_form_are_explained_and_nothing_is_created(client):
    response = apply(client, email="not-an-address", password2="something else")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Les deux mots de passe sont différents." in html
    assert "Saisissez une adresse de courriel valide." in html
    assert not get_user_model().objects.filter(first_name="Nadia").exists()


def test_login_failures_are_throttled(client, editor):
    for _attempt in range(5):
        client.post("/admin/login/", {"username": editor.username, "password": "wrong"})

    response = client.post(
        "/admin/login/", {"username": editor.username, "password": "correct horse battery staple"}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_and_password_reset_do_not_say_who_is_registered(client, editor):
    unknown = client.post("/admin/login/", {"username": "nobody", "password": "whatever"})
    wrong = client.post("/admin/login/", {"username": editor.username, "password": "whatever"})
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors

    mail.outbox.clear()
    reset_unknown = client.post("/admin/password_reset/", {"email": "nobody@example.org"})
    reset_known = client.post("/admin/password_reset/", {"email": editor.email})
    assert reset_unknown.status_code == reset_known.status_code == 302
    assert reset_unknown["Location"] == reset_known["Location"]
    assert [m for m in mail.outbox if editor.email in m.to]


def test_a_contributor_cannot_approve_a_moderation_task(client, editor, moderator):
    from tests.admin import current_task_state
    from tests.search.conftest import tool

    apply(client)
    user = get_user_model().objects.get(email="nadia@example.org")
    client_for(client, moderator).post(
        reverse("contributor_application_decide", args=[user.contributor_application.pk, "approve"])
    )
    page = tool("Bellatrix", summary="Texte.")
    page.save_revision().publish()
    post_page(client_for(client, editor), edit_url(page), {"summary": "Proposé."}, "submit", instance=page)
    task_state = current_task_state(page)

    contributor = client_for(client, user)
    contributor.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )

    task_state.refresh_from_db()
    page.refresh_from_db()
    assert task_state.status == "in_progress"
    assert page.summary == "Texte."
