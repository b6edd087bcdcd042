"""The page editor's form, with the change summary every page type offers."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .models import SUMMARY_LENGTH
from .summaries import FIELD, clean

TOO_LONG = _("The summary of your changes is too long: %(length)d characters, at most %(limit)d.")


class ChangeSummaryPageForm(WagtailAdminPageForm):
    """Reads the change summary typed under the editor (templates/wagtailadmin/pages/_change_summary.html).

    Not a form field: Wagtail renders every form field no panel claims, bare, inside the tabs; the
    summary belongs next to the save buttons, on every tab. It is kept with the revision the save
    makes (HistoryMixin.save_revision).
    """

    change_summary = ""
    change_summary_error = ""

    def clean(self):
        cleaned_data = super().clean()
        raw = str(self.data.get(FIELD, ""))
        text = clean(raw) if len(raw.strip()) <= SUMMARY_LENGTH else ""
        if len(raw.strip()) > SUMMARY_LENGTH:
            self.change_summary_error = TOO_LONG % {"length": len(raw.strip()), "limit": SUMMARY_LENGTH}
            self.add_error(None, self.change_summary_error)
        self.change_summary = text
        return cleaned_data

    def save(self, commit=True):
        page = super().save(commit=commit)
        page._change_summary = self.change_summary
        return page
