"""Answers that depend on who asks are never kept by a shared cache.

Public pages show a signed-in visitor their name, "edit this page" and Wagtail's user bar. Such an
answer is marked ``private`` (a browser may keep it, a proxy or CDN may not), and every answer says
it varies with the cookie, so that a cache in front of the site never hands a signed-in page to an
anonymous visitor, nor one person's page to another. Anonymous answers are the same for everyone.
"""

from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateWhenSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            cache_control = response.get("Cache-Control", "")
            if "no-store" not in cache_control and "private" not in cache_control:
                patch_cache_control(response, private=True)
        return response
