"""What the tool directory's cards and the comparison show of each tool: logo, licence, categories.

The directory's filters, sorting and pagination are those of every section (``search/listing.py``): the
search with no words and the facets in the URL.
"""

from django.db.models import Prefetch

from core.localization import localize_terms
from snippets.models import Category

from .relations import for_cards

# how many tools the directory's "compare" checkboxes let a visitor put side by side
MIN_TOOLS = 2
MAX_TOOLS = 4


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
