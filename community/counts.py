"""Community numbers for the rest of the site: counts on cards and records, the "most endorsed" sort,
and the endorsements recent changes list.

Counts follow what a tool's page shows (``summary.endorsements_of``): a standing endorsement counts
for every language version of its tool, unless it names an organisation visitors cannot see.
Each function is one query whatever the number of pages, so listings stay within their budgets.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page

from pages.relations import register_card_loader, visible

from .models import Argument, Endorsement, Stance
from .participation import ENDORSEMENTS, takes

COUNT = "endorsement_count"


def organisation_shown():
    return Q(organisation_key__isnull=True) | Exists(
        visible(Page.objects.filter(translation_key=OuterRef("organisation_key")))
    )


def standing():
    """Endorsements visitors may see (their tool's visibility is the caller's: a page of the key)."""
    return Endorsement.objects.standing().filter(organisation_shown())


def count_expression(key="translation_key"):
    """An annotation: the standing endorsements of the page's translation group (0 when none)."""
    counted = (
        standing()
        .filter(subject_key=OuterRef(key))
        .order_by()
        .values("subject_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_counts(pages):
    """``pages`` (of a type that takes endorsements) with ``endorsement_count``, in the same query."""
    if COUNT in pages.query.annotations:
        return pages
    return pages.annotate(**{COUNT: count_expression()})


def endorsement_counts(keys):
    """``{translation_key: count}`` of standing endorsements (keys without any are absent)."""
    if not keys:
        return {}
    rows = (
        standing()
        .filter(subject_key__in=set(keys))
        .order_by()
        .values("subject_key")
        .annotate(n=Count("pk"))
        .values_list("subject_key", "n")
    )
    return {str(key): n for key, n in rows}


def counts_by_page(page_ids):
    """``{page_id: count}`` for any pages (one query): search hits carry ids, not translation keys."""
    if not page_ids:
        return {}
    rows = Page.objects.filter(pk__in=set(page_ids)).annotate(n=count_expression()).values_list("pk", "n")
    return dict(rows)


def argument_counts(keys):
    """``{translation_key: {"for": n, "against": n}}``: published arguments, answers not counted
    (the page's balance counts arguments, not the conversation under them)."""
    if not keys:
        return {}
    rows = (
        Argument.objects.filter(
            subject_key__in=set(keys), status=Argument.Status.PUBLISHED, parent__isnull=True
        )
        .order_by()
        .values("subject_key", "stance")
        .annotate(n=Count("pk"))
        .values_list("subject_key", "stance", "n")
    )
    counts = {}
    for key, stance, n in rows:
        counts.setdefault(str(key), {Stance.FOR.value: 0, Stance.AGAINST.value: 0})[stance] = n
    return counts


def card_counts(model, queryset):
    """The cards of a type that takes endorsements show their count of declared uses (a subquery)."""
    return with_counts(queryset) if takes(model, ENDORSEMENTS) else queryset


register_card_loader(card_counts)
