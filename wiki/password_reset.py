"""Password reset e-mails, limited per e-mail address and per client (the admin's reset form,
``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``, which the site's login and lockout pages link to).

Anyone can ask for a reset of any address: without a limit, the form mails its owner as often as
someone posts it (12 e-mails in 2 s). A request over either limit sends nothing, and its answer is
the one every request gets, known address or not ("if an account exists, an e-mail was sent"): the
limit says nothing about who is registered. It is counted before the address is looked up, so a
known and an unknown address cost the same.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from wagtail.admin.forms.auth import PasswordResetForm

from core.clients import limited_address
from core.throttling import Throttle
from localisation.mail import render_part

logger = logging.getLogger(__name__)


def rate_limits():
    period = settings.PASSWORD_RESET_RATE_PERIOD * 3600
    return (
        Throttle("password-reset-from-client", settings.PASSWORD_RESET_CLIENT_RATE_LIMIT, period),
        Throttle("password-reset-for-address", settings.PASSWORD_RESET_RATE_LIMIT, period),
    )


def within_limits(client, email):
    """Count one request: False once there were too many from this client or for this address."""
    from_client, for_address = rate_limits()
    # a client over its limit is not counted against the address: it cannot lock its owner out alone
    return from_client.attempt(client) and for_address.attempt(email.strip().lower())


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        client = limited_address(request) if request is not None else ""
        if not within_limits(client, self.cleaned_data["email"]):
            logger.info("password reset not sent: over the limit for this client or address")
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # Django's, with the text parts rendered as text (localisation.mail.render_part): a user name
        # such as "D'Arc & Fils" is not HTML-escaped in a plain-text e-mail
        subject = "".join(render_part(subject_template_name, context).splitlines())
        message = EmailMultiAlternatives(
            subject, render_part(email_template_name, context), from_email, [to_email]
        )
        if html_email_template_name is not None:
            message.attach_alternative(render_part(html_email_template_name, context), "text/html")
        try:
            message.send()
        except Exception:
            logger.exception("Failed to send password reset email to %s", context["user"].pk)
