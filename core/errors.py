"""Error pages in the visitor's language."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Seconds a client is asked to wait before trying again when the database cannot be reached.
RETRY_AFTER = 60
API_PREFIX = "/api/"
# for the API only, which speaks English; the page says it in the visitor's language (errors/503.html)
UNAVAILABLE = "The catalogue is temporarily unavailable; please try again in a minute."
# Django's own SuspiciousOperations (bad_request)
UNREADABLE = _(
    "The toolbox could not read this request: it has too many parameters, too much data or a malformed value."
)


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def error_response(request, status, template, message, context=None):
    """An error answer that needs neither the database nor context processors.

    The API gets its usual JSON error (``{"error", "parameter"}``, in English like every message of
    the API); pages get ``template`` in the language of the URL (French outside the language trees).
    """
    if is_api(request):
        with translation.override("en"):
            return JsonResponse({"error": str(message), "parameter": None}, status=status)
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"request": request, "reason": message, **(context or {})}
        content = loader.get_template(template).render(context)
    response = HttpResponse(content, status=status)
    response["Content-Language"] = language
    return response


def bad_request(request, exception=None):
    # Django's own SuspiciousOperations: too many parameters, too large a form, a malformed value
    return error_response(request, 400, "errors/400.html", UNREADABLE)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # Django calls this for every exception nothing else handled, raised in a view or in a middleware,
    # while that exception is being handled: it is the one place that sees them all.
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    # No context processors and no database: whatever broke must not break the error page too.
    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"request": request}))


def database_unavailable(error):
    """Whether ``error`` (or what caused it) says the database cannot be reached or has gone away."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def service_unavailable(request):
    """503, rendered without the database: JSON for the API, else a page in the language of the URL."""
    response = error_response(request, 503, "errors/503.html", UNAVAILABLE)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def too_many_requests(request, retry_after):
    """429 for a client over its rate of expensive answers (core/throttling.py), with Retry-After:
    JSON for the API, else a page in the language of the URL. Rendered without the database."""
    message = f"Too many requests from your address; try again in {retry_after} seconds."
    response = error_response(request, 429, "errors/429.html", message, {"seconds": retry_after})
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
