"""Who may take part, how often, and whose arguments wait for a moderator.

The numbers are settings (``COMMUNITY_*``, see site/env.example) so that an operator can tighten
them during a raid without a release.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation import roles

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


def check_rate(user, action, recent):
    """Refuse (429) when ``recent`` (a queryset filter on a date field, ``since -> count``) is full."""
    limit, seconds = rate_limits()[action]
    if recent(timezone.now() - timedelta(seconds=seconds)) >= limit:
        minutes = max(1, seconds // 60)
        raise Refused(
            _("You have reached the limit of %(limit)s in %(minutes)s minutes. Please try again later.")
            % {"limit": limit, "minutes": minutes},
            status=429,
        )


def trusted_after():
    """Arguments a person must have had published before theirs appear without a moderator."""
    return getattr(settings, "COMMUNITY_TRUSTED_AFTER", 2)
