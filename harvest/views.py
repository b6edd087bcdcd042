"""A source's harvests in the admin: its last runs with their counts and the problems of each record,
and "Run now" (a form: a link never starts anything)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder

from .models import Source
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
            "back": AdminURLFinder(request.user).get_edit_url(source),
        },
    )
