"""The "To translate" report and its one action per row (start or update a translation)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from localisation import sources
from pages.relations import visible

from .admin_views import languages_for
from .translation_queue import queue_for

TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


def may_translate(user):
    return user.has_perm(TRANSLATE_PERMISSION)


class ActionColumn(Column):
    """The row's one action: a small form (its cell is rendered apart, without the page's CSRF token)."""

    cell_template_name = "wiki/admin/translation_queue_action.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        return context


class TranslationQueueView(ReportView):
    """The live pages of other languages to translate, or to update, into the user's languages."""

    template_name = "wiki/admin/translation_queue.html"
    page_title = gettext_lazy("To translate")
    header_icon = "wagtail-localize-language"
    index_url_name = "translation_queue"
    columns = [
        TitleColumn("source", label=gettext_lazy("Page"), get_url=lambda item: item.source.url),
        Column("source_language_name", label=gettext_lazy("Written in")),
        Column("language_name", label=gettext_lazy("To translate into")),
        DateColumn("source_changed_on", label=gettext_lazy("Original changed on")),
        ActionColumn("action_label", label=gettext_lazy("Action")),
    ]
    list_export = ["source", "source_language_name", "language_name", "source_changed_on", "action_label"]
    export_headings = {column.name: column.label for column in columns}
    export_filename = "to-translate"

    def dispatch(self, request, *args, **kwargs):
        if not may_translate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        codes = languages_for(self.request.user)
        language = self.request.GET.get("language")
        return queue_for(self.request.user, language if language in codes else None)

    @property
    def no_results_message(self):
        return _("Nothing to translate: every page has an up-to-date version in your languages.")


def translation_editor(page):
    # wagtail-localize shows its translation editor on a synced translation's edit view
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def queue_action(request, page_id, language_code):
    """Start the translation of a live page into one of the user's languages, or re-sync it.

    Either way the translator lands in wagtail-localize's translation editor. Updating only refreshes
    the source's segments: nothing is written into the live translation until a moderator approves.
    """
    if not may_translate(request.user) or language_code not in languages_for(request.user):
        raise PermissionDenied
    source = get_object_or_404(visible(Page.objects.all()), pk=page_id).specific
    locale = get_object_or_404(Locale, language_code=language_code)
    if source.locale_id == locale.pk:
        raise Http404
    existing = source.get_translation_or_none(locale)
    if existing is None:
        parent = source.get_parent().get_translation_or_none(locale)
        if parent is None or not parent.permissions_for_user(request.user).can_add_subpage():
            messages.error(request, _("You may not add pages where this translation would go."))
            return redirect("translation_queue")
        translate_object(source, [locale], user=request.user)
        created = source.get_translation_or_none(locale)
        if created is None:  # wagtail-localize keeps quiet when the new page does not validate
            messages.error(request, _("The translation could not be created: please tell a moderator."))
            return redirect("translation_queue")
        return translation_editor(created)
    if not existing.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = (
        Translation.objects.filter(source__object_id=source.translation_key, target_locale=locale)
        .select_related("source")
        .first()
    )
    if translation is None:
        # a version written by hand, not by wagtail-localize: edit it as any page
        return redirect("wagtailadmin_pages:edit", existing.pk)
    # the version wagtail-localize syncs from may be another language's, private or a draft
    sources.check(request.user, sources.source_of(translation.source))
    translation.source.update_from_db()
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    messages.success(
        request,
        _("“%(title)s” was synced with its original: update the changed text, then send it for moderation.")
        % {"title": existing.get_admin_display_title()},
    )
    return translation_editor(existing)
