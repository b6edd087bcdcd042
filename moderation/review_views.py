"""The moderators' review screens: the submissions waiting for them, and one submission at a time."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import TaskState

from core.parameters import whole_number
from history.page_history import display_name

from . import review

PER_PAGE = 20
ACTIONS = ("approve", "reject")


def _decision(request):
    """``(action, comment, error)`` from a review form; a change request must say what to change."""
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "").strip()
    if action not in ACTIONS:
        return action, comment, _("Choose whether to approve the change or to ask for changes.")
    if action == "reject" and not comment:
        return action, comment, _("Say what should change: the author reads your comment.")
    return action, comment, ""


def review_list_view(request):
    """Submissions waiting for the moderator, oldest first, each with its diff; several at once."""
    states = review.reviewable(request.user)
    authors = sorted(
        {(state.revision.user_id, display_name(state.revision.user)) for state in states},
        key=lambda pair: pair[1].lower(),
    )
    author = whole_number(request.GET.get("author", ""))
    if author is not None:
        states = states.filter(revision__user_id=author)
    status, error, kept = 200, "", {}
    if request.method == "POST":
        action, comment, error = _decision(request)
        chosen = {whole_number(value) for value in request.POST.getlist("submission")} - {None}
        if not error and not chosen:
            error = _("Tick the submissions you decide on.")
        if error:
            status, kept = 400, {"comment": comment, "chosen": chosen}
        else:
            done = 0
            for state in states.filter(pk__in=chosen):
                try:
                    review.decide(state, request.user, action, comment)
                    done += 1
                except PermissionError:
                    continue
            text = (
                ngettext("%(count)d change approved.", "%(count)d changes approved.", done)
                if action == "approve"
                else ngettext("%(count)d change sent back.", "%(count)d changes sent back.", done)
            )
            messages.success(request, text % {"count": done})
            return redirect(request.get_full_path())
    paginator = Paginator(states, PER_PAGE)
    page_number = whole_number(request.GET.get("p", "")) or 1
    page_obj = paginator.get_page(page_number)
    return TemplateResponse(
        request,
        "moderation/admin/review_list.html",
        {
            "page_title": _("Changes to review"),
            "header_icon": "tasks",
            "submissions": review.submissions(page_obj.object_list, with_diffs=True),
            "page_obj": page_obj,
            "paginator": paginator,
            "authors": authors,
            "author": author,
            "error": error,
            "kept": kept,
        },
        status=status,
    )


def review_view(request, task_state_id):
    """One submission: its diff against the live version, its summary, its author; approve or reject."""
    state = TaskState.objects.filter(pk=task_state_id).select_related("revision__user").first()
    if state is None:
        raise Http404
    if not review.reviewable(request.user).filter(pk=state.pk).exists():
        if state.status != TaskState.STATUS_IN_PROGRESS:
            messages.info(request, _("This change was already decided on."))
            return redirect("review_list")
        raise PermissionDenied  # a submission waiting for someone else
    status, error, comment = 200, "", ""
    if request.method == "POST":
        action, comment, error = _decision(request)
        if error:
            status = 400
        else:
            try:
                review.decide(state, request.user, action, comment)
            except PermissionError:
                messages.info(request, _("This change was already decided on."))
                return redirect("review_list")
            title = state.revision.object_str
            if action == "approve":
                messages.success(request, _("“%(title)s”: the change is approved.") % {"title": title})
            else:
                messages.success(
                    request, _("“%(title)s”: the change is sent back to its author.") % {"title": title}
                )
            following = review.reviewable(request.user).exclude(pk=state.pk).first()
            return redirect(reverse("review", args=[following.pk]) if following else reverse("review_list"))
    submission = review.submissions([state], with_diffs=True)
    if not submission:
        raise Http404
    submission = submission[0]
    return TemplateResponse(
        request,
        "moderation/admin/review.html",
        {
            "page_title": _("Review: %(title)s") % {"title": submission.page.get_admin_display_title()},
            "header_icon": "tasks",
            "submission": submission,
            "error": error,
            "comment": comment,
            "waiting": review.reviewable(request.user).count(),
        },
        status=status,
    )
