"""Password reset e-mails are limited per e-mail address and per client (wiki/password_reset.py):
a burst of requests mails the address a few times, not a dozen; every request, throttled or not,
for a known address or not, gets the same answer, and a throttled one sends nothing."""

import pytest
from django.core import mail

from tests.helpers.html import parse
from tests.helpers.users import make_user

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"


def ask(client, email, client_address="203.0.113.7"):
    response = client.post(RESET, {"email": email}, REMOTE_ADDR=client_address)
    return response.status_code, response["Location"]


def to(address):
    return [message for message in mail.outbox if address in message.to]


def test_a_burst_of_requests_for_one_address_mails_it_only_up_to_the_limit(client, editor):
    # the report: 12 e-mails to one address in 2 s; from as many clients, so only the address limits
    mail.outbox.clear()

    answers = {ask(client, editor.email, f"203.0.113.{number}") for number in range(12)}

    assert len(to(editor.email)) == 3  # PASSWORD_RESET_RATE_LIMIT, by default
    assert answers == {(302, "/admin/password_reset/done/")}  # the same for every request


def test_one_client_asking_for_many_addresses_is_limited(client):
    people = [make_user(f"person{number}") for number in range(12)]
    mail.outbox.clear()

    answers = {ask(client, person.email) for person in people}

    assert len(mail.outbox) == 10  # PASSWORD_RESET_CLIENT_RATE_LIMIT, by default
    assert answers == {(302, "/admin/password_reset/done/")}
    # another client is not held back by this one
    assert ask(client, people[-1].email, "198.51.100.4") == (302, "/admin/password_reset/done/")
    assert len(to(people[-1].email)) == 1


def test_a_throttled_request_sends_nothing_and_answers_like_any_other(client, editor):
    for _ in range(3):
        ask(client, editor.email)
    mail.outbox.clear()

    known = ask(client, editor.email)
    unknown = ask(client, "nobody@example.org", "198.51.100.9")
    fresh_unknown = ask(client, "someone-else@example.org", "198.51.100.10")

    assert mail.outbox == []
    assert known == unknown == fresh_unknown == (302, "/admin/password_reset/done/")


def test_the_address_is_counted_whatever_its_case_and_spaces(client, editor):
    for spelling in (editor.email, editor.email.upper(), f" {editor.email.title()} ", editor.email):
        ask(client, spelling)

    assert len(to(editor.email)) == 3


@pytest.mark.parametrize(
    "language, words", [("fr", "Réinitialiser votre mot de passe"), ("en", "Reset your password")]
)
def test_the_sites_login_leads_to_the_reset_form(client, language, words):
    page = parse(client.get(f"/{language}/_util/login/"))

    [link] = [a for a in page.select("main a") if a["href"] == RESET]
    assert link.get_text(strip=True) == words
