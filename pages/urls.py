from django.urls import path

from . import compare_views

urlpatterns = [
    path("compare/", compare_views.compare_tools, name="compare_tools"),
]
