from django.urls import path

from . import signup_views, views

urlpatterns = [
    path("recent-changes/", views.recent_changes_view, name="recent_changes"),
    path("recent-changes/feed/", views.RecentChangesFeed(), name="recent_changes_feed"),
    path("accounts/signup/", signup_views.signup_view, name="signup"),
]
