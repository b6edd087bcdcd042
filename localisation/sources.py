"""A translation starts only from what its translator may read.

wagtail-localize opens the whole source in the translation editor (and in its PO file and preview)
for anyone with the right to submit translations, whatever the source: a draft, a page restricted
to the Moderators, a taxonomy term waiting for a moderator. Here a source is one the user may read:

* a page that visitors see (``pages.relations.visible``: live, with no restriction on it, its
  ancestors or what it aliases), or one they may change (``pages.relations.readable``);
* a snippet that is live (taxonomy terms have a draft state) or that they may change.

Every wagtail-localize address that starts, updates or shows a translation from its source is
guarded here (``urlpatterns``, registered before wagtail-localize's own at the same addresses), and
so are the editors it puts in place of Wagtail's (``before_edit_page``/``before_edit_snippet``
hooks, in ``localisation/wagtail_hooks.py``) for a translation whose source has since become a
draft or private. A refusal is a 403 and changes nothing. The translators' queue
(``wiki/translation_queue.py``) lists and acts on visible pages only.
"""

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import path
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert, edit_translation, report, submit_translations, update_translations

from pages.relations import readable


def may_translate_from(user, source):
    """Whether ``user`` may start, update or read a translation of ``source`` (a page or snippet)."""
    if user.is_superuser:
        return True
    if isinstance(source, Page):
        return readable(Page.objects.filter(pk=source.pk), user).exists()
    if isinstance(source, DraftStateMixin) and not source.live:
        options = source._meta
        return user.has_perm(f"{options.app_label}.change_{options.model_name}")
    return True


def check(user, source):
    if source is not None and not may_translate_from(user, source):
        raise PermissionDenied


def source_of(translation_source):
    """The object a wagtail-localize ``TranslationSource`` was taken from, or None if it is gone."""
    try:
        return translation_source.get_source_instance()
    except ObjectDoesNotExist:
        return None


def source_of_translated(instance, enabled_only=False):
    """The source of ``instance`` if wagtail-localize made it as a translation (by default, whether
    the translation is still synced or not)."""
    translations = Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale_id=instance.locale_id
    )
    if enabled_only:
        translations = translations.filter(enabled=True)
    translation = translations.select_related("source").first()
    return source_of(translation.source) if translation is not None else None


def check_editor(request, instance):
    """For the editors wagtail-localize puts in place of Wagtail's edit view: the translation editor
    of a synced translation (or of one being synced again, "Start Synced translation") shows its
    source; the editor of an alias in another language names what it aliases."""
    if isinstance(instance, Page) and instance.alias_of_id:
        check(request.user, Page.objects.get(pk=instance.alias_of_id))
    restarting = request.method == "POST" and "localize-restart-translation" in request.POST
    check(request.user, source_of_translated(instance, enabled_only=not restarting))


# --- the addresses ------------------------------------------------------------------------------


def _page(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


def submitted_page(request, page_id):
    page = _page(page_id)
    check(request.user, page)
    if request.method == "POST" and request.POST.get("include_subtree"):
        # wagtail-localize translates every page below as well
        below = page.get_descendants()
        if readable(below, request.user).count() != below.count():
            raise PermissionDenied


def submitted_snippet(request, app_label, model_name, pk):
    model = next(
        (
            m
            for m in get_snippet_models()
            if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
        ),
        None,
    )
    if model is None:
        raise Http404
    check(request.user, model.objects.filter(pk=unquote(pk)).first())


def updated_source(request, translation_source_id):
    found = TranslationSource.objects.filter(pk=translation_source_id).first()
    check(request.user, source_of(found) if found is not None else None)


def edited_translation(request, translation_id, **kwargs):
    found = Translation.objects.filter(pk=translation_id).select_related("source").first()
    check(request.user, source_of(found.source) if found is not None else None)


def converted_page(request, page_id):
    # "Convert to alias" makes the page show its source: the source must be one the user may read
    check(request.user, source_of_translated(_page(page_id)))


def guarded(view, guard):
    """``view`` (wagtail-localize's), once ``guard`` has found its source readable."""

    def guarded_view(request, *args, **kwargs):
        guard(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    guarded_view.guarded = view
    return guarded_view


class TranslationsReportView(report.TranslationsReportView):
    """wagtail-localize's report of every translation, naming its source: only the sources the user
    may read (snippets are listed as before: who may open the report may read the taxonomy)."""

    def get_queryset(self):
        translations = super().get_queryset()
        if self.request.user.is_superuser:
            return translations
        pages = Page.objects.filter(
            translation_key=OuterRef("source__object_id"), locale_id=OuterRef("source__locale_id")
        )
        page_types = ContentType.objects.filter(pk__in=Page.objects.values("content_type"))
        return translations.filter(
            ~Q(source__specific_content_type__in=page_types) | Q(Exists(readable(pages, self.request.user)))
        )


urlpatterns = [
    path(
        "localize/submit/page/<int:page_id>/",
        guarded(submit_translations.SubmitPageTranslationView.as_view(), submitted_page),
    ),
    path(
        "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        guarded(submit_translations.SubmitSnippetTranslationView.as_view(), submitted_snippet),
    ),
    path(
        "localize/update/<int:translation_source_id>/",
        guarded(update_translations.UpdateTranslationsView.as_view(), updated_source),
    ),
    path(
        "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        guarded(edit_translation.edit_string_translation, edited_translation),
    ),
    path(
        "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        guarded(edit_translation.edit_override, edited_translation),
    ),
    path(
        "localize/translate/<int:translation_id>/pofile/download/",
        guarded(edit_translation.download_pofile, edited_translation),
    ),
    path(
        "localize/translate/<int:translation_id>/pofile/upload/",
        guarded(edit_translation.upload_pofile, edited_translation),
    ),
    path(
        "localize/translate/<int:translation_id>/machine_translate/",
        guarded(edit_translation.machine_translate, edited_translation),
    ),
    path(
        "localize/translate/<int:translation_id>/preview/",
        guarded(edit_translation.preview_translation, edited_translation),
    ),
    path(
        "localize/translate/<int:translation_id>/preview/<str:mode>/",
        guarded(edit_translation.preview_translation, edited_translation),
    ),
    path(
        "localize/translate/<int:translation_id>/disable/",
        guarded(edit_translation.stop_translation, edited_translation),
    ),
    path("localize/page/<int:page_id>/convert_to_alias/", guarded(convert.convert_to_alias, converted_page)),
    path("localize/reports/translations/", TranslationsReportView.as_view()),
    path("localize/reports/translations/results/", TranslationsReportView.as_view(results_only=True)),
]
