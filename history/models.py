from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

SUMMARY_LENGTH = 300


class ChangeSummary(models.Model):
    """What an editor said they changed, in their own words, when they saved a revision."""

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="change_summary")
    text = models.CharField(_("summary of the change"), max_length=SUMMARY_LENGTH)

    class Meta:
        verbose_name = _("change summary")
        verbose_name_plural = _("change summaries")

    def __str__(self):
        return self.text
