"""Django's LocaleMiddleware, except for the API.

For a 404 outside the language prefixes, LocaleMiddleware redirects to the same path under the
visitor's language (``/fr/…``), which is right for pages. The API's 404s are answers in JSON and
must stay so: a client asking for a missing entry gets a 404, not a redirect to an HTML page.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

from core.errors import is_api


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if is_api(request):
            return response
        return super().process_response(request, response)
