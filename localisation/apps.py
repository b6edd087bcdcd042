from django.apps import AppConfig


class LocalisationConfig(AppConfig):
    name = "localisation"

    def ready(self):
        from . import admin_names, fallback, mail

        fallback.install()
        admin_names.install()
        mail.install()
