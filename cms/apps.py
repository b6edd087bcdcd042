from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"

    def ready(self):
        from core import site_address  # noqa: F401  (registers the SITE_URL check)
