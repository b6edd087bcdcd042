"""The recent changes of the catalogue (one list and its feed per language)."""

from django.urls import path

from . import changes_views as views

urlpatterns = [
    path("recent-changes/", views.recent_changes_view, name="recent_changes"),
    path("recent-changes/feed/", views.RecentChangesFeed(), name="recent_changes_feed"),
]
