from django.urls import path

from . import signup_views, views, watch_views

urlpatterns = [
    path("recent-changes/", views.recent_changes_view, name="recent_changes"),
    path("recent-changes/feed/", views.RecentChangesFeed(), name="recent_changes_feed"),
    path("accounts/signup/", signup_views.signup_view, name="signup"),
    path("watchlist/", watch_views.watchlist, name="watchlist"),
    path("watch/page/<int:page_id>/", watch_views.watch_page, name="watch_page"),
    path("watch/category/<slug:slug>/", watch_views.watch_category, name="watch_category"),
]
