"""One vote per person and item, under concurrent requests, on PostgreSQL.

The test's own transaction is invisible to other connections, so the people and the argument are
written, voted on and removed from threads, each with its own connection that commits: the same
as two workers of the site receiving a double click. The demo catalogue (committed once for the
session by conftest.py) gives them a page to argue about.
"""

import threading

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, connections

from community import actions
from community.models import Argument, Vote
from moderation import roles
from pages.tools import ToolPage
from tests.helpers.threads import in_thread

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="concurrency is proven on PostgreSQL (set DATABASE_URL); SQLite serialises writers",
    ),
]

CLICKS = 12


def people_and_argument():
    users = get_user_model().objects
    author = users.create_user("race-author", email="race-author@example.org")
    voter = users.create_user("race-voter", email="race-voter@example.org")
    contributors = Group.objects.get(name=roles.CONTRIBUTORS)
    author.groups.add(contributors)
    voter.groups.add(contributors)
    tool = ToolPage.objects.live().filter(locale__language_code="fr").first()
    argument = Argument.objects.create(
        page=tool, stance="for", title="Race", text="Clicks.", language="fr", author=author
    )
    return voter.pk, argument.pk


def clean_up():
    get_user_model().objects.filter(username__startswith="race-").delete()


def test_simultaneous_votes_of_one_person_make_one_vote():
    assert connection.in_atomic_block  # the test's transaction: the threads below do not share it
    voter_id, argument_id = in_thread(people_and_argument)
    try:
        barrier = threading.Barrier(CLICKS)
        errors, threads = [], []

        def click(value):
            try:
                voter = get_user_model().objects.get(pk=voter_id)
                argument = Argument.objects.get(pk=argument_id)
                barrier.wait()
                actions.vote(voter, argument, value)
            except Exception as error:
                errors.append(error)
            finally:
                connections.close_all()

        for n in range(CLICKS):
            threads.append(threading.Thread(target=click, args=(1 if n % 2 else -1,)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        votes = in_thread(
            lambda: list(Vote.objects.filter(argument_id=argument_id).values_list("value", flat=True))
        )
        assert len(votes) == 1 and votes[0] in (1, -1)
    finally:
        in_thread(clean_up)


def test_the_database_refuses_a_second_vote_even_without_the_view():
    voter_id, argument_id = in_thread(people_and_argument)
    try:
        barrier = threading.Barrier(CLICKS)
        created, refused = [], []

        def insert():
            from django.db import IntegrityError

            try:
                barrier.wait()
                Vote.objects.create(user_id=voter_id, argument_id=argument_id, value=1)
                created.append(1)
            except IntegrityError:
                refused.append(1)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=insert) for _ in range(CLICKS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(created) == 1 and len(refused) == CLICKS - 1
    finally:
        in_thread(clean_up)
