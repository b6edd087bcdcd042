"""A tool page with 100 arguments costs what it costs with none, for visitors and contributors.

The public part (arguments, answers, scores, who uses it) is built once per publish: warm, the page
runs the same queries whatever the number; cold, one query reads every argument with its votes.
A signed-in contributor adds a fixed number (their votes, their held arguments, their rights).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import actions
from community.models import Argument, Endorsement, Vote
from moderation import roles
from tests.helpers.users import client_for, make_user
from tests.pages.test_query_budgets import both, count

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def fill(tool, arguments=100, voters=5):
    people = [make_user(f"v{n}", roles.CONTRIBUTORS) for n in range(voters)]
    top = Argument.objects.bulk_create(
        Argument(
            page=tool,
            subject_key=tool.translation_key,
            stance="for" if n % 2 else "against",
            title=f"Argument {n}",
            text="Texte.",
            language="fr",
            author=people[n % voters],
        )
        for n in range(arguments // 2)
    )
    Argument.objects.bulk_create(
        Argument(
            page=tool,
            subject_key=tool.translation_key,
            parent=parent,
            stance="against",
            title=f"Réponse {n}",
            text="Texte.",
            language="en",
            author=people[(n + 1) % voters],
        )
        for n, parent in enumerate(top)
    )
    Vote.objects.bulk_create(
        Vote(user=person, argument=argument, value=1 if (argument.pk + person.pk) % 3 else -1)
        for argument in Argument.objects.filter(subject_key=tool.translation_key)
        for person in people
        if person.pk != argument.author_id
    )
    for person in people[:3]:
        Endorsement.objects.create(
            tool=tool, author=person, language="fr", live=True, subject_key=tool.translation_key
        )
    return people


def test_a_hundred_arguments_cost_no_more_queries(client, catalogue):
    busy = catalogue["tool"]["en"]
    before = both(client, busy.url)
    fill(busy)
    page = client.get(busy.url).content.decode()
    assert page.count('class="argument ') == 100
    after = both(client, busy.url)
    assert after[0] == before[0], f"warm: {before[0]} queries without arguments, {after[0]} with 100"
    assert after[1] <= before[1] + 2, f"cold: {before[1]} without arguments, {after[1]} with 100"


def test_a_contributor_sees_a_hundred_arguments_in_bounded_queries(client, catalogue):
    busy = catalogue["tool"]["en"]
    client_for(client, make_user("reader", roles.CONTRIBUTORS))
    client.get(busy.url)
    without = count(client, busy.url)
    people = fill(busy)
    client_for(client, people[0])
    client.get(busy.url)
    with_hundred = count(client, busy.url)
    page = client.get(busy.url).content.decode()
    assert page.count("+1 (agree)") + page.count("Withdraw my +1") > 50  # the vote buttons are there
    assert with_hundred <= without + 1, f"{without} queries without arguments, {with_hundred} with 100"


def test_a_vote_costs_the_same_queries_after_a_hundred_actions(catalogue, voters):
    """Each action is counted in a row of its own (community/rules.py ``counted``): a few queries,
    however many actions the person took before."""
    argument = Argument.objects.create(
        page=catalogue["tool"]["en"], stance="for", title="T", text="X", language="en", author=voters[1]
    )

    def change(value):
        with CaptureQueriesContext(connection) as captured:
            actions.vote(voters[0], argument, value)
        return [query["sql"] for query in captured]

    actions.vote(voters[0], argument, 1)
    first = change(-1)
    for n in range(100):
        actions.vote(voters[0], argument, (1, -1)[n % 2])
    assert len(change(1)) == len(first)
    # who may take part, the item's page, [the lock], the count, the record, the vote, and savepoints
    assert len(first) <= 11, first
