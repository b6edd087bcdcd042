from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # what the community adds to the catalogue, registered with it: the declared uses in the
        # recent changes, the community's part of a page, the count of declared uses on cards
        from . import changes, counts, summary  # noqa: F401
