"""The text parts of e-mails are text: what people typed reaches the reader as typed, not
HTML-escaped ("D'Arc & Fils", not "D&#x27;Arc &amp; Fils"); the HTML parts stay escaped.

Every e-mail the project sends: the sign-up's (to the applicant and to moderators), the decision on
an application, the watch digest, and Wagtail's moderation e-mails as the project renders them
(localisation/mail.py).
"""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.users.models import UserProfile

from moderation import roles
from tests.admin import edit_url, post_page, workflow_action
from tests.factories import tool
from tests.helpers.users import client_for, make_user
from wiki.models import Watch

pytestmark = pytest.mark.django_db

NAME = "D'Arc & Fils <b>"
ESCAPED = "D&#x27;Arc &amp; Fils &lt;b&gt;"
PASSWORD = "a long and unusual passphrase 42"


def to(address):
    return [message for message in mail.outbox if address in message.to]


def html_of(message):
    return "".join(content for content, kind in message.alternatives if kind == "text/html")


def assert_as_typed(message):
    assert NAME in message.subject + message.body
    assert "&#x27;" not in message.subject + message.body
    assert "&amp;" not in message.subject + message.body


def test_the_sign_up_e_mails_say_the_name_as_typed(client, moderator):
    client.post(
        "/en/accounts/signup/",
        {
            "name": NAME,
            "email": "darc@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "motivation": "Tools & data <for> all",
        },
    )

    [to_moderator] = to(moderator.email)
    assert_as_typed(to_moderator)
    assert NAME in to_moderator.subject  # "… would like to contribute"
    assert "Tools & data <for> all" in to_moderator.body
    [to_applicant] = to("darc@example.org")
    assert "Hello D'Arc," in to_applicant.body  # the first name, from the name given


def test_the_watch_digest_says_titles_as_typed(editor):
    page = tool(NAME, summary="Texte.")
    page.save_revision(user=editor).publish()
    Watch.objects.create(user=editor, page=page, language="fr")

    call_command("send_watch_digest", stdout=io.StringIO())

    [digest] = to(editor.email)
    assert_as_typed(digest)


@pytest.fixture
def submitter(db):
    user = make_user("darc", roles.EDITORS, first_name=NAME)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_wagtails_moderation_e_mails_are_text_and_their_html_stays_escaped(
    client, submitter, moderator, django_capture_on_commit_callbacks
):
    page = tool(NAME, summary="Texte initial.")
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        post_page(
            client_for(client, submitter), edit_url(page), {"summary": "Proposé."}, "submit", instance=page
        )
    [submitted] = to(moderator.email)
    assert_as_typed(submitted)  # the page's title
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client_for(client, moderator), page, "reject", comment="Sources & <liens> manquants.")

    [rejected] = to(submitter.email)
    assert f"Hello {NAME}," in rejected.body  # Wagtail's greeting, with the submitter's first name
    assert_as_typed(rejected)
    html = html_of(rejected)
    assert ESCAPED in html and NAME not in html
