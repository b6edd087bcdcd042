from django.apps import AppConfig


class LocalisationConfig(AppConfig):
    name = "localisation"

    def ready(self):
        from . import fallback, mail

        fallback.install()
        mail.install()
