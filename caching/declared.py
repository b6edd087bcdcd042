"""What the view answering a request declared (``core.parameters.reads``): the query parameters it
reads, and whether its answer is expensive to make.

Found before the view runs, from the URL: Django's resolver, and for Wagtail's page view the page
the address leads to (pages/routing.py, once per publish), or the sub-page route of that page (its
history) when that route declares its own.
"""

from dataclasses import dataclass

from django.urls import Resolver404, resolve
from wagtail import views as wagtail_views

from core.parameters import declared_names
from pages import routing


@dataclass(frozen=True)
class Declaration:
    # None: the view declared nothing, and gets every parameter as sent (tests/caching checks that
    # every public view declares)
    parameters: frozenset | None
    expensive: bool = False


UNDECLARED = Declaration(None)


def of(view):
    """The declaration of a view function, view instance, bound method or page class."""
    declared = getattr(view, "query_parameters", None)
    if declared is None:
        return UNDECLARED
    return Declaration(declared_names(declared), bool(getattr(view, "expensive_answer", False)))


def _of_page(request, match):
    found = routing.route_of(request, routing.serve_path(match.args, match.kwargs))
    if found is None or found[1] is None:
        return UNDECLARED  # Wagtail answers 404: never kept, and never expensive
    route = found[1]
    sub_view = route.args[0] if route.args and callable(route.args[0]) else None
    if sub_view is not None and hasattr(sub_view, "query_parameters"):
        return of(sub_view)
    return of(type(route.page))


def for_request(request):
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return UNDECLARED
    if match.func is wagtail_views.serve:
        return _of_page(request, match)
    return of(match.func)
