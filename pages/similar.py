"""Tools like a tool, and tools used with it, each with the reasons a visitor can read.

Similar tools share the tool's categories, topics, technical criteria met ("yes") and use cases;
tools "often used together" appear with it in the same use cases and collections. Pages compare by
translation group (a use case names any translation of a tool) and only live public pages count.
Everything is read in a fixed number of queries, whatever the size of the catalogue.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pages.terms import localized_names

from .collections import CollectionItem, CollectionPage
from .relations import for_cards, visible
from .tools import Assessment, ToolCriterionValue, ToolPage
from .use_cases import UseCasePage, UseCaseTool

# how much one thing in common weighs in the ranking: a category says most about what a tool does
WEIGHTS = {"categories": 3, "topics": 2, "use_cases": 2, "criteria": 1}
LIMIT = 6


@dataclass
class Related:
    tool: ToolPage
    score: int = 0
    reasons: list = field(default_factory=list)
    shared: dict = field(default_factory=dict)  # what in common → the shared terms (or pages' keys)


def related_tools(page, limit=LIMIT):
    """``(similar, used together)`` for the tool ``page``: two lists of ``Related``, best first."""
    language = page.locale.language_code
    shared = defaultdict(lambda: defaultdict(set))  # tool key → what in common → ids
    terms = {}

    # terms: the tool's live ones, and the other tools pointing at the same
    for name, term_field in (("categories", "categories"), ("topics", "topics")):
        own = {t.pk: t for t in getattr(page, term_field).filter(live=True)}
        terms[name] = own
        lookup = {f"{term_field}__in": list(own)}
        for key, term_id in ToolPage.objects.filter(**lookup).values_list("translation_key", term_field):
            shared[key][name].add(term_id)
    met = ToolCriterionValue.objects.filter(assessment=Assessment.YES, criterion__live=True)
    own = {v.criterion.pk: v.criterion for v in met.filter(page=page).select_related("criterion")}
    terms["criteria"] = own
    for key, term_id in met.filter(criterion__in=list(own)).values_list("page__translation_key", "criterion"):
        shared[key]["criteria"].add(term_id)

    # pages listing the tool: live public use cases and collections
    together = defaultdict(lambda: defaultdict(set))
    for name, page_model, row_model, rows in (
        ("use_cases", UseCasePage, UseCaseTool, "tool_links"),
        ("collections", CollectionPage, CollectionItem, "items"),
    ):
        naming = {f"{rows}__tool__translation_key": page.translation_key}
        listing = visible(page_model.objects.filter(**naming))
        keys = set(listing.values_list("translation_key", flat=True))
        pairs = row_model.objects.filter(page__translation_key__in=keys, page__live=True)
        for tool_key, listing_key in pairs.values_list("tool__translation_key", "page__translation_key"):
            together[tool_key][name].add(listing_key)
            if name == "use_cases":
                shared[tool_key][name].add(listing_key)

    candidates = set(shared) | set(together)
    candidates.discard(page.translation_key)
    tools = for_cards(ToolPage, visible(ToolPage.objects.filter(translation_key__in=candidates)))
    tools = {tool.translation_key: tool for tool in tools.filter(locale__language_code=language)}

    names = {name: localized_names(own.values(), language) for name, own in terms.items() if own}
    similar = []
    for key, tool in tools.items():
        found = shared.get(key)
        if not found:
            continue
        related = Related(tool)
        for name in WEIGHTS:
            ids = found.get(name, set())
            related.score += WEIGHTS[name] * len(ids)
            if name in names:
                related.shared[name] = sorted(
                    (names[name].get(terms[name][i].translation_key, terms[name][i]) for i in ids),
                    key=lambda term: term.name.casefold(),
                )
        related.reasons = similarity_reasons(related.shared, len(found.get("use_cases", ())))
        similar.append(related)
    similar.sort(key=lambda r: (-r.score, r.tool.title.casefold()))

    used = []
    for key, tool in tools.items():
        counts = Counter({name: len(keys) for name, keys in together.get(key, {}).items()})
        if counts:
            related = Related(tool, score=sum(counts.values()))
            related.reasons = together_reasons(counts["use_cases"], counts["collections"])
            used.append(related)
    used.sort(key=lambda r: (-r.score, r.tool.title.casefold()))
    return similar[:limit], used[:limit]


def _names(terms):
    return ", ".join(term.name for term in terms)


def similarity_reasons(shared, use_cases):
    """What a visitor reads under a similar tool: "Categories in common: Open data, Consultation"…"""
    reasons = []
    if shared.get("categories"):
        reasons.append(_("Categories in common: %(names)s") % {"names": _names(shared["categories"])})
    if shared.get("topics"):
        reasons.append(_("Topics in common: %(names)s") % {"names": _names(shared["topics"])})
    if use_cases:
        reasons.append(_("Use cases citing both: %(count)s") % {"count": use_cases})
    if shared.get("criteria"):
        reasons.append(_("Technical criteria both meet: %(names)s") % {"names": _names(shared["criteria"])})
    return reasons


def together_reasons(use_cases, collections):
    """What a visitor reads under a tool often used with this one: in how many of the same pages."""
    reasons = []
    if use_cases:
        reasons.append(_("Use cases citing both: %(count)s") % {"count": use_cases})
    if collections:
        reasons.append(_("Collections listing both: %(count)s") % {"count": collections})
    return reasons
