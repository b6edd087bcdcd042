"""Two people editing one page: a save based on an outdated version is never applied silently.

Wagtail warns editors in the browser when someone else is editing or has saved the page, and
refuses outdated autosaves; a plain form submission from an outdated editor would still save over
the newer version. Here such a submission is stopped: the editor is told who saved what and when,
their own text is kept in the response, and they choose between opening the newer version and
saving theirs on top of it on purpose.
"""

from django.template.response import TemplateResponse

from cms.resubmit import resubmittable_fields
from pages.history import display_name

CONFIRM_FIELD = "confirm_overwrite"


def outdated_save(request, page):
    """The newer revision an edit form submission did not know about, or None."""
    if request.method != "POST" or not request.accepts("text/html") or request.POST.get(CONFIRM_FIELD):
        return None
    loaded = request.POST.get("loaded_revision_id")
    latest = page.get_latest_revision()
    if not loaded or latest is None or loaded == str(latest.pk):
        return None
    return latest


def conflict_response(request, page, newer):
    fields = resubmittable_fields(request, CONFIRM_FIELD)
    return TemplateResponse(
        request,
        "wiki/admin/edit_conflict.html",
        {
            "page": page,
            "newer": newer,
            "newer_author": display_name(newer.user),
            "fields": fields,
            "confirm_field": CONFIRM_FIELD,
            "page_title": page.get_admin_display_title(),
            "header_icon": "warning",
        },
        status=409,
    )
