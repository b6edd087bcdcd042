"""The moderators' "Community" screen: endorsements to approve, arguments held, reports to decide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from moderation import review

from . import actions, rules
from .models import Argument, Endorsement, Report
from .rules import Refused
from .text import clean_text

DECISIONS = {
    "approve": gettext_lazy("approved"),
    "reject": gettext_lazy("sent back"),
}


def waiting(user):
    """What the screen lists, and the count the menu shows (bounded queries)."""
    states = list(review.reviewable(user, model=Endorsement).select_related("workflow_state"))
    endorsements = Endorsement.objects.in_bulk([int(s.workflow_state.object_id) for s in states])
    return {
        "endorsements": [
            (state, endorsements[int(state.workflow_state.object_id)])
            for state in states
            if int(state.workflow_state.object_id) in endorsements
        ],
        "held": list(
            Argument.objects.filter(status=Argument.Status.HELD).select_related("author", "page", "parent")
        ),
        "reported": _reported(),
    }


def _reported():
    """Items with open reports, each with its reports, most reported first."""
    reports = list(
        Report.objects.filter(outcome=Report.Outcome.OPEN).select_related(
            "argument__page", "argument__author", "endorsement__tool", "endorsement__author"
        )
    )
    items = {}
    for found in reports:
        item = found.argument or found.endorsement
        items.setdefault((type(item).__name__.lower(), item.pk), (item, []))[1].append(found)
    return sorted(items.values(), key=lambda pair: -len(pair[1]))


def count_waiting(user):
    return (
        review.reviewable(user, model=Endorsement).count()
        + Argument.objects.filter(status=Argument.Status.HELD).count()
        + Report.objects.filter(outcome=Report.Outcome.OPEN)
        .values("argument", "endorsement")
        .distinct()
        .count()
    )


def moderation_view(request):
    if not rules.is_moderator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        return _decide(request)
    context = waiting(request.user)
    hidden_arguments = list(
        Argument.objects.filter(status=Argument.Status.HIDDEN).select_related("page")[:50]
    )
    hidden_endorsements = list(
        Endorsement.objects.filter(hidden_at__isnull=False).select_related("tool")[:50]
    )
    context.update(
        page_title=_("Community"),
        header_icon="group",
        hidden=hidden_arguments + hidden_endorsements,
    )
    return render(request, "community/admin/moderation.html", context)


def _item(request):
    kind, pk = request.POST.get("kind"), request.POST.get("item")
    model = {"argument": Argument, "endorsement": Endorsement}.get(kind)
    if model is None or not str(pk or "").isdigit():
        raise Http404
    return get_object_or_404(model, pk=int(pk))


def _decide(request):
    action = request.POST.get("action", "")
    comment = clean_text(request.POST.get("comment", ""), 1000)
    try:
        if action in ("approve", "reject"):
            task_state = request.POST.get("task_state", "")
            if not task_state.isdigit():
                raise Http404
            state = get_object_or_404(review.reviewable(request.user, model=Endorsement), pk=int(task_state))
            if action == "reject" and not comment:
                messages.error(request, _("Say why it is sent back: the author receives your comment."))
                return redirect("community_moderation")
            review.decide(state, request.user, action, comment=comment)
            messages.success(request, _("The endorsement is %(decision)s.") % {"decision": DECISIONS[action]})
        elif action == "publish":
            actions.publish_held(request.user, _item(request))
            messages.success(request, _("The argument is published."))
        elif action == "hide":
            actions.hide(request.user, _item(request), comment)
            messages.success(request, _("Hidden. It keeps its history."))
        elif action == "restore":
            actions.restore(request.user, _item(request))
            messages.success(request, _("Shown again."))
        elif action == "keep":
            actions.keep(request.user, _item(request))
            messages.success(request, _("Kept; the reports are closed."))
        else:
            messages.error(request, _("Unknown action."))
    except Refused as refusal:
        messages.error(request, refusal.message)
    except PermissionError:
        messages.error(request, _("This was already decided."))
    return redirect("community_moderation")


def history_view(request, kind, pk):
    """An item's log: written, reported, hidden, restored… (hidden items keep theirs)."""
    if not rules.is_moderator(request.user):
        raise PermissionDenied
    model = {"argument": Argument, "endorsement": Endorsement}.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, pk=pk)
    entries = ModelLogEntry.objects.for_instance(item).select_related("user").order_by("-timestamp")
    return render(
        request,
        "community/admin/history.html",
        {"item": item, "entries": entries, "page_title": _("History"), "header_icon": "history"},
    )
