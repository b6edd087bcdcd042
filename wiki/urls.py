from django.urls import path

from . import public_editing_views, signup_views, watch_views

urlpatterns = [
    path("accounts/signup/", signup_views.signup_view, name="signup"),
    path("suggest-a-change/<int:page_id>/", public_editing_views.suggest_change, name="suggest_change"),
    path("watchlist/", watch_views.watchlist, name="watchlist"),
    path("watch/page/<int:page_id>/", watch_views.watch_page, name="watch_page"),
    path("watch/category/<slug:slug>/", watch_views.watch_category, name="watch_category"),
]
