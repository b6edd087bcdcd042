"""The admin's "Needs attention" queue and broken-links report (editors and moderators)."""

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.parameters import whole_number
from pages.relations import visible

from . import probe, scoring
from .journeys import DismissError, broken_links, dismiss, needs_attention, page_links, totals
from .models import Attention


def _require(request, action):
    if not request.user.has_perm(f"vitality.{action}_attention"):
        raise PermissionDenied


def attention(request):
    _require(request, "view")
    if request.method == "POST":
        _require(request, "change")
        pk = whole_number(request.POST.get("pk", ""), minimum=1)
        if pk is None:
            return HttpResponseBadRequest(_("Unknown item."))
        item = Attention.objects.filter(pk=pk).first()
        try:
            if item is None:
                raise DismissError("gone")
            dismiss(item, request.user, request.POST.get("reason", ""))
        except DismissError as error:
            if str(error) == "reason":
                messages.error(request, _("Say why you dismiss it: the reason is kept with the item."))
            else:
                messages.error(request, _("This item was resolved meanwhile."))
        else:
            messages.success(request, _("Dismissed until its evidence changes."))
        return redirect(request.get_full_path())
    kind = request.GET.get("kind", "")
    if kind and kind not in Attention.Kind.values:
        return HttpResponseBadRequest(_("Unknown kind of item."))
    dismissed = request.GET.get("dismissed") == "1"
    rows = [
        {"item": item, "page": page, "proposal": proposal, "evidence": describe(item)}
        for item, page, proposal in needs_attention(kind or None, dismissed)
    ]
    return TemplateResponse(
        request,
        "vitality/admin/attention.html",
        {
            "rows": rows,
            "kinds": Attention.Kind.choices,
            "kind": kind,
            "dismissed": dismissed,
            "may_dismiss": request.user.has_perm("vitality.change_attention"),
        },
    )


def describe(item):
    """The evidence of an item in the admin's language."""
    evidence = item.evidence or {}
    if item.kind == Attention.Kind.WEBSITE_FAILS:
        return [
            (evidence.get("url", ""), probe.reason_text(evidence.get("reason", ""), evidence.get("status")))
        ]
    if item.kind == Attention.Kind.REPOSITORY_ARCHIVED:
        return [(evidence.get("url", ""), _("the forge says the repository is archived"))]
    if item.kind == Attention.Kind.REPOSITORY_SILENT:
        return [
            (
                evidence.get("url", ""),
                _("last change to the code %(ago)s") % {"ago": scoring.ago(evidence.get("pushed_at"))},
            )
        ]
    return [(url, probe.reason_text(reason, status)) for url, reason, status in evidence.get("links", [])]


def field_label(page, name):
    """A page field's name as its editor knows it, in the admin's language."""
    try:
        return capfirst(page.specific_class._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name


def links(request):
    _require(request, "view")
    raw = request.GET.get("page", "")
    page_id = whole_number(raw, minimum=1)
    if raw and page_id is None:
        return HttpResponseBadRequest(_("Unknown page."))
    if raw:
        page = visible(Page.objects.filter(pk=page_id)).first()
        if page is None:
            raise PermissionDenied  # a page visitors cannot see has no report here
        rows = [
            {
                "field": field_label(page, field),
                "address": address,
                "reason": probe.reason_text(address.reason, address.status),
            }
            for field, address in page_links(page.pk)
        ]
        return TemplateResponse(request, "vitality/admin/page_links.html", {"page": page, "rows": rows})
    report = [
        (
            page,
            [
                (field_label(page, field), address, probe.reason_text(address.reason, address.status))
                for field, address in found
            ],
        )
        for page, found in broken_links()
    ]
    return TemplateResponse(request, "vitality/admin/links.html", {"report": report, "totals": totals()})
