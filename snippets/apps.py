from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnippetsConfig(AppConfig):
    name = "snippets"
    label = "snippets"
    verbose_name = _("Taxonomy")

    def ready(self):
        from . import signals

        signals.connect()
