"""Answers that depend on who asks are never kept by a shared cache.

Public pages show a signed-in visitor their name, "edit this page" and Wagtail's user bar. Such an
answer is marked ``private`` (a browser may keep it, a proxy or CDN may not), and every answer says
it varies with the cookie, so that a cache in front of the site never hands a signed-in page to an
anonymous visitor, nor one person's page to another. Anonymous answers are the same for everyone.
"""

from django.contrib.auth import SESSION_KEY
from django.utils.cache import patch_cache_control, patch_vary_headers


def _signed_in_answer(request):
    """Whether the answer was made for a signed-in visitor: the view read the session (as reading
    ``request.user`` does) and it holds an account. Reads nothing more: when the database is down,
    the error page's answer must not need it."""
    session = getattr(request, "session", None)
    return bool(session is not None and session.accessed and session.get(SESSION_KEY))


class PrivateWhenSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        if _signed_in_answer(request):
            cache_control = response.get("Cache-Control", "")
            if "no-store" not in cache_control and "private" not in cache_control:
                patch_cache_control(response, private=True)
        return response
