"""Becoming a contributor: apply, wait for a moderator, then edit and submit (never publish).

The answer to an application is the same whether or not the address already has an account, so
that the sign-up form cannot be used to find out who is registered; the owner of an existing
account is told by e-mail instead. The same goes for the time the answer takes: both paths hash the
password once, and neither sends its e-mails before the answer (``apply`` returns them; the view
sends them once the response is out).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from core.throttling import Throttle
from localisation.mail import recipient_language, render_part
from moderation import roles

from .models import ContributorApplication


def _message(template, to, context, language):
    with translation.override(language):
        subject = render_part(f"wiki/email/{template}_subject.txt", context)
        body = render_part(f"wiki/email/{template}.txt", context)
    # one line whatever a name holds: a line break in a header would make Django refuse the message
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, to)


def send(messages):
    if messages:
        get_connection().send_messages(messages)


def moderators():
    return (
        get_user_model()
        .objects.filter(groups__name=roles.MODERATORS, is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
    )


def rate_limits():
    """Applications per client address, and per e-mail address (whose owner would get every warning)."""
    period = settings.SIGNUP_RATE_PERIOD * 3600
    return (
        Throttle("signup-from-client", settings.SIGNUP_RATE_LIMIT, period),
        Throttle("signup-for-address", settings.SIGNUP_RATE_LIMIT, period),
    )


def within_limits(client, email):
    """Count one application: False once there were too many from this client or for this address."""
    from_client, for_address = rate_limits()
    return from_client.attempt(client) and for_address.attempt(email.strip().lower())


def _known(User, email):
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()


def apply(*, name, email, password, motivation, language, admin_url):
    """Create a pending account, or warn an existing account's owner. Returns the e-mails to send."""
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    warning = [_message("already_registered", [email], {"admin_url": admin_url}, language)]
    if _known(User, email):
        make_password(password)  # the hashing that creating the account does on the other path
        return warning
    first, _, last = name.strip().partition(" ")
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=email, email=email, password=password, first_name=first[:150], last_name=last[:150]
            )
            application = ContributorApplication.objects.create(
                user=user, motivation=motivation, language=language
            )
    except IntegrityError:  # the same address applied at the same moment
        return warning
    context = {"application": application, "user": user, "admin_url": admin_url}
    messages = [_message("application_received", [email], context, language)]
    # one message per moderator, in their admin language
    messages += [
        _message("new_application", [moderator.email], context, recipient_language(moderator))
        for moderator in moderators()
    ]
    return messages


def decide(application, moderator, approve, admin_url):
    """A moderator's decision: approval makes the account a contributor."""
    with transaction.atomic():
        application.status = (
            ContributorApplication.Status.APPROVED if approve else ContributorApplication.Status.REJECTED
        )
        application.decided_at = timezone.now()
        application.decided_by = moderator
        application.save()
        if approve:
            application.user.groups.add(Group.objects.get(name=roles.CONTRIBUTORS))
    template = "application_approved" if approve else "application_declined"
    send(
        [
            _message(
                template,
                [application.user.email],
                {"application": application, "admin_url": admin_url},
                recipient_language(application.user, application.language),
            )
        ]
    )
