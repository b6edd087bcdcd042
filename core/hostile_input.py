"""Requests that no view could read are answered at the door: NUL characters, ids beyond any database's.

PostgreSQL refuses NUL in text (psycopg raises ValueError before sending the query), so a ``%00``
that reaches a query (a search, a filter, Wagtail's page routing, the redirects middleware, a session
cookie) would be a 500. No address, form or cookie of the site ever holds one: such a request is
answered 400 with the reason in the visitor's language (JSON for the API) before anything reads it.

A path segment of digits beyond a bigint cannot be the id of anything, yet ``<int:…>`` routes (ours
and Wagtail's) accept any number of digits and the query then overflows: it is answered 404 here.
The API has no numeric path segment; its keys are text and get the API's own 404.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .errors import error_response, is_api
from .parameters import is_out_of_range_id

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NUL_REFUSED = _(
    "The address or the form contains a null character (%00), which is never valid here. "
    "Remove it and try again."
)


def _holds_nul(request):
    if "\x00" in request.path_info:
        return True
    sources = [request.GET, request.COOKIES]
    if request.method == "POST" and request.content_type in FORM_TYPES:
        sources.append(request.POST)
    for source in sources:
        items = source.lists() if hasattr(source, "lists") else ((k, [v]) for k, v in source.items())
        for name, values in items:
            if "\x00" in name or any("\x00" in value for value in values):
                return True
    return False


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            return error_response(request, 400, "errors/400.html", NUL_REFUSED)
        if not is_api(request) and any(
            is_out_of_range_id(segment) for segment in request.path_info.split("/")
        ):
            raise Http404
        return self.get_response(request)
