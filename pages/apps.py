from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Catalogue pages")

    def ready(self):
        # field diffs for the public history and the admin's comparisons (wagtail.admin.compare)
        from . import comparisons

        comparisons.register()
