"""What a page shows of its community: the balance, the arguments best first, who uses a tool.

``public_view(page)`` is the same for every visitor and is built once per publish (any vote or
argument starts a new generation, see caching/invalidation.py); ``visitor_view`` adds what belongs
to the signed-in visitor (their votes, their arguments waiting for a moderator) in two queries.
"""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import translation

from core.localization import best_per_key, localize_terms
from pages.base import register_context_part
from pages.per_publish import once_per_publish
from pages.relations import visible
from pages.tools import ToolPage

from . import machine_translation, rules
from .models import Argument, Endorsement, Stance, Vote
from .participation import ARGUMENTS, ENDORSEMENTS, TOOLS_USED, takes


@dataclass
class Item:
    """An argument or an endorsement as the page shows it: with its votes, never its voters."""

    obj: object
    ups: int
    downs: int
    replies: list = field(default_factory=list)
    criterion: object = None  # the criterion, named in the page's language
    organisation: object = None  # the organisation's page in the page's language
    use_case: object = None

    @property
    def score(self):
        return self.ups - self.downs

    @property
    def pk(self):
        return self.obj.pk


def _with_votes(queryset):
    return queryset.annotate(
        ups=Count("votes", filter=Q(votes__value=1)),
        downs=Count("votes", filter=Q(votes__value=-1)),
        score=Coalesce(Sum("votes__value"), Value(0), output_field=IntegerField()),
    )


def best_first(items):
    return sorted(items, key=lambda item: (-item.score, -item.ups, item.obj.created_at, item.obj.pk))


def arguments_of(page):
    """Published arguments about ``page`` (in every language), each with its published answers."""
    rows = list(
        _with_votes(
            Argument.objects.filter(subject_key=page.translation_key, status=Argument.Status.PUBLISHED)
        )
        .select_related("criterion")
        .order_by()
    )
    stored = list({r.criterion for r in rows if r.criterion})
    # keyed by the stored criterion's id, named in the page's language
    criteria = {c.pk: named for c, named in zip(stored, localize_terms(stored, page.locale), strict=True)}
    items = {row.pk: Item(row, row.ups, row.downs, criterion=criteria.get(row.criterion_id)) for row in rows}
    top = []
    for item in items.values():
        parent = items.get(item.obj.parent_id) if item.obj.parent_id else None
        if item.obj.parent_id is None:
            top.append(item)
        elif parent is not None:  # an answer to a hidden argument goes with it
            parent.replies.append(item)
    for item in top:
        item.replies = best_first(item.replies)
    return best_first(top)


def endorsements_of(page):
    """Standing endorsements of a tool (every language), organisations first, then best voted."""
    rows = list(
        _with_votes(Endorsement.objects.standing().filter(subject_key=page.translation_key))
        .select_related("author", "organisation", "use_case")
        .order_by()
    )
    language = page.locale.language_code
    keys = {r.organisation.translation_key for r in rows if r.organisation_id} | {
        r.use_case.translation_key for r in rows if r.use_case_id
    }
    shown = best_per_key(visible(_pages(keys)).select_related("locale"), language) if keys else {}
    items = []
    for row in rows:
        organisation = shown.get(row.organisation.translation_key) if row.organisation_id else None
        if row.organisation_id and organisation is None:  # the organisation's page is not public
            continue
        use_case = shown.get(row.use_case.translation_key) if row.use_case_id else None
        items.append(Item(row, row.ups, row.downs, organisation=organisation, use_case=use_case))
    return sorted(best_first(items), key=lambda item: item.organisation is None)


def _pages(keys):
    from wagtail.models import Page

    return Page.objects.filter(translation_key__in=keys).specific()


def public_view(page, with_endorsements=True):
    arguments = arguments_of(page)
    by_stance = {stance: [a for a in arguments if a.obj.stance == stance] for stance in Stance.values}
    endorsements = endorsements_of(page) if with_endorsements else []
    return {
        "arguments": arguments,
        "arguments_for": by_stance[Stance.FOR],
        "arguments_against": by_stance[Stance.AGAINST],
        "balance": {"for": len(by_stance[Stance.FOR]), "against": len(by_stance[Stance.AGAINST])},
        "endorsements": endorsements,
        "endorsement_count": len(endorsements),
        "language": translation.get_language(),
        "machine_translation": machine_translation.is_configured(),
    }


def visitor_view(request, page):
    """The visitor's part: whether they may take part, their votes, their arguments still held."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may_take_part": False}
    votes = Vote.objects.filter(user=user).filter(
        Q(argument__subject_key=page.translation_key) | Q(endorsement__subject_key=page.translation_key)
    )
    mine = {}  # "argument:12" or "endorsement:3": +1 or -1 (templates read it with ``vote_of``)
    for argument_id, endorsement_id, value in votes.values_list("argument_id", "endorsement_id", "value"):
        mine[f"argument:{argument_id}" if argument_id else f"endorsement:{endorsement_id}"] = value
    return {
        "may_take_part": rules.may_take_part(user),
        "my_votes": mine,
        "my_held": list(
            user.arguments.filter(subject_key=page.translation_key, status=Argument.Status.HELD).order_by(
                "created_at"
            )
        ),
    }


def tools_used_by(organisation):
    """The tools an organisation's standing endorsements name, in the organisation page's language."""
    keys = set(
        Endorsement.objects.standing()
        .filter(organisation_key=organisation.translation_key)
        .values_list("subject_key", flat=True)
    )
    if not keys:
        return []
    candidates = visible(ToolPage.objects.filter(translation_key__in=keys)).select_related("locale")
    chosen = best_per_key(candidates, organisation.locale.language_code)
    return sorted(chosen.values(), key=lambda tool: tool.title.casefold())


def page_context(request, page, with_endorsements=True):
    """The community part of a tool's or a use case's context."""
    public = once_per_publish(
        "community", request, page, lambda: public_view(page, with_endorsements=with_endorsements)
    )
    return {"community": public, **visitor_view(request, page)}


def organisation_context(request, page):
    return {"tools_used": once_per_publish("tools-used", request, page, lambda: tools_used_by(page))}


def catalogue_page_context(request, page):
    """The community's part of a catalogue page's context, as its type declares it (``participation``)."""
    context = {}
    if takes(page, ARGUMENTS):
        context.update(page_context(request, page, with_endorsements=takes(page, ENDORSEMENTS)))
    if takes(page, TOOLS_USED):
        context.update(organisation_context(request, page))
    return context


register_context_part(catalogue_page_context)
