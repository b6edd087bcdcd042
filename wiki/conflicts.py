"""Two people editing one page: a save based on an outdated version is never applied silently.

Wagtail warns editors in the browser when someone else is editing or has saved the page, and
refuses outdated autosaves; a plain form submission from an outdated editor would still save over
the newer version. Here such a submission is stopped: the editor is told who saved what and when,
their own text is kept in the response, and they choose between opening the newer version and
saving theirs on top of it on purpose.

Two saves sent at the same moment from the same version must not both pass the check: the edit
view runs in one transaction (``EditTransactionMiddleware``) and the check first locks the page's
row, so the second save waits for the first to commit and then sees the revision it wrote. A form
that does not say which version it started from is treated as outdated.
"""

from django.db import connection, transaction
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from history.page_history import display_name
from moderation.resubmit import resubmittable_fields

CONFIRM_FIELD = "confirm_overwrite"


# The admin views that save a page from its edit form; each runs in one transaction.
EDIT_VIEWS = {"wagtailadmin_pages:edit", "wagtailadmin_pages:revisions_revert"}


def latest_revision_locked(page):
    """The page's latest revision, read after locking its row until the end of the transaction.

    A concurrent save of the same page holds the same lock until it commits, so what this returns
    includes it. (SQLite has no row locks: there, each transaction takes the database's write lock
    as it begins — ``transaction_mode`` IMMEDIATE in the settings — which serialises them too.)
    """
    if connection.in_atomic_block:  # the edit views run in one (EditTransactionMiddleware)
        list(Page.objects.select_for_update().filter(pk=page.pk).values_list("pk", flat=True))
    return Revision.page_revisions.filter(object_id=str(page.pk)).order_by("-created_at", "-pk").first()


def is_stale(post, latest):
    """Whether the form in ``post`` was not built on ``latest`` (the same rules as Wagtail's autosave)."""
    if latest is None:
        return False
    if overwritten := post.get("overwrite_revision_id"):  # this session's own autosaved revision
        return overwritten != str(latest.pk)
    loaded = post.get("loaded_revision_id")
    if not loaded:
        return True  # a form that does not say which version it started from
    # an autosave may have rewritten the latest revision in place: its date tells
    return loaded != str(latest.pk) or post.get("loaded_revision_created_at") != latest.created_at.isoformat()


def wants_json(request):
    """Wagtail answers a save that does not accept HTML (its autosave, or any script) in JSON."""
    return not request.accepts("text/html")


def outdated_save(request, page):
    """The newer revision an edit form submission did not know about, or None."""
    if request.method != "POST" or request.POST.get(CONFIRM_FIELD):
        return None
    latest = latest_revision_locked(page)
    if latest is not None and latest.user_id == request.user.pk:
        # one's own newer version: most often Wagtail's autosave landing just before the click
        return None
    says_version = request.POST.get("loaded_revision_id") or request.POST.get("overwrite_revision_id")
    if wants_json(request) and says_version:
        return None  # Wagtail compares the versions of a JSON save itself, and answers in JSON
    return latest if is_stale(request.POST, latest) else None


class EditTransactionMiddleware:
    """Runs a submission of a page's edit form in one transaction, from the stale check to the save."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name not in EDIT_VIEWS:
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)


def conflict_response(request, page, newer):
    if wants_json(request):  # in the shape of Wagtail's own answer to an outdated autosave
        message = _("This page was changed by %(name)s since your version was loaded; reload it first.") % {
            "name": display_name(newer.user)
        }
        return JsonResponse(
            {"success": False, "error_code": "invalid_revision", "error_message": message}, status=409
        )
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
