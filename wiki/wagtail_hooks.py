from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from moderation.roles import is_translator

from .admin_views import OutdatedTranslationsView, can_submit, submit_for_moderation
from .conflicts import conflict_response, outdated_save
from .dashboard import TranslationQueuePanel
from .queue_views import TranslationQueueView, may_translate, queue_action
from .signup_views import applications_view, decide_view


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "reports/outdated-translations/", OutdatedTranslationsView.as_view(), name="outdated_translations"
        ),
        path("pages/<int:page_id>/submit/", submit_for_moderation, name="submit_for_moderation"),
        path("contributors/applications/", applications_view, name="contributor_applications"),
        path(
            "contributors/applications/<int:application_id>/<str:decision>/",
            decide_view,
            name="contributor_application_decide",
        ),
    ]


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wiki.change_contributorapplication")


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return ApplicationsMenuItem(
        _("Contributor applications"), reverse("contributor_applications"), icon_name="user", order=850
    )


@hooks.register("register_reports_menu_item")
def register_outdated_translations_menu_item():
    return MenuItem(
        _("Out-of-date translations"), reverse("outdated_translations"), icon_name="doc-empty", order=900
    )


@hooks.register("register_page_listing_more_buttons")
def submit_for_moderation_button(page, user, next_url=None):
    if can_submit(page.specific_deferred, user):
        yield Button(
            _("Send the draft for moderation"),
            reverse("submit_for_moderation", args=[page.pk]),
            icon_name="tasks",
            priority=45,
        )


# After wagtail-localize's hook (order 0): a synced translation's editor posts segments, not the
# page form, and has no version to compare.
@hooks.register("before_edit_page", order=10)
def refuse_outdated_saves(request, page):
    newer = outdated_save(request, page)
    if newer is not None:
        return conflict_response(request, page, newer)
    return None


# The translators' "To translate" queue
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


# after moderation's (its app comes first), which replaces Wagtail's panels by the roles' own
@hooks.register("construct_homepage_panels")
def translation_queue_panel(request, panels):
    if is_translator(request.user):
        panels.append(TranslationQueuePanel(request.user))
