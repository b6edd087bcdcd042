from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CONTEXT_LENGTH, REASON_LENGTH, TEXT_LENGTH, TITLE_LENGTH, Stance


class ArgumentForm(forms.Form):
    stance = forms.ChoiceField(label=_("Your argument is"), choices=Stance.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH, help_text=_("One short sentence."))
    text = forms.CharField(
        label=_("Argument"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 6})
    )
    criterion = forms.TypedChoiceField(label=_("About"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, criteria=(), reply=False, **kwargs):
        super().__init__(*args, **kwargs)
        if reply:
            del self.fields["criterion"]
            self.fields["stance"].label = _("Your answer")
            self.fields["stance"].choices = [
                (Stance.FOR, _("Supports this argument")),
                (Stance.AGAINST, _("Counters this argument")),
            ]
        elif criteria:
            self.fields["criterion"].choices = [("", _("The page as a whole"))] + [
                (c.pk, c.name) for c in criteria
            ]
        else:
            del self.fields["criterion"]


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should moderators hide it?"),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class EndorsementForm(forms.Form):
    on_behalf_of = forms.TypedChoiceField(label=_("Who uses it"), coerce=int, widget=forms.RadioSelect)
    since_year = forms.IntegerField(label=_("In use since (year)"), required=False, min_value=1990)
    context = forms.CharField(
        label=_("What for"),
        required=False,
        max_length=CONTEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    use_case = forms.TypedChoiceField(label=_("Use case"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, organisations=(), use_cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        # 0: the person themselves
        self.fields["on_behalf_of"].choices = [(o.pk, o.title) for o in organisations] + [(0, _("Myself"))]
        self.fields["use_case"].choices = [("", _("None"))] + [(u.pk, u.title) for u in use_cases]

    def clean_since_year(self):
        year = self.cleaned_data["since_year"]
        if year is not None and year > timezone.now().year:
            raise forms.ValidationError(_("This year has not come yet."))
        return year
