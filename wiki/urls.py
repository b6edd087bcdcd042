from django.urls import path

from core.parameters import reads

from . import public_editing_views, signup_views, watch_views
from .login import PageLoginView

urlpatterns = [
    path("accounts/signup/", signup_views.signup_view, name="signup"),
    path("suggest-a-change/<int:page_id>/", public_editing_views.suggest_change, name="suggest_change"),
    # Wagtail's own login for pages restricted to signed-in people, by e-mail address, in the site's look
    path(
        "_util/login/",
        reads("next")(PageLoginView.as_view()),
        name="wagtailcore_login",
    ),
    path("watchlist/", watch_views.watchlist, name="watchlist"),
    path("watch/page/<int:page_id>/", watch_views.watch_page, name="watch_page"),
    # every kind of taxonomy term (pages/terms.py): /watch/category/<slug>/, /watch/topic/<slug>/…
    path("watch/<slug:kind>/<slug:slug>/", watch_views.watch_term, name="watch_term"),
]
