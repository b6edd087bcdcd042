from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from . import frontend, invalidation

        invalidation.connect()
        frontend.connect()
