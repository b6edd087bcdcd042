from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .taxonomy import publish_drafts_named_by

        # a term an import created waits for a moderator: approving an entry that names it publishes it
        page_published.connect(
            lambda sender, instance, **kwargs: publish_drafts_named_by(instance),
            dispatch_uid="opendata-publish-named-drafts",
            weak=False,
        )
