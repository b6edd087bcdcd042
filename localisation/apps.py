from django.apps import AppConfig

from core import compat


class LocalisationConfig(AppConfig):
    name = "localisation"

    def ready(self):
        from . import mail

        compat.provide(compat.MAIL_RENDERING, mail.render_for_recipient)
