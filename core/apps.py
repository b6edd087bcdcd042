"""The core's app configuration."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    label = "core"

    def ready(self):
        from . import compat

        compat.install()
