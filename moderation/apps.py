from django.apps import AppConfig

from core import compat


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self):
        from . import deletion, publishing, roles

        publishing.install()
        deletion.install()
        # the admin prints group, workflow and task names in its language (core/compat.py)
        compat.provide(compat.DISPLAYED_NAMES, roles.display_name)
