"""The comparison page: /<language>/compare/?tool=…&tool=…"""

from django.http import QueryDict
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from core.parameters import reads

from . import compare
from .navigation import link_view_languages
from .relations import visible
from .tools import ToolIndexPage


@reads("tool", "only", expensive=True)
@require_safe
def compare_tools(request):
    language = translation.get_language()
    comparison = compare.build(request.GET, language)
    link_view_languages(request, "compare_tools")
    directory = visible(ToolIndexPage.objects.filter(locale__language_code=language)).first()
    # "?tool=" alone (an emptied form) asks for nothing: the empty comparison page, not an error
    asked = any(compare.requested_ids(request.GET))
    only_differences = request.GET.get("only") == "differences"
    context = {
        "comparison": comparison,
        "directory": directory,
        "compare_min": compare.MIN_TOOLS,
        "compare_max": compare.MAX_TOOLS,
        "columns": [(tool, _without(comparison, tool)) for tool in comparison.tools],
        "has_differences": any(row.differs for row in comparison.rows),
        "only_differences": only_differences,
        "row_groups": _groups([row for row in comparison.rows if row.differs or not only_differences]),
        "all_rows_query": _with_only(request, None),
        "differences_query": _with_only(request, "differences"),
    }
    # A link that cannot be shown as asked is a bad request, but still a page the visitor can act on.
    status = 400 if asked and not comparison.is_complete else 200
    return render(request, "pages/compare.html", context, status=status)


def _without(comparison, tool):
    """The query string of the same comparison without ``tool``."""
    params = QueryDict(mutable=True)
    params.setlist("tool", [str(other.pk) for other in comparison.tools if other.pk != tool.pk])
    return params.urlencode()


def _with_only(request, value):
    params = request.GET.copy()
    params.pop("only", None)
    if value:
        params["only"] = value
    return params.urlencode()


def _groups(rows):
    """Rows in their table sections (key fields, technical criteria), leaving out empty ones."""
    groups = []
    for row in rows:
        if not groups or groups[-1]["name"] != row.group:
            groups.append({"name": row.group, "rows": []})
        groups[-1]["rows"].append(row)
    return groups
