"""Signing in with one's e-mail address, still throttled; the password rules shown on sign-up."""

import pytest
from django.contrib.auth import get_user_model

from tests.helpers.html import one, select, text_of
from tests.helpers.users import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def log_in(client, username, password=PASSWORD, language="fr"):
    return client.post(LOGIN, {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE=language)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def contributor(db):
    """An account as the sign-up makes it: named by its (lower-case) e-mail address."""
    return get_user_model().objects.create_user(
        username="nadia@example.org", email="nadia@example.org", password=PASSWORD, first_name="Nadia"
    )


@pytest.mark.parametrize("language, label", [("fr", "Adresse électronique"), ("es", "Correo electrónico")])
def test_the_login_form_asks_for_the_email_address(client, language, label):
    form = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=language)
    field = one(form, "input[name=username]")
    assert text_of(one(form, f"label[for={field['id']}]")).startswith(label)
    assert field["autocomplete"] == "username"


@pytest.mark.parametrize("typed", ["nadia@example.org", "  Nadia@Example.ORG ", "NADIA@EXAMPLE.ORG"])
def test_a_contributor_logs_in_with_their_address_in_any_case(client, contributor, typed):
    answer = log_in(client, typed)

    assert answer.status_code == 302
    assert signed_in_as(client) == str(contributor.pk)


def test_an_account_with_a_user_name_logs_in_with_it_or_with_its_address(client, editor):
    assert log_in(client, " Edith@Example.org").status_code == 302
    assert signed_in_as(client) == str(editor.pk)
    client.logout()
    assert log_in(client, "edith").status_code == 302
    assert signed_in_as(client) == str(editor.pk)


def test_the_exact_user_name_wins_over_another_account_s_address(client, editor):
    # someone whose address is another account's user name cannot take that account's place
    get_user_model().objects.create_user(username="other", email="edith", password=PASSWORD)
    log_in(client, "edith")
    assert signed_in_as(client) == str(editor.pk)


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer_naming_the_address(client, contributor):
    unknown = log_in(client, "nobody@example.org", "whatever")
    wrong = log_in(client, "Nadia@example.org", "whatever")

    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors
    message = text_of(one(wrong, ".messages"))
    assert "Votre adresse électronique et votre mot de passe ne correspondent pas" in message
    assert not signed_in_as(client)


def test_failures_count_per_account_however_its_address_is_typed(client, contributor):
    # five failures under five spellings of one address: one account, one count
    for typed in (
        "nadia@example.org",
        "Nadia@example.org",
        " nadia@example.org",
        "NADIA@example.org",
        "nadia@EXAMPLE.org",
    ):
        log_in(client, typed, "wrong")

    answer = log_in(client, "nadia@example.org ")

    assert answer.status_code == 429
    assert not signed_in_as(client)
    assert "Attendez 15 minutes puis réessayez" in answer.content.decode()


def test_an_unknown_address_is_locked_out_like_a_known_one(client, contributor):
    for _attempt in range(5):
        log_in(client, "nobody@example.org", "wrong")
        log_in(client, "nadia@example.org", "wrong")
    unknown = log_in(client, "Nobody@example.org", "wrong")
    known = log_in(client, "Nadia@example.org", "wrong")
    assert unknown.status_code == known.status_code == 429
    assert unknown.content == known.content


@pytest.mark.parametrize(
    "language, rules",
    [
        (
            "fr",
            [
                "Votre mot de passe doit contenir au minimum 8 caractères.",
                "ne peut pas être entièrement numérique",
            ],
        ),
        ("es", ["Su contraseña debe contener al menos 8 caracteres.", "no puede ser completamente numérica"]),
    ],
)
def test_the_signup_shows_the_password_rules(client, language, rules):
    form = client.get(f"/{language}/accounts/signup/")
    field = one(form, "input[name=password1]")
    help_text = text_of(one(form, f"#{field['aria-describedby']}"))
    for rule in rules:
        assert rule in help_text


@pytest.mark.parametrize(
    "language, password, error",
    [
        ("fr", "12345678", "Ce mot de passe est entièrement numérique."),
        ("fr", "jeanpierre.dupont", "Le mot de passe est trop semblable au champ « adresse électronique »."),
        ("es", "court", "La contraseña es demasiado corta. Debe contener por lo menos 8 caracteres."),
        (
            "es",
            "jeanpierre.dupont",
            "La contraseña es demasiado similar a la de dirección de correo electrónico.",
        ),
    ],
)
def test_a_refused_password_says_which_rule_it_breaks(client, language, password, error):
    answer = client.post(
        f"/{language}/accounts/signup/",
        {
            "name": "Zoé",
            "email": "jeanpierre.dupont@example.org",
            "password1": password,
            "password2": password,
        },
    )
    assert answer.status_code == 400
    errors = [text_of(element) for element in answer_errors(answer)]
    assert error.replace("\u00a0", " ") in [e.replace("\u00a0", " ") for e in errors]
    assert not get_user_model().objects.filter(email="jeanpierre.dupont@example.org").exists()


def answer_errors(answer):
    return select(answer, ".field-error")


def test_a_page_for_signed_in_people_asks_for_the_address_and_lets_its_reader_in(client, editor):
    from tests.factories import hidden_tools

    _draft, private = hidden_tools("connexion")
    sent = client.get(private.url)
    assert sent.status_code == 302 and sent["Location"].startswith("/fr/_util/login/?next=")

    form = client.get(sent["Location"])
    field = one(form, "input[name=username]")
    assert text_of(one(form, f"label[for={field['id']}]")).startswith("Adresse électronique")
    wrong = client.post(
        "/fr/_util/login/", {"username": "nadia@example.org", "password": "x", "next": private.url}
    )
    assert "Votre adresse électronique et votre mot de passe ne correspondent pas" in text_of(
        one(wrong, "[role=alert]")
    )

    answer = client.post(
        "/fr/_util/login/", {"username": " Edith@Example.org", "password": PASSWORD, "next": private.url}
    )
    assert answer.status_code == 302 and answer["Location"] == private.url
    assert client.get(private.url).status_code == 200


def test_the_public_login_is_throttled_like_the_admin_s(client, contributor):
    for _attempt in range(5):
        client.post("/es/_util/login/", {"username": "NADIA@example.org", "password": "wrong"})
    answer = client.post("/es/_util/login/", {"username": "nadia@example.org", "password": PASSWORD})
    assert answer.status_code == 429
    assert not signed_in_as(client)


@pytest.mark.parametrize("language, home", [("fr", "/fr/"), ("en", "/en/"), ("es", "/es/")])
def test_the_sites_login_without_next_lands_on_the_home_page_of_its_language(
    client, contributor, language, home
):
    # Django's default (/accounts/profile/) is no page here: it answered 404
    response = client.post(
        f"/{language}/_util/login/", {"username": "nadia@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == home
    assert signed_in_as(client)
    assert client.get(response["Location"]).status_code == 200
