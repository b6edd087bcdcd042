from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^export/search\.(?P<fmt>csv|json)$", views.export_search, name="export_search"),
    re_path(r"^export/(?P<name>[a-z-]+)\.(?P<fmt>csv|json)$", views.export, name="export"),
]
