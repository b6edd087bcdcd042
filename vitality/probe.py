"""One HTTP check of one address: what a visitor following the link would meet.

Unlike the harvest's fetch (``harvest/fetch.py``), which reads a source's documents and refuses to be
sent elsewhere, a link check follows redirects wherever they go (a site moving to a new domain is
alive), records the final address, and reads no more of the body than it needs: nothing for a web
page, a bounded JSON document for a forge's API. Every outcome is a value, never an exception:

* ``answers``: the server answered 2xx (after redirects), or 401/403 (it is there, it keeps robots out);
* ``fails``: it answered 404, 410, another 4xx or a 5xx, its certificate or TLS failed, it refused the
  connection, did not answer in time, or redirected in a loop or too many times;
* ``unknown``: we could not ask: its name was not found (offline, or no DNS), the network is
  unreachable, it asked us to come back later (429, ``Retry-After``), or it is not a public web address.

Reasons are codes (``REASONS``), put into words in the reader's language when shown.
"""

import errno
import ipaddress
import json
import re
import socket
import threading
import time
from contextlib import suppress
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationParseError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.util import Timeout

from core.site_address import public_address

ANSWERS, FAILS, UNKNOWN = "answers", "fails", "unknown"
REDIRECTS = {301, 302, 303, 307, 308}

# reason code → how it is said (lazily translated); the state each one means is decided below
REASONS = {
    "ok": _("answers"),
    "restricted": _("answers, but keeps robots out"),
    "not-found": _("page not found (404)"),
    "gone": _("page removed (410)"),
    "client-error": _("refuses the request (%(status)s)"),
    "server-error": _("server error (%(status)s)"),
    "tls": _("its secure connection (TLS) fails"),
    "timeout": _("no answer in time"),
    "refused": _("connection refused"),
    "broken-connection": _("the connection broke"),
    "redirect-loop": _("redirects in a loop"),
    "too-many-redirects": _("redirects too many times"),
    "bad-redirect": _("redirects to no usable address"),
    "dns": _("its name was not found"),
    "unreachable": _("the network could not reach it"),
    "offline": _("this server could not reach the web during the check"),
    "rate-limited": _("asked us to come back later"),
    "not-public": _("not a public web address"),
    "not-web": _("not a web address"),
    "too-large": _("answered more than the check reads"),
    "bad-answer": _("answered something unreadable"),
    "no-repository": _("no such repository"),
    "forge-refused": _("its forge refused to answer"),
}


@dataclass(frozen=True)
class Limits:
    connect: float = 5.0
    read: float = 15.0
    total: float = 30.0  # for the whole check, redirects included
    redirects: int = 10
    max_bytes: int = 2 * 1024 * 1024  # of a forge's JSON answer (a web page's body is not read)


@dataclass
class Outcome:
    url: str
    state: str
    reason: str
    status: int | None = None
    final_url: str = ""
    redirects: int = 0
    elapsed_ms: int | None = None
    retry_after: float | None = None  # seconds the server asked us to wait
    data: object = None  # the decoded JSON, when asked for
    headers: dict = field(default_factory=dict)

    @property
    def answered(self):
        """Whether some server answered (whatever it said): the network works."""
        return self.status is not None


def user_agent():
    return f"OGP Toolbox link checker (+{public_address()})"


def check(url, *, limits=Limits(), headers=None, json_body=False, pool=None):
    """Ask ``url`` as a visitor's browser would (GET, redirects followed) and say what happened."""
    started = time.monotonic()
    deadline = started + limits.total
    own_pool = pool is None
    pool = pool or new_pool_manager()
    sent = {"User-Agent": user_agent(), "Accept": "application/json" if json_body else "text/html,*/*"}
    sent.update(headers or {})
    seen, current, redirects = [url], url, 0
    try:
        while True:
            route = _route(current, pool)
            if isinstance(route, str):
                return Outcome(url, UNKNOWN, route, final_url=current, redirects=redirects)
            hop_pool, target, host_header = route
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return _outcome(url, FAILS, "timeout", current, redirects, started)
            timeout = Timeout(connect=min(limits.connect, remaining), read=min(limits.read, remaining))
            hop_headers = _for_host(sent, url, current)
            if host_header:
                hop_headers = {**hop_headers, "Host": host_header}
            watch = _Watch(deadline)
            try:
                with watch:
                    response = hop_pool.urlopen(
                        "GET",
                        target,
                        headers=hop_headers,
                        retries=False,
                        redirect=False,
                        preload_content=False,
                        timeout=timeout,
                        assert_same_host=False,
                    )
            except NameResolutionError:
                return _outcome(url, UNKNOWN, "dns", current, redirects, started)
            except NewConnectionError as error:
                return _outcome(url, *_connection_problem(error), current, redirects, started)
            except (ConnectTimeoutError, ReadTimeoutError):
                return _outcome(url, FAILS, "timeout", current, redirects, started)
            except SSLError:
                return _outcome(url, FAILS, "tls", current, redirects, started)
            except LocationParseError:
                return Outcome(url, UNKNOWN, "not-web", final_url=current, redirects=redirects)
            except (ProtocolError, HTTPError, OSError):
                if watch.expired:
                    return _outcome(url, FAILS, "timeout", current, redirects, started)
                return _outcome(url, FAILS, "broken-connection", current, redirects, started)
            finally:
                if hop_pool is not pool:
                    hop_pool.close()
            if watch.expired:  # cut while it trickled: whatever it sent is incomplete
                response.close()
                return _outcome(url, FAILS, "timeout", current, redirects, started)
            try:
                status = response.status
                if status in REDIRECTS:
                    location = clean(response.headers.get("Location", ""))
                    next_url = clean(urljoin(current, location).split("#", 1)[0]) if location else ""
                    if not next_url or urlsplit(next_url).scheme not in ("http", "https"):
                        return _outcome(url, FAILS, "bad-redirect", current, redirects, started, status)
                    if next_url in seen:
                        return _outcome(url, FAILS, "redirect-loop", current, redirects, started, status)
                    redirects += 1
                    if redirects > limits.redirects:
                        return _outcome(url, FAILS, "too-many-redirects", current, redirects, started, status)
                    seen.append(next_url)
                    current = next_url
                    continue
                outcome = _outcome(url, *_judge(response), current, redirects, started, status)
                outcome.headers = {key.lower(): value for key, value in response.headers.items()}
                if outcome.reason == "rate-limited":
                    outcome.retry_after = _retry_after(response)
                elif json_body and outcome.state == ANSWERS and 200 <= status < 300:
                    _read_json(response, outcome, limits, deadline)
                return outcome
            finally:
                response.close()
    finally:
        if own_pool:
            pool.clear()


MAX_ADDRESS_BYTES = 1500  # an address longer than this (UTF-8) is not kept: the index holds 2,700
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean(text):
    """Text from outside without control characters (NUL breaks PostgreSQL), on one line."""
    return CONTROL.sub("", text or "").strip()


def keepable(url):
    return bool(url) and len(url.encode("utf-8", "replace")) <= MAX_ADDRESS_BYTES


# --- connections: one resolution, vetted and used; a wall-clock limit on every request ---------------

_watched = threading.local()


class _Watch:
    """Closes the connection a request is using once the check's deadline passes: urllib3's read
    timeout starts again at every byte, so a server trickling its headers would hold a lane for ever."""

    def __init__(self, deadline):
        self.deadline = deadline
        self.expired = False
        self.timer = None

    def __enter__(self):
        self.connections = []
        _watched.connections = self.connections  # the requesting thread's pools add theirs here
        self.timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), self._expire)
        self.timer.daemon = True
        self.timer.start()
        return self

    def _expire(self):
        self.expired = True
        for connection in list(self.connections):
            sock = getattr(connection, "sock", None)
            if sock is not None:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def __exit__(self, *exc):
        self.timer.cancel()
        _watched.connections = None
        return False


class _WatchedMixin:
    def _get_conn(self, timeout=None):
        connection = super()._get_conn(timeout)
        watch_list = getattr(_watched, "connections", None)
        if watch_list is not None:
            watch_list.append(connection)
        return connection


class WatchedHTTPConnectionPool(_WatchedMixin, urllib3.HTTPConnectionPool):
    pass


class WatchedHTTPSConnectionPool(_WatchedMixin, urllib3.HTTPSConnectionPool):
    pass


POOLS = {"http": WatchedHTTPConnectionPool, "https": WatchedHTTPSConnectionPool}


def new_pool_manager():
    manager = urllib3.PoolManager(num_pools=4, maxsize=1, retries=False)
    manager.pool_classes_by_scheme = POOLS
    return manager


def _route(url, pool):
    """``(pool, target, Host header)`` to ask ``url`` through, or a reason code not to ask it.

    Where addresses of this machine's network are refused, the name is resolved once here, vetted,
    and the connection goes to that very address (the name given as Host and for TLS): a name that
    answers differently the second time (DNS rebinding) cannot lead the check elsewhere."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "not-web"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return "not-web"
    if settings.HARVEST_PRIVATE_ADDRESSES:
        return pool, url, ""
    try:
        name = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return "not-web"
    try:
        found = socket.getaddrinfo(name, port or DEFAULT_PORTS[scheme], proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return "dns"
    addresses = [sockaddr[0].split("%", 1)[0] for *_rest, sockaddr in found]
    if not addresses or not all(is_public(address) for address in addresses):
        return "not-public"
    address = addresses[0]
    host_header = name if port is None else f"{name}:{port}"
    options = {"port": port or DEFAULT_PORTS[scheme], "maxsize": 1, "retries": False}
    if scheme == "https":
        options.update(server_hostname=name, assert_hostname=name)
    target = parts._replace(scheme="", netloc="").geturl() or "/"
    return POOLS[scheme](address, **options), target, host_header


DEFAULT_PORTS = {"http": 80, "https": 443}
NAT64 = ipaddress.ip_network("64:ff9b::/96")
SIX_TO_FOUR = ipaddress.ip_network("2002::/16")


def is_public(text):
    """Whether an IP address belongs to the public Internet, looking through the IPv6 forms that carry
    an IPv4 address (mapped, NAT64, 6to4)."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return is_public(str(address.ipv4_mapped))
        if address in NAT64:
            return is_public(str(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)))
        if address in SIX_TO_FOUR:
            return is_public(str(ipaddress.IPv4Address((int(address) >> 80) & 0xFFFFFFFF)))
    return address.is_global


def _for_host(headers, first, current):
    # a token for the forge's API goes to that host only, never to where it redirects (nor over http)
    before, after = urlsplit(first), urlsplit(current)
    if (before.scheme, before.netloc) != (after.scheme, after.netloc):
        return {key: value for key, value in headers.items() if key.lower() not in SECRET_HEADERS}
    return headers


SECRET_HEADERS = {"authorization", "private-token"}


def _judge(response):
    status = response.status
    if 200 <= status < 300:
        return ANSWERS, "ok"
    if status == 429 or (status == 503 and response.headers.get("Retry-After")):
        return UNKNOWN, "rate-limited"
    if status == 403 and response.headers.get("X-RateLimit-Remaining") == "0":
        return UNKNOWN, "rate-limited"  # GitHub's and GitLab's way of saying 429
    if status in (401, 403):
        return ANSWERS, "restricted"
    if status == 404:
        return FAILS, "not-found"
    if status == 410:
        return FAILS, "gone"
    if status >= 500:
        return FAILS, "server-error"
    return FAILS, "client-error"  # 4xx, and 1xx/3xx answers that lead nowhere


def _retry_after(response):
    """Seconds the server asked to wait: ``Retry-After`` (seconds or a date), else the rate limit's
    reset time (``X-RateLimit-Reset``, seconds since 1970), else a minute."""
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError, OverflowError):
            pass
    reset = response.headers.get("X-RateLimit-Reset", "").strip()
    if reset.isdigit():
        return max(0.0, float(reset) - time.time())
    return 60.0


def _read_json(response, outcome, limits, deadline):
    chunks, size = [], 0
    try:
        while True:
            if time.monotonic() > deadline:
                outcome.state, outcome.reason = FAILS, "timeout"
                return
            chunk = response.read1(64 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                outcome.state, outcome.reason = UNKNOWN, "too-large"
                return
            chunks.append(chunk)
        outcome.data = json.loads(b"".join(chunks))
    except (HTTPError, OSError):
        outcome.state, outcome.reason = FAILS, "broken-connection"
    except ValueError:
        outcome.state, outcome.reason = UNKNOWN, "bad-answer"


def _outcome(url, state, reason, current, redirects, started, status=None):
    return Outcome(
        url,
        state,
        reason,
        status=status,
        final_url=clean(current)[:2000],
        redirects=redirects,
        elapsed_ms=int((time.monotonic() - started) * 1000),
    )


def _connection_problem(error):
    cause = error.__cause__ or error.__context__
    if isinstance(cause, ConnectionRefusedError):
        return FAILS, "refused"
    if isinstance(cause, OSError) and cause.errno in (
        errno.ENETUNREACH,
        errno.EHOSTUNREACH,
        errno.EADDRNOTAVAIL,
    ):
        return UNKNOWN, "unreachable"
    if isinstance(cause, socket.gaierror):
        return UNKNOWN, "dns"
    return FAILS, "refused"


def reason_text(reason, status=None):
    template = REASONS.get(reason, REASONS["bad-answer"])
    return str(template) % {"status": status or ""} if "%(" in str(template) else str(template)
