"""The harvest in the admin: a source's last runs with their counts and the problems of each record,
"Run now" (a form: a link never starts anything), and the decisions the harvests left for moderators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.admin.admin_url_finder import AdminURLFinder

from core.parameters import reads
from pages.navigation import link_view_languages

from .decisions import DecisionError, decide_match, decide_proposal, keep_gone, waiting
from .models import Listing, PossibleMatch, Proposal, Source
from .provenance import published_sources
from .tasks import harvest_source

RUNS_SHOWN = 10


def source_runs(request, pk):
    if not request.user.has_perm("harvest.change_source"):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=pk)
    if request.method == "POST":
        if not source.enabled:
            messages.error(request, _("“%(name)s” is switched off: enable it first.") % {"name": source.name})
        else:
            harvest_source.enqueue(source.pk)
            messages.success(
                request,
                _("The harvest of “%(name)s” has started; its run is listed here when it ends.")
                % {"name": source.name},
            )
        return redirect(reverse("harvest_source_runs", args=[source.pk]))
    return TemplateResponse(
        request,
        "harvest/admin/runs.html",
        {
            "source": source,
            "runs": source.runs.all()[:RUNS_SHOWN],
            "waiting": len(waiting(source)),
            "back": AdminURLFinder(request.user).get_edit_url(source),
        },
    )


DECISIONS = {
    # what → (model, {decision: journey})
    "match": (
        PossibleMatch,
        {
            "same": lambda item, user: decide_match(item, same=True, user=user),
            "different": lambda item, user: decide_match(item, same=False, user=user),
        },
    ),
    "proposal": (
        Proposal,
        {
            "accept": lambda item, user: decide_proposal(item, accept=True, user=user),
            "decline": lambda item, user: decide_proposal(item, accept=False, user=user),
        },
    ),
    "gone": (Listing, {"keep": lambda item, user: keep_gone(item, user=user)}),
}


def harvest_decisions(request):
    """What the harvests left for moderators: possible matches, proposed values, flagged entries."""
    if not request.user.has_perm("harvest.change_source"):
        raise PermissionDenied
    source = None
    if request.GET.get("source", "").isdigit():
        source = get_object_or_404(Source, pk=int(request.GET["source"]))
    if request.method == "POST":
        model, choices = DECISIONS.get(request.POST.get("what"), (None, {}))
        journey = choices.get(request.POST.get("decision"))
        pk = request.POST.get("pk", "")
        if journey is None or not pk.isdigit():
            return HttpResponseBadRequest(_("Unknown decision."))
        try:
            # gone meanwhile: a later harvest closed a proposal the page caught up with
            journey(model.objects.get(pk=int(pk)), request.user)
        except (DecisionError, model.DoesNotExist):
            messages.error(request, _("This was decided already, or its entry no longer exists."))
        else:
            messages.success(request, _("Decision recorded."))
        return redirect(request.get_full_path())
    return TemplateResponse(
        request,
        "harvest/admin/decisions.html",
        {"waiting": waiting(source), "source": source},
    )


@reads()
@require_safe
def about(request):
    """Where the catalogue's content comes from: its community, and the sources harvested into it,
    with their licences and attribution (only those that gave a published entry in this language)."""
    link_view_languages(request, "catalogue_about")
    return render(request, "harvest/about.html", {"sources": published_sources(translation.get_language())})
