from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^export/publiccode/(?P<translation_key>[0-9a-f-]{36})\.yml$",
        views.export_publiccode,
        name="export_publiccode",
    ),
    re_path(r"^export/search\.(?P<fmt>csv|json)$", views.export_search, name="export_search"),
    re_path(
        r"^export/collection/(?P<translation_key>[0-9a-f-]{36})\.(?P<fmt>csv|json)$",
        views.export_collection,
        name="export_collection",
    ),
    re_path(r"^export/(?P<name>[a-z-]+)\.(?P<fmt>csv|json)$", views.export, name="export"),
]
