"""Rate limits count what people do, not the rows that remain after it; nobody reports their own words.

Bursts of concurrent requests are in test_concurrent_limits.py (PostgreSQL).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from community import actions
from community.models import Argument, CountedAction, Report, Vote
from tests.helpers.html import select
from tests.helpers.users import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def argument(catalogue, contributor, trusted):
    return actions.argue(contributor, catalogue["tool"]["en"], "for", "Solid", "It is.")


def test_every_vote_change_and_withdrawal_counts_the_121st_is_refused(client, argument, voters, settings):
    settings.COMMUNITY_RATE_LIMITS = {}  # the defaults: 120 votes an hour
    for n in range(120):  # one vote row, changed and withdrawn over and over
        actions.vote(voters[0], argument, (1, -1, 0)[n % 3])
    assert not Vote.objects.exists()
    client_for(client, voters[0])
    response = client.post(f"/en/community/argument/{argument.pk}/vote/", {"value": "1"})
    assert response.status_code == 429
    assert "You have reached the limit of 120 in 60 minutes" in response.content.decode()
    assert not Vote.objects.exists()
    # another person is not held back by the first one's actions
    assert actions.vote(voters[1], argument, 1).value == 1


def test_a_withdrawn_argument_still_counts_and_withdrawing_is_never_refused(
    client, catalogue, contributor, trusted, settings
):
    settings.COMMUNITY_RATE_LIMITS = {"argument": (3, 3600)}
    tool = catalogue["tool"]["en"]
    first = actions.argue(contributor, tool, "for", "First", "One.")
    actions.withdraw_argument(contributor, first)
    second = actions.argue(contributor, tool, "for", "Second", "Two.")
    client_for(client, contributor)
    response = client.post(
        f"/en/community/{tool.pk}/argue/", {"stance": "for", "title": "Third", "text": "Kept words."}
    )
    assert response.status_code == 429  # two arguments remain, but three things were done
    assert "Kept words." in response.content.decode()
    assert client.post(f"/en/community/argument/{second.pk}/withdraw/").status_code == 302  # at the limit
    second.refresh_from_db()
    assert second.status == Argument.Status.WITHDRAWN


def test_actions_past_their_window_stop_counting_and_are_removed(argument, voters, settings):
    settings.COMMUNITY_RATE_LIMITS = {"vote": (2, 3600)}
    now = timezone.now()
    voter = voters[0]
    CountedAction.objects.bulk_create(
        [
            CountedAction(user=voter, kind="vote", at=now - timedelta(hours=2)),
            CountedAction(user=voter, kind="vote", at=now - timedelta(minutes=30)),
            CountedAction(user=voter, kind="endorsement", at=now - timedelta(hours=2)),  # its window: a day
            CountedAction(user=voter, kind="retired", at=now),  # an action no limit counts any more
            CountedAction(user=voters[1], kind="vote", at=now - timedelta(hours=2)),  # someone else's
        ]
    )
    actions.vote(voter, argument, 1)  # the one from two hours ago no longer counts
    kept = CountedAction.objects.filter(user=voter).order_by("at").values_list("kind", flat=True)
    assert list(kept) == ["endorsement", "vote", "vote"]
    assert CountedAction.objects.filter(user=voters[1]).count() == 1  # removed by its own person's action
    with pytest.raises(actions.Refused) as refused:
        actions.vote(voter, argument, -1)
    assert refused.value.status == 429


def test_nobody_reports_what_they_wrote(client, argument, contributor, voters):
    tool = argument.page.specific
    report_url = f"/en/community/argument/{argument.pk}/report/"
    client_for(client, contributor)
    page = client.get(tool.url).content.decode()
    assert not select(page, f'a[href="{report_url}"]')  # not offered on one's own argument
    assert client.get(report_url).status_code == 403
    response = client.post(report_url, {"reason": "Reporting myself."})
    assert response.status_code == 403
    assert "You cannot report what you wrote" in response.content.decode()
    assert not Report.objects.exists()
    client_for(client, voters[0])
    assert select(client.get(tool.url).content.decode(), f'a[href="{report_url}"]')  # offered to others
    assert client.post(report_url, {"reason": "Off topic."}).status_code == 302
    assert Report.objects.count() == 1
