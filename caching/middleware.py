"""Whole answers to anonymous visitors, kept per content generation (core.freshness).

A public page, listing, term page, feed, sitemap, API list or export is the same for every anonymous
visitor until something visible changes, and every such change starts a new generation
(caching.invalidation). So an answer is kept under the generation it was made in and served again
until the next one: no per-page bookkeeping, and never a stale copy after a publish.

Never kept, never served from the cache: anything to a visitor with a session holding data (signed
in, a passed page password, a pending message), an answer that set a cookie or used the CSRF token
(a form), that queued or showed a message, that says private / no-store / no-cache (Wagtail says
so for pages under a view restriction), that varies on a header the key does not hold, and
everything under the admin, documents, media, accounts and Wagtail's own utility views.

Each kept answer also tells a cache in front (nginx, Varnish, a CDN) that it may keep it for
``FRONTEND_CACHE_TTL`` seconds, with an ETag and Last-Modified for conditional requests.

Query parameters: each view declares those it reads (``core.parameters.reads``; caching/declared.py
finds the declaration from the URL). The key holds those alone, and the view is given those alone:
a made-up parameter (``?utm_source=…``, ``?x=<random>``) neither makes a new entry nor reaches the
page or the links it writes, which could otherwise be kept and shown to everyone.

Stand-ins are never kept: an answer made while something it relies on was failing (the search
engine's database fallback, with its notice: ``core.stand_ins.stand_in()``) says ``no-store``, so
the real answer shows once that is back.

Expensive answers (declared so: searches, exports, filtered listings…) made for a visitor who is not
signed in count towards that client's rate limit (core/throttling.py); over it, 429 with Retry-After.
An answer served from the cache is never counted.
"""

import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils import translation
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from core import clients, errors, freshness, throttling
from core.stand_ins import making_answer

from . import declared

SKIPPED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/media/",
    "/static/",
    "/accounts/",
    "/_util/",
    "/django-admin/",
)
# the key holds the language; Cookie is covered by the session and cookie checks
KEYED_VARY = {"cookie", "accept-language", "accept-encoding"}
UNCACHEABLE_CONTROL = ("private", "no-store", "no-cache")


def enabled():
    return getattr(settings, "PAGE_CACHE", True)


def _has_session_data(request):
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    return session is not None and not session.is_empty() and bool(session.keys())


def request_is_cacheable(request):
    """Whether the answer to this request can come from, or go to, the shared cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    if "messages" in request.COOKIES:
        return False
    return not _has_session_data(request)


def _messages_touched(request):
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(getattr(storage, "_queued_messages", None)) or getattr(storage, "used", False)


def response_is_cacheable(request, response):
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or _messages_touched(request):
        return False
    if _has_session_data(request) or (getattr(request, "session", None) and request.session.modified):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in UNCACHEABLE_CONTROL):
        return False
    vary = {
        header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()
    }
    return vary <= KEYED_VARY


def cache_key(request, generation):
    address = "|".join(
        (
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            # pages tell a visitor whose browser asks for another language that theirs exists (or
            # not), and say nothing to a browser that asks for none
            translation.get_language_from_request(request) or "",
            "1"
            if request.META.get("HTTP_ACCEPT_LANGUAGE") or settings.LANGUAGE_COOKIE_NAME in request.COOKIES
            else "0",
            request.path,
            # the declared parameters only (``only_declared``), in the order sent: the order of
            # repeated parameters can matter (the columns of a comparison)
            request.META.get("QUERY_STRING", ""),
        )
    )
    return f"page:{generation}:{hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()}"


def only_declared(request, names):
    """Leave the request with the parameters in ``names`` only, as the view will read them, in the
    order sent; the rest are dropped before the cache key is made and before the view runs."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return
    kept = [(name, value) for name, value in parse_qsl(raw, keep_blank_values=True) if name in names]
    query = urlencode(kept)
    if query != raw:
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query, encoding=request.encoding)


def _public_for(response):
    """Lets a cache in front keep the answer a while, unless the view said how long itself."""
    patch_vary_headers(response, ("Accept-Language",))
    if "max-age" not in response.get("Cache-Control", ""):
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.FRONTEND_CACHE_TTL)


def _public_headers(response, content):
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(time.time())
    _public_for(response)


def _stored(response, content):
    return {"status": response.status_code, "headers": list(response.items()), "content": content}


def _rebuilt(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def _conditional(request, response):
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=None,
        response=response,
    )


class PageCacheMiddleware:
    """Serves and keeps anonymous answers; placed after the session, CSRF and messages middleware,
    so that what it checks has been set up, and before the views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(SKIPPED_PREFIXES):
            return self.get_response(request)
        cacheable = request_is_cacheable(request)
        if not cacheable and request.user.is_authenticated:
            return self.get_response(request)
        declaration = declared.for_request(request)
        key = None
        if cacheable:
            if declaration.parameters is not None:
                only_declared(request, declaration.parameters)
            generation = freshness.generation() if enabled() else None
            key = cache_key(request, generation) if generation else None
        if key:
            entry = cache.get(key)
            if entry is not None:
                response = _rebuilt(entry)
                response["X-Page-Cache"] = "hit"
                return _conditional(request, response)
        if declaration.expensive and not request.user.is_authenticated:
            # counted only now, for an answer that has to be made
            wait = throttling.expensive_answers().within_rate(clients.limited_address(request))
            if wait:
                return errors.too_many_requests(request, wait)
        with making_answer() as marks:
            response = self.get_response(request)
        if "stand-in" in marks:
            patch_cache_control(response, no_store=True)
            return response
        if not cacheable or not response_is_cacheable(request, response):
            return response
        if response.streaming:
            if key:
                response.streaming_content = self._kept_while_streamed(
                    response.streaming_content, response, key
                )
            _public_for(response)
            return response
        content = response.content
        _public_headers(response, content)
        if key and len(content) <= settings.PAGE_CACHE_MAX_BYTES:
            cache.set(key, _stored(response, content), settings.PAGE_CACHE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return _conditional(request, response)

    def _kept_while_streamed(self, stream, response, key):
        """The stream as it goes out, kept once it has gone out whole (exports are streamed)."""
        chunks, size = [], 0
        for chunk in stream:
            if size <= settings.PAGE_CACHE_MAX_BYTES:
                chunks.append(chunk)
                size += len(chunk)
            yield chunk
        if size <= settings.PAGE_CACHE_MAX_BYTES:
            content = b"".join(chunks)
            headers = HttpResponse()
            for name, value in response.items():
                headers[name] = value
            _public_headers(headers, content)
            cache.set(key, _stored(headers, content), settings.PAGE_CACHE_TIMEOUT)
