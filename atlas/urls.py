from django.urls import path

from . import views

urlpatterns = [
    path("map/", views.world_map, name="atlas_map"),
    path("figures/", views.figures, name="atlas_figures"),
]
