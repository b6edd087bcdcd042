"""The translators' admin: their "To translate" queue (the views live with the other wiki admin views)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from wiki.queue_views import TranslationQueueView, may_translate, queue_action


@hooks.register("register_admin_urls")
def register_translation_queue_urls():
    return [
        path("translations/to-translate/", TranslationQueueView.as_view(), name="translation_queue"),
        path(
            "translations/to-translate/<int:page_id>/<str:language_code>/",
            queue_action,
            name="translation_queue_action",
        ),
    ]


class TranslationQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_translate(request.user)


@hooks.register("register_admin_menu_item")
def register_translation_queue_menu_item():
    return TranslationQueueMenuItem(
        _("To translate"), reverse("translation_queue"), icon_name="wagtail-localize-language", order=250
    )
