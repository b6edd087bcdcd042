from django.urls import path

from . import views

urlpatterns = [path("vitality/", views.rules, name="vitality_rules")]
