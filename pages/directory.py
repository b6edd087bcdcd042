"""The tool directory: filters, sorting and the choices offered, read from the query string.

Plain functions over querysets, so the view glue stays in ``ToolIndexPage`` and tests can call them.
A value the directory does not know (an old link, a typo) is dropped with a message saying so; the
rest of the request still applies, so the visitor loses nothing else.
"""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from localisation.localization import localize_terms
from snippets.models import Category, Licence

from .base import paginate
from .relations import for_cards, visible

FILTERS = ("category", "licence", "country", "status")
# how many tools the directory's "compare" checkboxes let a visitor put side by side
MIN_TOOLS = 2
MAX_TOOLS = 4


def _latest(field_name):
    return F(field_name).desc(nulls_last=True)


def sort_options():
    """Sort keys → (label, ordering). The first one is the default."""
    return {
        "title": (_("Name (A to Z)"), (Lower("title"),)),
        # pages without a publication date (bulk-loaded) last on every database, not first on PostgreSQL
        "updated": (_("Recently updated"), (_latest("last_published_at"), Lower("title"))),
        "newest": (_("Newest in the catalogue"), (_latest("first_published_at"), Lower("title"))),
    }


@dataclass
class DirectoryQuery:
    filters: dict = field(default_factory=dict)  # name → accepted value
    sort: str = "title"
    errors: list = field(default_factory=list)

    @property
    def is_filtered(self):
        return bool(self.filters)


def filter_choices(tools, locale):
    """What each filter offers, in the visitor's language: {name: [(value, label), …]}."""
    categories = localize_terms(Category.objects.filter(tools__in=tools).distinct(), locale)
    licences = localize_terms(Licence.objects.filter(tools__in=tools).distinct(), locale)
    codes = set()
    for value in tools.order_by().values_list("countries", flat=True).distinct():
        codes.update(code for code in str(value or "").split(",") if code)
    names = dict(all_countries)
    return {
        "category": sorted(((t.slug, t.name) for t in categories), key=lambda pair: pair[1].casefold()),
        "licence": sorted(((t.slug, t.name) for t in licences), key=lambda pair: pair[1].casefold()),
        "country": sorted(
            ((code, str(names.get(code, code))) for code in codes), key=lambda pair: pair[1].casefold()
        ),
        "status": [(value, str(label)) for value, label in tools.model._meta.get_field("status").choices],
    }


def filter_labels():
    return {
        "category": _("Category"),
        "licence": _("Licence"),
        "country": _("Country"),
        "status": _("Status"),
    }


def parse(params, choices):
    """Read filters and sort from ``params`` (a QueryDict); unknown values become messages."""
    query = DirectoryQuery()
    labels = filter_labels()
    for name in FILTERS:
        value = params.get(name, "").strip()
        if not value:
            continue
        if value in {choice for choice, _label in choices[name]}:
            query.filters[name] = value
        else:
            query.errors.append(
                _("No tool matches the %(filter)s “%(value)s”; that filter was left out.")
                % {"filter": labels[name].lower(), "value": value[:80]}
            )
    sort = params.get("sort", "").strip()
    if sort in sort_options():
        query.sort = sort
    elif sort:
        query.errors.append(_("Unknown sort order “%(value)s”; sorted by name.") % {"value": sort[:80]})
    return query


def apply(tools, query):
    """The tools matching ``query``, in its order."""
    if "category" in query.filters:
        # the only filter through a many-to-many join, hence the only one that can repeat a tool
        tools = tools.filter(categories__slug=query.filters["category"]).distinct()
    if "licence" in query.filters:
        tools = tools.filter(licence__slug=query.filters["licence"])
    if "country" in query.filters:
        # countries are stored as "FR,SN"; two-letter codes cannot match across a comma
        tools = tools.filter(countries__contains=query.filters["country"])
    if "status" in query.filters:
        tools = tools.filter(status=query.filters["status"])
    return tools.order_by(*sort_options()[query.sort][1])


def tools_of(index_page):
    model = index_page.specific_class.allowed_subpage_models()[0]
    return visible(model.objects.child_of(index_page))


def for_directory_cards(tools):
    """Load what a directory card shows (logo, licence, categories) with the page of tools."""
    return (
        for_cards(tools.model, tools)
        .select_related("licence")
        .prefetch_related(Prefetch("categories", queryset=Category.objects.order_by("name")))
    )


def with_localized_terms(tools, locale):
    """Give each tool its categories and licence in ``locale`` (two queries for any number of tools).

    Sets ``local_categories`` and ``local_licence``: what directory cards and comparisons show.
    """
    tools = list(tools)
    categories = iter(localize_terms([c for tool in tools for c in tool.categories.all()], locale))
    licences = iter(localize_terms([tool.licence for tool in tools if tool.licence], locale))
    for tool in tools:
        tool.local_categories = [next(categories) for _c in tool.categories.all()]
        tool.local_licence = next(licences) if tool.licence else None
    return tools


def listing_context(index_page, request):
    """What the directory page shows: the filters offered and chosen, and the page of tools asked for."""
    tools = tools_of(index_page)
    choices = filter_choices(tools, index_page.locale)
    query = parse(request.GET, choices)
    entries = paginate(request, for_directory_cards(apply(tools, query)), index_page.per_page)
    entries.object_list = with_localized_terms(entries.object_list, index_page.locale)
    labels = filter_labels()
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "entries": entries,
        "query": query,
        "filters": [
            {"name": name, "label": labels[name], "choices": choices[name], "value": query.filters.get(name)}
            for name in FILTERS
            if choices[name]
        ],
        "compare_min": MIN_TOOLS,
        "compare_max": MAX_TOOLS,
        "sort_options": [(key, label) for key, (label, _order) in sort_options().items()],
        # the query string without the page number, for the pagination links
        "page_query": params.urlencode(),
    }
