from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import freshness


class VitalityConfig(AppConfig):
    name = "vitality"
    verbose_name = _("Vitality")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the tools' vitality on their pages, cards, records, facets and sorts: registered with the
        # catalogue, search and open data (models are ready only now)
        from . import display
        from .models import Address, Attention, CheckRun, PageAddress, VitalityPoint

        display.install()
        # what the checks record as they go (a save per address) shows in the admin only; what
        # visitors see of it (a tool's vitality, its point of the day on the history chart) is
        # written by vitality.assess, which starts a new generation itself when something shown changed
        freshness.declare_unshown(Address, Attention, CheckRun, PageAddress, VitalityPoint)
