from django.urls import path

from . import views

urlpatterns = [
    path("community/<int:page_id>/argue/", views.argue, name="community_argue"),
    path("community/<int:page_id>/endorse/", views.endorse, name="community_endorse"),
    path(
        "community/argument/<int:item_id>/translation/",
        views.machine_translated,
        name="community_translation",
    ),
    path("community/<slug:kind>/<int:item_id>/vote/", views.vote, name="community_vote"),
    path("community/<slug:kind>/<int:item_id>/report/", views.report, name="community_report"),
    path("community/<slug:kind>/<int:item_id>/withdraw/", views.withdraw, name="community_withdraw"),
]
