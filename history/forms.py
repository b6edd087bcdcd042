"""The page editor's form, with the change summary every page type offers."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .models import SUMMARY_LENGTH
from .summaries import FIELD, clean


class ChangeSummaryPageForm(WagtailAdminPageForm):
    # not a page field: it is rendered under the editor (templates/wagtailadmin/pages/) and kept with
    # the revision the save makes (HistoryMixin.save_revision)
    change_summary = forms.CharField(
        label=_("Summary of your changes"),
        help_text=_("Optional. Shown in the page's history, in recent changes and to the moderators."),
        required=False,
        max_length=SUMMARY_LENGTH,
        widget=forms.TextInput(
            attrs={
                "maxlength": SUMMARY_LENGTH,
                "autocomplete": "off",
                "aria-describedby": "id_change_summary-helptext",
            }
        ),
    )

    def clean_change_summary(self):
        return clean(self.cleaned_data.get(FIELD, ""))

    def save(self, commit=True):
        page = super().save(commit=commit)
        page._change_summary = self.cleaned_data.get(FIELD, "")
        return page
