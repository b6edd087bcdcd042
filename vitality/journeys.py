"""What editors and moderators do with the checks' findings, shared by the admin views and the tests."""

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page

from pages.relations import visible
from pages.tools import ToolPage

from . import probe
from .assess import PROPOSALS
from .models import Address, Attention, PageAddress

MAX_REASON = 1000


class DismissError(Exception):
    pass


def needs_attention(kind=None, dismissed=False):
    """``[(item, page, proposal)]``: the current items on public tools, oldest evidence first; the
    dismissed ones instead with ``dismissed=True``."""
    items = Attention.objects.filter(active=True).select_related("dismissed_by").order_by("since", "pk")
    if kind:
        items = items.filter(kind=kind)
    items = [item for item in items if item.dismissed == dismissed]  # a lapsed dismissal is shown again
    pages = {
        page.pk: page
        for page in visible(ToolPage.objects.filter(pk__in=[item.page_id for item in items])).select_related(
            "locale"
        )
    }
    return [(item, pages[item.page_id], PROPOSALS.get(item.kind)) for item in items if item.page_id in pages]


def dismiss(item, user, reason):
    """Dismiss ``item`` while its evidence stays the same; the reason is required."""
    reason = " ".join((reason or "").split())[:MAX_REASON]
    if not reason:
        raise DismissError("reason")
    if not item.active:
        raise DismissError("gone")
    item.dismissed_key = item.evidence_key
    item.dismissed_reason = reason
    item.dismissed_by = user
    item.dismissed_at = timezone.now()
    item.save(update_fields=["dismissed_key", "dismissed_reason", "dismissed_by", "dismissed_at"])
    return item


def broken_links(page_id=None):
    """``[(page, [(field, address)])]``: the failing external addresses of public pages (every type),
    or of one page."""
    rows = PageAddress.objects.filter(address__state=probe.FAILS).select_related("address")
    if page_id is not None:
        rows = rows.filter(page_id=page_id)
    by_page = {}
    for row in rows.order_by("page_id", "field", "address__url"):
        by_page.setdefault(row.page_id, []).append((row.field, row.address))
    pages = visible(Page.objects.filter(pk__in=by_page)).select_related("locale").order_by("title")
    return [(page, by_page[page.pk]) for page in pages]


def page_links(page_id):
    """Every checked address of one public page, failing first (the per-page report)."""
    rows = PageAddress.objects.filter(page_id=page_id).select_related("address")
    order = {probe.FAILS: 0, probe.UNKNOWN: 1, probe.ANSWERS: 2, "": 3}
    return sorted(
        ((row.field, row.address) for row in rows),
        key=lambda pair: (order.get(pair[1].state, 3), pair[1].url),
    )


def totals():
    """How many addresses answer, fail and could not be checked (the report's header)."""
    counts = Address.objects.aggregate(
        answers=Count("pk", filter=Q(state=probe.ANSWERS)),
        fails=Count("pk", filter=Q(state=probe.FAILS)),
        unknown=Count("pk", filter=Q(state=probe.UNKNOWN)),
        unchecked=Count("pk", filter=Q(checked_at=None)),
    )
    return counts
