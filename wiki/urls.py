from django.urls import path

from . import signup_views, watch_views

urlpatterns = [
    path("accounts/signup/", signup_views.signup_view, name="signup"),
    path("watchlist/", watch_views.watchlist, name="watchlist"),
    path("watch/page/<int:page_id>/", watch_views.watch_page, name="watch_page"),
    path("watch/category/<slug:slug>/", watch_views.watch_category, name="watch_category"),
]
