from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes  # noqa: F401  (registers the declared uses as a source of recent changes)
