"""Error pages in the visitor's language."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def bad_request(request, exception=None):
    # Django's own SuspiciousOperations: too many parameters, too large a form, a malformed value
    from .hostile_input import UNREADABLE, bad_request_response

    return bad_request_response(request, UNREADABLE)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No context processors and no database: whatever broke must not break the error page too.
    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"request": request}))
