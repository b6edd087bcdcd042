"""Becoming a contributor, and the doors that must not say who is registered."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from pages.tools import ToolIndexPage, ToolPage
from tests.admin import add_url, edit_url, post_page
from tests.factories import section
from tests.helpers.users import PASSWORD as STAFF_PASSWORD
from tests.helpers.users import client_for
from wiki.signup_views import signup_view

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


def apply(client, email="nadia@example.org", language="fr", forwarded_for=None, **extra):
    data = {"name": "Nadia Newcomer", "email": email, "password1": PASSWORD, "password2": PASSWORD}
    data.update(extra)
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(f"/{language}/accounts/signup/", data, **headers)


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

    response = client.post("/admin/login/", {"username": editor.username, "password": STAFF_PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # the lockout's length as configured (AXES_COOLOFF_TIME, a quarter of an hour by default)
    assert "Attendez 15 minutes puis réessayez" in response.content.decode()


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
    from tests.factories import tool

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


# --- the same work on both paths, names, rate limits ---------------------------------------------


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher (the test settings' own), counting the passwords it hashes."""

    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


def submit_directly(email):
    """The sign-up view called as the server would, without closing the response: (response, hashes)."""
    request = RequestFactory().post(
        "/fr/accounts/signup/",
        {"name": "Nadia Newcomer", "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    request.user = AnonymousUser()
    request.session = {}
    request._dont_enforce_csrf_checks = True
    before = CountingHasher.hashed
    with translation.override("fr"):
        response = signup_view(request)
    return response, CountingHasher.hashed - before


@pytest.mark.parametrize("known", [False, True], ids=["new address", "known address"])
def test_both_paths_hash_the_password_once_and_send_their_mail_after_the_answer(
    editor, moderator, settings, known
):
    settings.PASSWORD_HASHERS = ["tests.wiki.test_signup.CountingHasher"]
    mail.outbox.clear()

    response, hashes = submit_directly(editor.email if known else "fresh@example.org")

    assert response.status_code == 200
    assert hashes == 1
    assert mail.outbox == []  # nothing sent while the visitor waits
    response.close()  # what the server does once the answer is out
    recipients = [m.to for m in mail.outbox]
    if known:
        assert recipients == [[editor.email]]
    else:
        assert recipients == [["fresh@example.org"], [moderator.email]]


@pytest.mark.parametrize(
    "name",
    [
        "Nadia\nBcc: victim@example.org",
        "Nadia\r\nNewcomer",
        "Nadia\tNewcomer",
        "Nadia\x00",
        "Nadia \x1b[31mRed",
        "Nadia\u2028Newcomer",
        "Nadia \u202eremocweN",
    ],
)
def test_a_name_with_a_line_break_or_a_control_character_is_refused_with_a_message(client, moderator, name):
    response = apply(client, name=name)

    assert response.status_code == 400
    html = response.content.decode()
    refused = "Un nom ne peut pas contenir de retours à la ligne, de tabulations ni d’autres caractères"
    # NUL is refused before the form, with its own message (core/hostile_input.py)
    assert refused in html or "caractère nul (%00)" in html
    assert not get_user_model().objects.filter(email="nadia@example.org").exists()


def test_names_in_every_script_are_welcome(client, moderator):
    # the zero-width non-joiner is part of Persian spelling; the joiner of emoji sequences
    response = apply(client, name="نادیا می\u200cخواهد 👩\u200d💻")  # noqa: RUF001

    assert response.status_code == 200
    assert get_user_model().objects.get(email="nadia@example.org").first_name == "نادیا"


def test_applications_are_limited_per_client_address(client, settings):
    for number in range(settings.SIGNUP_RATE_LIMIT):
        assert apply(client, email=f"n{number}@example.org", forwarded_for="203.0.113.9").status_code == 200

    refused = apply(client, email="one-more@example.org", forwarded_for="203.0.113.9")
    elsewhere = apply(client, email="someone@example.org", forwarded_for="198.51.100.7")

    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Trop de demandes en peu de temps, depuis votre connexion ou pour cette adresse." in html
    assert "Réessayez dans 60 minutes." in html
    assert 'value="one-more@example.org"' in html  # what was typed is kept
    assert not get_user_model().objects.filter(email="one-more@example.org").exists()
    assert elsewhere.status_code == 200


def test_applications_are_limited_per_email_address_in_every_language(client, editor, settings):
    mail.outbox.clear()
    for number in range(settings.SIGNUP_RATE_LIMIT):
        apply(client, email=editor.email, forwarded_for=f"203.0.113.{number}")

    refused = apply(client, email=editor.email, language="es", forwarded_for="198.51.100.7")

    assert refused.status_code == 429
    assert "Demasiadas solicitudes en poco tiempo" in refused.content.decode()
    # the owner is warned once per application that got through, not once per knock
    assert len([m for m in mail.outbox if editor.email in m.to]) == settings.SIGNUP_RATE_LIMIT
