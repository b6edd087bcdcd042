"""Becoming a contributor: apply, wait for a moderator, then edit and submit (never publish).

The answer to an application is the same whether or not the address already has an account, so
that the sign-up form cannot be used to find out who is registered; the owner of an existing
account is told by e-mail instead.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cms import roles

from .models import ContributorApplication


def _send(template, to, context, language):
    with translation.override(language):
        subject = render_to_string(f"wiki/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"wiki/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def moderator_addresses():
    return list(
        get_user_model()
        .objects.filter(groups__name=roles.MODERATORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def apply(*, name, email, password, motivation, language, admin_url):
    """Create a pending account, or tell an existing account's owner. Returns the application or None."""
    email = get_user_model().objects.normalize_email(email).lower()
    User = get_user_model()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None or User.objects.filter(username__iexact=email).exists():
        _send("already_registered", [email], {"admin_url": admin_url}, language)
        return None
    first, _, last = name.strip().partition(" ")
    with transaction.atomic():
        user = User.objects.create_user(
            username=email, email=email, password=password, first_name=first[:150], last_name=last[:150]
        )
        application = ContributorApplication.objects.create(
            user=user, motivation=motivation, language=language
        )
    context = {"application": application, "user": user, "admin_url": admin_url}
    _send("application_received", [email], context, language)
    moderators = moderator_addresses()
    if moderators:
        _send("new_application", moderators, context, settings.LANGUAGE_CODE)
    return application


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
    _send(
        template,
        [application.user.email],
        {"application": application, "admin_url": admin_url},
        application.language,
    )
