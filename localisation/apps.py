from django.apps import AppConfig


class LocalisationConfig(AppConfig):
    name = "localisation"

    def ready(self):
        from core import compat

        from . import mail

        compat.provide(compat.MAIL_RENDERING, mail.render_for_recipient)
