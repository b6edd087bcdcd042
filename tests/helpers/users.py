"""People of the site: accounts in the role groups, and test clients signed in as them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "correct horse battery staple"


def make_user(username, *groups, **fields):
    """An account named ``username`` in the groups named ``groups`` (email and first name derived)."""
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name=fields.pop("first_name", username.capitalize()),
        **fields,
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def client_for(client, user):
    """``client``, signed in as ``user``."""
    client.force_login(user)
    return client
