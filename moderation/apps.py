from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self):
        from . import admin_names, deletion, publishing

        publishing.install()
        deletion.install()
        admin_names.install()
