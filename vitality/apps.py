from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VitalityConfig(AppConfig):
    name = "vitality"
    verbose_name = _("Vitality")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the tools' vitality on their pages, cards, records, facets and sorts: registered with the
        # catalogue, search and open data (models are ready only now)
        from . import display

        display.install()
