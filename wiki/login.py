"""Signing in with one's e-mail address (the admin's login form, WAGTAILADMIN_USER_LOGIN_FORM).

Accounts made by the sign-up are named by their e-mail address; others (``createsuperuser``, the
import user) by a user name. The form takes either, whatever its case and surrounding spaces, and
hands Django's authentication (hence django-axes) the account's own name: "Ada@Example.org " and
"ada@example.org" are one account, so they share one count of failures. An address nobody has is
passed on as typed (trimmed, lower-case): it fails like a wrong password, with the same message, after
the same work (Django's ModelBackend hashes the password of an unknown account too).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from pages.home import HomePage


def account_name(typed):
    """The user name of the account ``typed`` names (its e-mail address or user name), else ``typed``
    trimmed and in lower case."""
    typed = (typed or "").strip()
    User = get_user_model()
    field = User.USERNAME_FIELD
    matches = list(
        User._default_manager.filter(Q(**{f"{field}__iexact": typed}) | Q(email__iexact=typed)).values_list(
            field, flat=True
        )[:3]
    )
    if typed in matches:  # the exact user name wins over another account's address
        return typed
    if len(matches) == 1:
        return matches[0]
    return typed.lower()


def axes_username(request, credentials=None):
    """django-axes' AXES_USERNAME_CALLABLE: failures count per account, however its name was typed."""
    typed = (credentials or {}).get("username")
    if typed is None:
        typed = getattr(request, "POST", {}).get("username", "")
    return account_name(typed)


class EmailLogin:
    """What both login forms share: the field asks for the e-mail address, and finds the account."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Your e-mail address and password didn't match. Please try again."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.label = _("E-mail address")
        username.widget.attrs.update(
            {"placeholder": _("Enter your e-mail address"), "autocomplete": "username", "inputmode": "email"}
        )

    def clean_username(self):
        return account_name(self.cleaned_data.get("username"))

    def get_invalid_login_error(self):
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class EmailLoginForm(EmailLogin, LoginForm):
    """The admin's login (WAGTAILADMIN_USER_LOGIN_FORM)."""


class PageLoginForm(EmailLogin, AuthenticationForm):
    """The login of the public site, where a page for signed-in people sends visitors."""


class PageLoginView(LoginView):
    """The site's login (``/<lang>/_util/login/``). With ``next`` (a page for signed-in people sent
    the visitor here) it returns there; without, to the home page of the login's language, which
    every account may see, rather than Django's ``/accounts/profile/`` (no such page: a 404). Not the
    admin's dashboard: an account may read private pages without any right in the admin."""

    template_name = "wiki/page_login.html"
    authentication_form = PageLoginForm

    def get_default_redirect_url(self):
        home = HomePage.objects.live().filter(locale__language_code=translation.get_language()).first()
        return home.get_url(self.request) if home is not None else "/"
