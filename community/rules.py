"""Who may take part, how often, and whose arguments wait for a moderator.

The numbers are settings (``COMMUNITY_*``, see site/env.example) so that an operator can tighten
them during a raid without a release.
"""

from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation import roles

from .models import CountedAction

# action: (how many, in how many seconds), per account
DEFAULT_RATE_LIMITS = {
    "argument": (10, 3600),
    "vote": (120, 3600),
    "report": (20, 3600),
    "endorsement": (10, 86400),
}


class Refused(Exception):
    """An action the person may not take; ``status`` is the HTTP answer, the message says why."""

    def __init__(self, message, status=403):
        super().__init__(message)
        self.message = message
        self.status = status


def may_take_part(user):
    """Approved contributors (every member group) vote, argue, endorse and report."""
    return roles.is_member(user)


def is_moderator(user):
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name=roles.MODERATORS).exists())


def require_member(user):
    if not user.is_authenticated:
        raise Refused(_("Sign in to take part."), status=403)
    if not may_take_part(user):
        raise Refused(_("Your account can take part once a moderator has approved your application."))


def rate_limits():
    return {**DEFAULT_RATE_LIMITS, **getattr(settings, "COMMUNITY_RATE_LIMITS", {})}


def _refuse(limit, seconds):
    raise Refused(
        _("You have reached the limit of %(limit)s in %(minutes)s minutes. Please try again later.")
        % {"limit": limit, "minutes": max(1, seconds // 60)},
        status=429,
    )


@contextmanager
def counted(user, action, refuse=True):
    """Count one ``action`` of ``user`` (refused with 429 when its window is full), then run the block.

    The block holds the action's writes: one transaction, so an action that fails is not counted and
    a counted one is done. Every action is a ``CountedAction`` row, whatever rows the action leaves
    (a vote changed 100 times is one ``Vote`` and 100 actions). ``refuse=False`` counts without
    refusing, for taking back one's own words (withdrawing an argument or an endorsement), which
    the limit must not block and which creating them already bounds.

    Why a table and not the cache's counter (core/throttling.py): the cache may be each process's
    memory, or evict the counter under LRU pressure, and either would let a burst through; a row
    written with the action is exact on every set-up, and costs three queries. Why it is atomic:
    the count and the insert run while this person's row is locked (``FOR NO KEY UPDATE`` on
    PostgreSQL: the same person's next request waits for this transaction to end, then counts what
    it committed; other people and inserts that merely refer to this person do not wait). SQLite
    has no row locks, but its transactions here are IMMEDIATE (cms/settings/base.py): each takes
    the database's write lock as it begins, so there too nobody counts while another inserts.
    Both rely on the count being a new statement after the lock is taken (READ COMMITTED, Django's
    default on PostgreSQL).
    """
    limits = rate_limits()
    limit, seconds = limits[action]
    with transaction.atomic():
        if connection.features.has_select_for_update:
            people = get_user_model().objects.select_for_update(no_key=True)
            list(people.filter(pk=user.pk).values_list("pk"))
        now = timezone.now()  # once the lock is ours: a waiting request counts from when it may count
        mine = CountedAction.objects.filter(user=user)
        # actions past every window counting them: removed here, by the person's next action
        stale = ~Q(kind__in=list(limits))
        for kind, (_count, window) in limits.items():
            stale |= Q(kind=kind, at__lt=now - timedelta(seconds=window))
        found = mine.aggregate(
            recent=Count("pk", filter=Q(kind=action, at__gte=now - timedelta(seconds=seconds))),
            stale=Count("pk", filter=stale),
        )
        if refuse and found["recent"] >= limit:
            _refuse(limit, seconds)
        if found["stale"]:
            mine.filter(stale).delete()
        CountedAction.objects.create(user=user, kind=action, at=now)
        yield


def trusted_after():
    """Arguments a person must have had published before theirs appear without a moderator."""
    return getattr(settings, "COMMUNITY_TRUSTED_AFTER", 2)
