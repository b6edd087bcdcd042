"""A burst of one person's requests cannot pass a rate limit, on PostgreSQL.

Like test_concurrent_votes.py: the people and the argument are committed from threads, and every
request is the site's view, sent from a thread of its own with its own connection, all released
together by a barrier, as when a script fires 40 requests at once.
"""

from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from wagtail.models import ModelLogEntry

from community.models import Argument, CountedAction, Vote
from moderation import roles
from pages.tools import ToolPage
from tests.helpers.threads import at_once, in_thread

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="concurrency is proven on PostgreSQL (set DATABASE_URL); SQLite serialises writers",
    ),
]

BURST = 40
LIMIT = 10


@pytest.fixture
def burst(settings):
    """An author, a voter and an argument of the author, committed; removed afterwards."""
    settings.COMMUNITY_RATE_LIMITS = {"argument": (LIMIT, 3600), "vote": (LIMIT, 3600)}
    settings.COMMUNITY_TRUSTED_AFTER = 0

    def create():
        users = get_user_model().objects
        contributors = Group.objects.get(name=roles.CONTRIBUTORS)
        people = {}
        for name in ("author", "voter"):
            people[name] = users.create_user(f"burst-{name}", email=f"burst-{name}@example.org")
            people[name].groups.add(contributors)
        tool = ToolPage.objects.live().filter(locale__language_code="fr").first()
        argument = Argument.objects.create(
            page=tool, stance="for", title="Rafale", text="Texte.", language="fr", author=people["author"]
        )
        return {"tool": tool, "argument": argument, **people}

    sessions = []

    def signed_in(user):
        """Clients sharing one session of ``user`` (opened in a thread, so committed), as one browser."""
        opener = Client()
        in_thread(lambda: opener.force_login(user))
        sessions.append(opener.cookies[settings.SESSION_COOKIE_NAME].value)

        def client():
            fresh = Client()
            fresh.cookies = SimpleCookie(opener.cookies)
            return fresh

        return client

    def clean_up():
        people = get_user_model().objects.filter(username__startswith="burst-")
        ModelLogEntry.objects.filter(user_id__in=people.values("pk")).delete()
        Session.objects.filter(session_key__in=sessions).delete()
        people.delete()

    made = in_thread(create)
    try:
        yield {**made, "signed_in": signed_in}
    finally:
        in_thread(clean_up)


def test_a_burst_of_arguments_leaves_exactly_the_limit_and_keeps_the_other_texts(burst):
    client = burst["signed_in"](burst["author"])
    url = f"/fr/community/{burst['tool'].pk}/argue/"

    def prepare(n):
        sender = client()
        return lambda: sender.post(url, {"stance": "for", "title": f"Rafale {n}", "text": f"Mot {n}."})

    responses = at_once(BURST, prepare)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [302] * LIMIT + [429] * (BURST - LIMIT)
    for n, response in enumerate(responses):
        if response.status_code == 429:
            assert f"Mot {n}." in response.content.decode()  # the text is kept for later
    written = in_thread(lambda: Argument.objects.filter(author=burst["author"]).count())
    assert written == 1 + LIMIT  # the fixture's and the burst's first ten


def test_a_burst_of_vote_changes_counts_every_change(burst):
    client = burst["signed_in"](burst["voter"])
    url = f"/fr/community/argument/{burst['argument'].pk}/vote/"

    def prepare(n):
        sender = client()
        return lambda: sender.post(url, {"value": ("1", "-1", "0")[n % 3]})

    responses = at_once(BURST, prepare)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [302] * LIMIT + [429] * (BURST - LIMIT)
    assert "10" in next(r for r in responses if r.status_code == 429).content.decode()  # the limit, said
    counted, votes = in_thread(
        lambda: (
            CountedAction.objects.filter(user=burst["voter"], kind="vote").count(),
            Vote.objects.filter(user=burst["voter"]).count(),
        )
    )
    assert counted == LIMIT and votes <= 1
