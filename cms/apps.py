from django.apps import AppConfig

from core import site_address  # noqa: F401  (registers the SITE_URL check)


class CmsConfig(AppConfig):
    name = "cms"
