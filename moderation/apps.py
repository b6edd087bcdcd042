from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self):
        from . import deletion, publishing

        publishing.install()
        deletion.install()
