import unicodedata

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

# the rules of AUTH_PASSWORD_VALIDATORS, in the language of each request (not of the first import)
password_rules = lazy(password_validation.password_validators_help_text_html, str)


class SignupForm(forms.Form):
    name = forms.CharField(label=_("Your name, as contributors will see it"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=password_rules(),
        widget=forms.PasswordInput(
            attrs={"autocomplete": "new-password", "aria-describedby": "id_password1_help"}
        ),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    motivation = forms.CharField(
        label=_("What would you like to contribute? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # left empty by people; filled in by most spam robots, which then get the usual answer and nothing else
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def clean_name(self):
        name = self.cleaned_data["name"]
        if any(_is_control(character) for character in name):
            raise forms.ValidationError(
                _("A name cannot contain line breaks, tabs or other control characters.")
            )
        return name

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are different."))
        elif first:
            # the account to be: a password too close to the name or the address is refused
            email, name = cleaned.get("email", ""), cleaned.get("name", "")
            future = get_user_model()(email=email, first_name=name)  # named by the address, as apply() does
            try:
                password_validation.validate_password(first, future)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))


# joiners that some scripts need inside words (Persian, Indic scripts, emoji sequences)
JOINERS = {"\u200c", "\u200d"}
# control, format (bidi overrides…), surrogate, private-use and unassigned characters; line separators
REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _is_control(character):
    return character not in JOINERS and unicodedata.category(character) in REFUSED_CATEGORIES
