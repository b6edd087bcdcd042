"""Admin views for translators: translations behind their source, and sending a draft to moderation."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from core.translations import save_translation_draft
from moderation import roles

from .translation_status import outdated_translations


def languages_for(user):
    """The languages a user translates into: their "Translators (xx)" groups, or all of them."""
    codes = [code for code, _name in settings.LANGUAGES]
    if user.is_superuser:
        return codes
    names = set(user.groups.values_list("name", flat=True))
    mine = [code for code in codes if roles.translators_group_name(code) in names]
    return mine or codes


class OutdatedTranslationsView(ReportView):
    """Translations behind their source in the user's languages (``?language=`` for one), by language."""

    template_name = "wiki/admin/outdated_translations.html"
    page_title = gettext_lazy("Out-of-date translations")
    header_icon = "doc-empty"
    index_url_name = "outdated_translations"
    columns = [
        TitleColumn(
            "translation",
            label=gettext_lazy("Translation"),
            get_url=lambda item: reverse("wagtailadmin_pages:edit", args=[item.translation.pk]),
        ),
        Column("language_name", label=gettext_lazy("Language")),
        TitleColumn("original", label=gettext_lazy("Original"), get_url=lambda item: item.source.url),
        DateColumn("source_changed_on", label=gettext_lazy("Original changed on")),
        DateColumn("translation_published_on", label=gettext_lazy("Translation published on")),
    ]
    list_export = [column.name for column in columns]
    export_headings = {column.name: column.label for column in columns}
    export_filename = "outdated-translations"

    def get_queryset(self):
        codes = languages_for(self.request.user)
        self.shown_languages = (
            [self.request.GET["language"]] if self.request.GET.get("language") in codes else codes
        )
        return [item for code in self.shown_languages for item in outdated_translations(code)]

    @property
    def no_results_message(self):
        if len(self.shown_languages) > 1:
            return _("Every translation in your languages is up to date.")
        return _("Every translation in this language is up to date.")


def pending_translation(page):
    """The wagtail-localize translation with segments not yet written into ``page``, if any.

    Its editor keeps each translated segment apart and writes them into the page only when someone
    publishes, which translators may not do: sending for moderation writes them as a draft first.
    """
    from wagtail_localize.models import StringTranslation, Translation

    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source")
        .first()
    )
    if translation is None:
        return None
    # only segments translated since the page's latest version: otherwise there is nothing to write
    newer = StringTranslation.objects.filter(
        locale_id=page.locale_id,
        context__object_id=translation.source.object_id,
        translation_of__segments__source=translation.source,
    )
    if page.latest_revision_created_at is not None:
        newer = newer.filter(updated_at__gt=page.latest_revision_created_at)
    return translation if newer.exists() else None


def can_submit(page, user):
    """A draft that this user may edit, that is not already in moderation, and that has a workflow."""
    return (
        page.permissions_for_user(user).can_edit()
        and not page.workflow_in_progress
        and page.get_workflow() is not None
        # the translation check last: it costs queries, and most rows of a listing stop before it
        and (page.has_unpublished_changes or pending_translation(page) is not None)
    )


def submit_for_moderation(request, page_id):
    """Send a page's latest draft to its workflow.

    wagtail-localize's translation editor saves drafts but cannot start a workflow; translators
    (who cannot publish) send their translated draft to the moderators from here.
    """
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_submit(page, request.user):
        messages.error(request, _("This page has no draft you can send for moderation."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    if request.method == "POST":
        translation = pending_translation(page)
        if translation is not None:
            try:
                save_translation_draft(translation.source, translation.target_locale, request.user)
            except ValidationError as error:
                messages.error(
                    request,
                    _("The translation cannot be saved yet: %(errors)s")
                    % {"errors": "; ".join(error.messages)},
                )
                return redirect("wagtailadmin_pages:edit", page.pk)
            page = Page.objects.get(pk=page.pk).specific
        page.get_workflow().start(page, request.user)
        messages.success(
            request, _("“%(title)s” was sent to the moderators.") % {"title": page.get_admin_display_title()}
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return render(
        request,
        "wiki/admin/submit_for_moderation.html",
        {"page": page, "page_title": _("Send for moderation"), "header_icon": "tasks"},
    )
