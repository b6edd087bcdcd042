"""Demo accounts for a newcomer trying the admin: an editor, a Spanish translator and a moderator.

Known addresses and passwords, so they exist only where DEMO_ACCOUNTS is on (cms/settings/dev.py and
the tests), never under the production settings, where anyone reading this file could sign in.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from moderation import roles


class DemoAccountsRefused(Exception):
    pass


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    first_name: str
    last_name: str
    groups: tuple
    may: str
    admin_language: str = ""


ACCOUNTS = (
    DemoAccount(
        "demo.editor@example.org",
        "demo-editor-password",
        "Demo",
        "Editor",
        (roles.EDITORS,),
        "writes and edits pages in every language and submits them for moderation",
    ),
    DemoAccount(
        "demo.translator@example.org",
        "demo-translator-password",
        "Demo",
        "Translator",
        (roles.TRANSLATORS, roles.translators_group_name("es")),
        "translates pages into Spanish (admin in Spanish) and sends them for moderation",
        admin_language="es",
    ),
    DemoAccount(
        "demo.moderator@example.org",
        "demo-moderator-password",
        "Demo",
        "Moderator",
        (roles.MODERATORS,),
        "reviews submissions (approve or reject), publishes, approves contributor applications",
    ),
)


def refusal():
    """Why demo accounts may not be created with these settings, or None."""
    if not getattr(settings, "DEMO_ACCOUNTS", False):
        return (
            "Demo accounts have known passwords: they are created only with DEMO_ACCOUNTS on "
            "(the development settings, cms.settings.dev), never with "
            f"{settings.SETTINGS_MODULE or 'these settings'}."
        )
    return None


def ensure_accounts():
    """Create or reset the demo accounts (password, groups, active); returns ACCOUNTS."""
    if problem := refusal():
        raise DemoAccountsRefused(problem)
    User = get_user_model()
    for account in ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.email)
        user.email = account.email
        user.first_name, user.last_name = account.first_name, account.last_name
        user.is_active = True
        user.set_password(account.password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=account.groups))
        if account.admin_language:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = account.admin_language
            profile.save()
    return ACCOUNTS


def sign_in_text(admin_url):
    """How to sign in as each demo account, for the console."""
    lines = [f"Demo accounts (development only) — sign in at {admin_url}"]
    for account in ACCOUNTS:
        lines.append(f"  {account.email}  password: {account.password}")
        lines.append(f"      {account.last_name.lower()}: {account.may}")
    return "\n".join(lines)
