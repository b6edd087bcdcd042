"""Which page an address leads to, found once per publish instead of one tree level per query.

Wagtail routes ``/fr/outils/calculix/`` by reading the site, the locale, the home and then each
page down the tree (two queries a level). Which live page answers an address only changes when
something is published, moved or unpublished, so the site and the page found are kept per host,
language and path until the next publish (core/freshness.py). The page's own final step of routing
(its sub-addresses, such as its history) still runs on every request, without queries.

Privacy is not decided here: Wagtail's view-restriction check runs after routing on every request,
and routing only ever finds live pages, whoever asks. Addresses that lead nowhere are not kept, so
made-up addresses cannot fill the cache.
"""

from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from core import compat, freshness

ROUTED_METHODS = ("GET", "HEAD")


def _with_what_pages_show(page):
    """Load the locale and images the page's own template reads, before it is kept."""
    kept = (Locale, get_image_model())
    for field in page._meta.concrete_fields:
        if field.many_to_one and field.related_model in kept:
            getattr(page, field.name)
    return page


class _LeadsNowhere(Exception):
    pass


def _route(request, path):
    """The site, the page found and how many path components the tree walk used."""
    site = Site.find_for_request(request)
    result = Page.route_for_request(request, path) if site is not None else None
    if result is None:
        raise _LeadsNowhere
    page = _with_what_pages_show(result[0])
    return site, page, page.depth - site.root_page.depth


def route_of(request, path):
    """``(site, route)`` for the page address ``path`` (Wagtail's serve view), or None if it leads
    nowhere; ``route`` is the page's own final step (a ``RouteResult``), None if that step finds nothing.

    Found once per publish, and once per request: the whole-answer cache asks first (which
    parameters does this page read?), then Wagtail's view is given the same route.
    """
    kept = getattr(request, "_page_route", None)
    if kept is not None and kept[0] == path:
        return kept[1]
    key = f"route:{request.get_host()}:{translation.get_language()}:{path}"
    try:
        site, page, walked = freshness.cached(key, lambda: _route(request, path))
    except _LeadsNowhere:
        found = None
    else:
        components = [component for component in path.split("/") if component]
        try:
            # the page's own step: itself, or one of its sub-addresses (no query)
            found = (site, page.route(request, components[walked:]))
        except Http404:
            found = (site, None)
    request._page_route = (path, found)
    return found


def serve_path(view_args, view_kwargs):
    """The page address Wagtail's serve view was given."""
    return view_kwargs.get("path", view_args[0] if view_args else "")


class CachedRouteMiddleware:
    """Gives Wagtail's page view the route found for the same address since the last publish."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or request.method not in ROUTED_METHODS:
            return None
        found = route_of(request, serve_path(view_args, view_kwargs))
        if found is None:
            return None  # Wagtail answers 404 (and the redirects middleware may step in)
        compat.hand_route_to_wagtail(request, *found)
        return None
