"""Admin views for translators: translations behind their source, and sending a draft to moderation."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.models import Page

from localisation.translations import save_translation_draft
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


def outdated_translations_view(request):
    codes = languages_for(request.user)
    wanted = request.GET.get("language")
    if wanted in codes:
        codes = [wanted]
    sections = [
        {"code": code, "name": dict(settings.LANGUAGES)[code], "items": outdated_translations(code)}
        for code in codes
    ]
    return render(
        request,
        "wiki/admin/outdated_translations.html",
        {"sections": sections, "page_title": _("Out-of-date translations"), "header_icon": "doc-empty"},
    )


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
