"""Fetching a source's documents over HTTP, within limits a harvest can live with.

A source is someone else's server: it may be down, slow, huge, moved, or answer with a web page. Each
fetch is bounded in time (to connect, between two reads, and in all), in size (counted after
decompression, so a gzip bomb stops at the limit like any other large body) and in redirects, and
retried a few times only where another try can help (a refused or timed-out connection, 429, 502,
503, 504), with a growing pause and the ``Retry-After`` the server asks for. Everything that goes
wrong is a ``FetchError`` whose message says what happened to which address, for the moderator who
reads the run's report; nothing else escapes from here.

Conditional requests (``etag``, ``last_modified``, from the previous run) let an unchanged source
answer 304 with no body, so a re-harvest of a quiet source costs almost nothing.

Reading what was fetched (JSON, YAML) is the kinds' job (``harvest/kinds/``); ``looks_like_html``
lets them tell a page of HTML (a portal's home page, a login wall) from data.
"""

import ipaddress
import socket
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    InvalidHeader,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.util import Retry, Timeout

from core.site_address import public_address

DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECTS = {301, 302, 303, 307, 308}
# the answers another try may change; any other 4xx or 5xx is final
RETRIED_STATUSES = frozenset({429, 502, 503, 504})
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    connect: float = 5.0  # seconds to open the connection
    read: float = 20.0  # seconds the server may stay silent, before the headers or between two reads
    total: float = 60.0  # seconds for the whole fetch: retries, pauses and redirects included
    max_bytes: int = 20 * 1024 * 1024  # of the body once decompressed
    retries: int = 3  # further tries after the first, for connection errors and RETRIED_STATUSES
    backoff: float = 0.5  # seconds before the first retry, doubled before each next one
    retry_after_max: float = 60.0  # a server asking to wait longer is not retried
    redirects: int = 3


@dataclass(frozen=True)
class Fetched:
    url: str  # the final address, after redirects
    status: int  # 200 (or another 2xx), or 304 when the conditional request found nothing new
    body: bytes | None  # None on 304
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""  # as sent, with its parameters ("application/json; charset=utf-8")


class FetchError(Exception):
    """A document could not be fetched. ``str()`` is the message for a moderator, in the active
    language; ``address`` and ``status`` (None when no answer came) are there for callers."""

    def __init__(self, message, *, address, status=None, **params):
        super().__init__(address)
        self.template = message
        self.address = address
        self.status = status
        self.params = {"address": address, "status": status, **params}

    @property
    def message(self):
        return str(self.template % self.params)

    def __str__(self):
        return self.message


NOT_HTTP = _("%(address)s cannot be fetched: a source's address must start with http:// or https://.")
NOT_AN_ADDRESS = _("%(address)s is not a valid web address.")
PRIVATE = _(
    "%(address)s cannot be fetched: %(host)s is an address of this server's own network, not of the "
    "public web."
)
CANNOT_CONNECT = ngettext_lazy(
    "Could not connect to %(host)s for %(address)s (%(reason)s), after %(attempts)s attempt. Check "
    "the address; if it is right, the server may be down: try again later.",
    "Could not connect to %(host)s for %(address)s (%(reason)s), after %(attempts)s attempts. Check "
    "the address; if it is right, the server may be down: try again later.",
    "attempts",
)
NO_ANSWER = _("%(address)s did not answer within %(seconds)s seconds.")
STALLED = _("%(address)s stopped sending for more than %(seconds)s seconds before the end of the document.")
TOO_LONG = _(
    "Fetching %(address)s took more than %(seconds)s seconds, the most a harvest waits for a document; "
    "it was stopped."
)
REFUSED = _("%(address)s answered %(status)s %(reason)s.")
REFUSED_AFTER_RETRIES = ngettext_lazy(
    "%(address)s answered %(status)s %(reason)s (%(attempts)s attempt).",
    "%(address)s answered %(status)s %(reason)s, %(attempts)s times in a row.",
    "attempts",
)
WAIT_TOO_LONG = _(
    "%(address)s answered %(status)s %(reason)s and asked to come back in %(seconds)s seconds, longer "
    "than a harvest waits: try again later."
)
TOO_BIG = _(
    "%(address)s is larger than %(size)s, the most a harvest reads from one document; nothing of it was kept."
)
OTHER_HOST = _(
    "%(address)s redirected to another host: %(target)s. If the source has moved, change its address to "
    "the new one."
)
OTHER_PORT_OR_SCHEME = _(
    "%(address)s redirected to %(target)s: on the same host, only a move from http to https is followed."
)
NOT_HTTP_REDIRECT = _("%(address)s redirected to %(target)s, which is not an http:// or https:// address.")
REDIRECT_LOOP = _("%(address)s redirects in a loop (back to %(target)s).")
TOO_MANY_REDIRECTS = _("%(address)s redirected more than %(count)s times (the last time to %(target)s).")
NOWHERE = _("%(address)s answered %(status)s %(reason)s without a usable address to go to.")
BROKEN = _("The connection to %(host)s broke while fetching %(address)s (%(reason)s).")
SECURE_CONNECTION = _("The secure connection to %(host)s failed for %(address)s (%(reason)s).")
BAD_COMPRESSION = _("%(address)s sent a compressed body that cannot be decompressed (%(reason)s).")
FAILED = _("Could not fetch %(address)s (%(reason)s).")

REASON_NAME = _("its name was not found")
REASON_REFUSED = _("the connection was refused")
REASON_TIMEOUT = _("no connection within %(seconds)s seconds")


def user_agent():
    """Names the site, so that a publisher who sees our requests knows whom to write to."""
    return f"OGP Toolbox harvester (+{public_address()})"


def fetch(url, *, etag="", last_modified="", limits=Limits()):
    """The document at ``url``, as a ``Fetched``, or ``FetchError``.

    ``etag`` and ``last_modified`` are what the previous fetch of the same document gave: sent as
    ``If-None-Match`` and ``If-Modified-Since``, a server with nothing new answers 304 (``body`` None).
    """
    _check_address(url)
    deadline = time.monotonic() + limits.total
    headers = {"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    # one pool per fetch: nothing shared between the threads or runs that harvest, and every socket
    # of this fetch closed at its end (a source is fetched once per run, so there is nothing to keep)
    pool = urllib3.PoolManager(num_pools=2, maxsize=1, retries=False)
    try:
        retry = Retry(
            total=limits.retries,
            redirect=False,  # followed here, one at a time, each checked
            status_forcelist=RETRIED_STATUSES,
            allowed_methods={"GET"},
            backoff_factor=limits.backoff,
            raise_on_status=False,
        )
        seen = [url]
        while True:
            response, retry = _answer(pool, url, headers, limits, deadline, retry)
            if response.status not in REDIRECTS:
                break
            try:
                target = _redirect_target(url, response)
            finally:
                response.close()
            if target in seen:
                raise FetchError(REDIRECT_LOOP, address=seen[0], target=target)
            if len(seen) > limits.redirects:
                raise FetchError(TOO_MANY_REDIRECTS, address=seen[0], target=target, count=limits.redirects)
            seen.append(target)
            url = target
        if response.status == 304:
            response.close()
            return Fetched(
                url=url,
                status=304,
                body=None,
                etag=response.headers.get("ETag", etag),
                last_modified=response.headers.get("Last-Modified", last_modified),
                content_type=response.headers.get("Content-Type", ""),
            )
        if not 200 <= response.status < 300:
            # 300, 305…: nothing a harvest can read
            response.close()
            raise FetchError(REFUSED, address=url, status=response.status, reason=_reason(response.status))
        body = _read_body(response, url, limits, deadline)
        return Fetched(
            url=url,
            status=response.status,
            body=body,
            etag=response.headers.get("ETag", ""),
            last_modified=response.headers.get("Last-Modified", ""),
            content_type=response.headers.get("Content-Type", ""),
        )
    finally:
        pool.clear()


def looks_like_html(fetched):
    """Whether ``fetched`` is a web page rather than data: said so by its content type, or by its first
    characters whatever its type claims (a portal's error page sent as ``application/json``)."""
    media_type = fetched.content_type.split(";", 1)[0].strip().lower()
    if media_type in {"text/html", "application/xhtml+xml"}:
        return True
    start = (fetched.body or b"")[:512].lstrip(b"\xef\xbb\xbf \t\r\n\f").lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _check_address(url):
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        raise FetchError(NOT_AN_ADDRESS, address=url) from None
    if parts.scheme.lower() not in DEFAULT_PORTS:
        raise FetchError(NOT_HTTP, address=url)
    if not parts.hostname:
        raise FetchError(NOT_AN_ADDRESS, address=url)
    if not settings.HARVEST_PRIVATE_ADDRESSES:
        _check_public(url, parts.hostname)


def _check_public(url, host):
    # A source's address is typed by a moderator, but what it answers ends up on public pages: an
    # address of the machine's own network (its search engine, a cloud's metadata service) would
    # publish what only this network may read. The name is resolved here and again when connecting;
    # a name that changes its answer in between is the DNS's, not stopped here.
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return  # the connection says the name was not found, with the attempts
    for *_rest, sockaddr in found:
        if not ipaddress.ip_address(sockaddr[0].split("%", 1)[0]).is_global:
            raise FetchError(PRIVATE, address=url, host=host)


def _answer(pool, url, headers, limits, deadline, retry):
    """The response to one GET of ``url`` (its headers; the body unread), after the retries that may
    help, and the ``Retry`` left for the next redirect. A 4xx or 5xx is a ``FetchError``."""
    host = urlsplit(url).hostname
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(TOO_LONG, address=url, seconds=_seconds(limits.total))
        # never wait past the deadline for a connection or for the headers
        timeout = Timeout(connect=min(limits.connect, remaining), read=min(limits.read, remaining))
        try:
            response = pool.urlopen(
                "GET",
                url,
                headers=headers,
                retries=False,
                redirect=False,
                preload_content=False,
                timeout=timeout,
            )
        except ConnectTimeoutError as error:  # also a refused connection or an unknown name
            try:
                retry = retry.increment("GET", url, error=error)
            except MaxRetryError:
                raise FetchError(
                    CANNOT_CONNECT,
                    address=url,
                    host=host,
                    reason=_connect_reason(error, timeout),
                    attempts=len(retry.history) + 1,
                ) from error
            _pause(_backoff(retry, limits), url, limits, deadline)
            continue
        except ReadTimeoutError as error:
            if limits.read > remaining:
                raise FetchError(TOO_LONG, address=url, seconds=_seconds(limits.total)) from error
            raise FetchError(NO_ANSWER, address=url, seconds=_seconds(limits.read)) from error
        except HTTPError as error:
            raise _broken(error, url) from error

        if response.status in RETRIED_STATUSES:
            response.close()
            try:
                retry = retry.increment("GET", url, response=response)
            except MaxRetryError:
                raise FetchError(
                    REFUSED_AFTER_RETRIES,
                    address=url,
                    status=response.status,
                    reason=_reason(response.status),
                    attempts=len(retry.history) + 1,
                ) from None
            try:
                asked = retry.get_retry_after(response)
            except InvalidHeader:
                asked = None  # a Retry-After that is neither seconds nor a date: as if absent
            if asked is not None and asked > limits.retry_after_max:
                raise FetchError(
                    WAIT_TOO_LONG,
                    address=url,
                    status=response.status,
                    reason=_reason(response.status),
                    seconds=_seconds(asked),
                )
            _pause(asked if asked is not None else _backoff(retry, limits), url, limits, deadline)
            continue
        if response.status >= 400:
            response.close()
            raise FetchError(REFUSED, address=url, status=response.status, reason=_reason(response.status))
        return response, retry


def _backoff(retry, limits):
    # limits.backoff before the first retry, then twice as long each time (urllib3's own formula
    # would retry the first time at once: a server that just failed deserves a pause)
    return limits.backoff * 2 ** (len(retry.history) - 1)


def _pause(seconds, url, limits, deadline):
    if time.monotonic() + seconds >= deadline:
        raise FetchError(TOO_LONG, address=url, seconds=_seconds(limits.total))
    time.sleep(seconds)


def _redirect_target(url, response):
    location = response.headers.get("Location", "").strip()
    if not location:
        raise FetchError(NOWHERE, address=url, status=response.status, reason=_reason(response.status))
    target = urljoin(url, location).split("#", 1)[0]
    try:
        old, new = urlsplit(url), urlsplit(target)
        new_port = new.port
    except ValueError:
        raise FetchError(
            NOWHERE, address=url, status=response.status, reason=_reason(response.status)
        ) from None
    if new.scheme not in DEFAULT_PORTS or not new.hostname:
        raise FetchError(NOT_HTTP_REDIRECT, address=url, target=target)
    if new.hostname.lower().rstrip(".") != (old.hostname or "").lower().rstrip("."):
        raise FetchError(OTHER_HOST, address=url, target=target)
    old_port = old.port or DEFAULT_PORTS[old.scheme]
    new_port = new_port or DEFAULT_PORTS[new.scheme]
    same = old.scheme == new.scheme and old_port == new_port
    upgrade = (old.scheme, old_port, new.scheme, new_port) == ("http", 80, "https", 443)
    if not (same or upgrade):
        raise FetchError(OTHER_PORT_OR_SCHEME, address=url, target=target)
    return target


def _read_body(response, url, limits, deadline):
    """The decoded body, read a chunk at a time: never more than one chunk past the limit, and never
    past the deadline (a server trickling a byte a second never trips the read timeout)."""
    length = response.headers.get("Content-Length", "")
    if not response.headers.get("Content-Encoding") and length.isdigit() and int(length) > limits.max_bytes:
        response.close()
        raise FetchError(TOO_BIG, address=url, size=_size(limits.max_bytes))
    expired = threading.Event()

    def stop():
        # another thread: shutting the socket down ends the read the fetching thread is blocked in
        expired.set()
        # ValueError, RuntimeError: already released or closed, so the reading is over anyway
        with suppress(ValueError, RuntimeError, OSError):
            response.shutdown()

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), stop)
    timer.daemon = True
    timer.start()
    chunks, size = [], 0
    try:
        while True:
            # read1 returns what one read of the socket gives, decoded up to the size asked for (the
            # rest of a compressed stream waits, undecoded, for the next call)
            chunk = response.read1(min(CHUNK, limits.max_bytes + 1 - size))
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchError(TOO_BIG, address=url, size=_size(limits.max_bytes))
            chunks.append(chunk)
    except ReadTimeoutError as error:
        if expired.is_set():
            raise FetchError(TOO_LONG, address=url, seconds=_seconds(limits.total)) from error
        raise FetchError(STALLED, address=url, seconds=_seconds(limits.read)) from error
    except DecodeError as error:
        raise FetchError(BAD_COMPRESSION, address=url, reason=_cause(error)) from error
    except (HTTPError, OSError) as error:
        if expired.is_set():
            raise FetchError(TOO_LONG, address=url, seconds=_seconds(limits.total)) from error
        raise _broken(error, url) from error
    finally:
        timer.cancel()
        response.close()
    if expired.is_set():
        # the shutdown looks like the end of the body to a response without a length
        raise FetchError(TOO_LONG, address=url, seconds=_seconds(limits.total))
    return b"".join(chunks)


def _broken(error, url):
    host = urlsplit(url).hostname
    if isinstance(error, SSLError):
        return FetchError(SECURE_CONNECTION, address=url, host=host, reason=_cause(error))
    if isinstance(error, (ProtocolError, OSError)):
        return FetchError(BROKEN, address=url, host=host, reason=_cause(error))
    return FetchError(FAILED, address=url, reason=_cause(error))


def _connect_reason(error, timeout):
    if isinstance(error, NameResolutionError):
        return REASON_NAME
    if isinstance(error, NewConnectionError):
        if isinstance(error.__cause__ or error.__context__, ConnectionRefusedError):
            return REASON_REFUSED
        return _cause(error)
    return REASON_TIMEOUT % {"seconds": _seconds(timeout.connect_timeout)}


def _cause(error):
    """The innermost reason urllib3 gives, without its repeated wrappers."""
    while isinstance(error, (HTTPError, OSError)) and error.args and isinstance(error.args[-1], Exception):
        error = error.args[-1]
    return str(error) or type(error).__name__


def _reason(status):
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _seconds(value):
    return f"{value:g}"


def _size(count):
    if count >= 1024 * 1024 and count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MB"
    if count >= 1024 and count % 1024 == 0:
        return f"{count // 1024} kB"
    return f"{count} bytes"
