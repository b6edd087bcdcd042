"""The translators' admin: their "To translate" queue (the views live with the other wiki admin views),
and what translations may start from (``localisation/sources.py``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from wiki.queue_views import TranslationQueueView, may_translate, queue_action

from . import sources


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


# before wagtail-localize's (order 0): the same addresses, guarded
@hooks.register("register_admin_urls", order=-10)
def register_guarded_translation_urls():
    return sources.urlpatterns


# before wagtail-localize's (order 0), which shows its translation editor in place of Wagtail's
@hooks.register("before_edit_page", order=-10)
def refuse_unreadable_page_sources(request, page):
    sources.check_editor(request, page)


@hooks.register("before_edit_snippet", order=-10)
def refuse_unreadable_snippet_sources(request, instance):
    if getattr(instance, "translation_key", None) is not None:
        sources.check_editor(request, instance)


@hooks.register("construct_snippet_listing_buttons")
def hide_translation_of_unreadable_snippets(buttons, snippet, user):
    """wagtail-localize's "Translate" and "Sync" on a draft term the user may not change lead to a
    refusal: not offered."""
    if getattr(snippet, "translation_key", None) is None or sources.may_translate_from(user, snippet):
        return
    buttons[:] = [button for button in buttons if "/localize/" not in (getattr(button, "url", "") or "")]
