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
import socket
import time
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
    pool = pool or urllib3.PoolManager(num_pools=4, maxsize=1, retries=False)
    sent = {"User-Agent": user_agent(), "Accept": "application/json" if json_body else "text/html,*/*"}
    sent.update(headers or {})
    seen, current, redirects = [url], url, 0
    try:
        while True:
            problem = _refused_address(current)
            if problem:
                return Outcome(url, UNKNOWN, problem, final_url=current, redirects=redirects)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return _outcome(url, FAILS, "timeout", current, redirects, started)
            timeout = Timeout(connect=min(limits.connect, remaining), read=min(limits.read, remaining))
            try:
                response = pool.urlopen(
                    "GET",
                    current,
                    headers=_for_host(sent, url, current),
                    retries=False,
                    redirect=False,
                    preload_content=False,
                    timeout=timeout,
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
                return _outcome(url, FAILS, "broken-connection", current, redirects, started)
            try:
                status = response.status
                if status in REDIRECTS:
                    location = response.headers.get("Location", "").strip()
                    target = urljoin(current, location).split("#", 1)[0] if location else ""
                    if not target or urlsplit(target).scheme not in ("http", "https"):
                        return _outcome(url, FAILS, "bad-redirect", current, redirects, started, status)
                    if target in seen:
                        return _outcome(url, FAILS, "redirect-loop", current, redirects, started, status)
                    redirects += 1
                    if redirects > limits.redirects:
                        return _outcome(url, FAILS, "too-many-redirects", current, redirects, started, status)
                    seen.append(target)
                    current = target
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


def _for_host(headers, first, current):
    # a token for the forge's API goes to that host only, never to where it redirects
    if urlsplit(first).netloc != urlsplit(current).netloc:
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
        final_url=current,
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


def _refused_address(url):
    """Why ``url`` is not checked (a reason code), or "" when it may be."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return "not-web"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "not-web"
    if settings.HARVEST_PRIVATE_ADDRESSES:
        return ""
    # a check's outcome is published: an address of this machine's own network (its database, a
    # cloud's metadata service) must not be asked, nor its answer shown
    try:
        found = socket.getaddrinfo(parts.hostname, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return ""  # the connection says the name was not found
    for *_rest, sockaddr in found:
        if not ipaddress.ip_address(sockaddr[0].split("%", 1)[0]).is_global:
            return "not-public"
    return ""


def reason_text(reason, status=None):
    template = REASONS.get(reason, REASONS["bad-answer"])
    return str(template) % {"status": status or ""} if "%(" in str(template) else str(template)
