"""E-mails go out in their recipient's admin language.

``recipient_language`` is the language of the Wagtail profile ("Preferred language" in the account
settings), else the one the person last used with us (``fallback``: the language of their
application, of what they watch), else the site's default language.

Wagtail's moderation e-mails (wagtail.admin.mail) render their subject and text in the recipient's
``get_preferred_language()``, which without a preference is the *sender's* active language, and
render the HTML part outside that, in the sender's language, whoever receives it. Wagtail renders
them with ``render_for_recipient`` instead (core/compat.py, "mail rendering"), which renders the
three parts of each of those e-mails in ``recipient_language(recipient)``: every template there is
rendered with the recipient as ``user`` in its context.

Every part of every e-mail the project sends is rendered by ``render_part``: a text part (``.txt``,
subject or body) as text, by the template engine without HTML escaping (settings ``TEMPLATES``,
"text"), since a name such as "D'Arc & Fils" would otherwise reach the reader as
"D&#x27;Arc &amp; Fils"; an HTML part escaped, as any HTML.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def recipient_language(user, fallback=None):
    codes = dict(settings.LANGUAGES)
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = profile.preferred_language if profile is not None else ""
    for code in (preferred, fallback):
        if code in codes:
            return code
    return settings.LANGUAGE_CODE


TEXT_ENGINE = "text"


def render_part(template_name, context=None, request=None, using=None):
    """One part of an e-mail from its template: ``.txt`` as text (nothing escaped), HTML escaped."""
    names = [template_name] if isinstance(template_name, str) else list(template_name)
    if all(str(name).endswith(".txt") for name in names):
        using = TEXT_ENGINE
    return render_to_string(template_name, context, request, using)


def render_for_recipient(template_name, context=None, request=None, using=None):
    user = (context or {}).get("user")
    if user is None or not getattr(user, "pk", None):
        return render_part(template_name, context, request, using)
    with translation.override(recipient_language(user)):
        return render_part(template_name, context, request, using)
