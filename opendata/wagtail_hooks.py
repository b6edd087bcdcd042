"""The admin warns before saving a tool or organisation that seems to exist already."""

from django.template.response import TemplateResponse
from wagtail import hooks

from moderation.resubmit import resubmittable_fields
from pages import registry

from .duplicates import likely_duplicates

CONFIRM_FIELD = "confirm_not_duplicate"


def _warning(request, model, title, duplicates):
    fields = resubmittable_fields(request, CONFIRM_FIELD)
    return TemplateResponse(
        request,
        "opendata/admin/duplicate_warning.html",
        {
            "title": title,
            "duplicates": duplicates,
            "fields": fields,
            "confirm_field": CONFIRM_FIELD,
            "action": request.get_full_path(),
            "model_name": model._meta.verbose_name,
            "page_title": title,
            "header_icon": "warning",
        },
        status=409,
    )


def _check(request, model, language, current=None):
    if request.method != "POST" or request.POST.get(CONFIRM_FIELD) or not request.accepts("text/html"):
        return None
    title = request.POST.get("title", "")
    website = request.POST.get("website", "")
    if current is not None and current.title == title and getattr(current, "website", "") == website:
        return None  # nothing that identifies the entry changed
    duplicates = likely_duplicates(
        model,
        title,
        website,
        language=language,
        exclude_translation_key=current.translation_key if current is not None else None,
    )
    return _warning(request, model, title, duplicates) if duplicates else None


def _checked(model):
    page_type = registry.type_of(model)
    return page_type is not None and page_type.checks_duplicates


@hooks.register("before_create_page")
def warn_before_creating_a_duplicate(request, parent_page, page_class):
    if _checked(page_class):
        return _check(request, page_class, parent_page.locale.language_code)
    return None


@hooks.register("before_edit_page")
def warn_before_renaming_into_a_duplicate(request, page):
    specific = page.specific
    if _checked(type(specific)):
        return _check(request, type(specific), page.locale.language_code, current=specific)
    return None
