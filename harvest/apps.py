from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarvestConfig(AppConfig):
    name = "harvest"
    verbose_name = _("Harvest")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the sources of an entry on its page, registered with the catalogue (models are ready only now)
        from . import provenance

        provenance.install()
