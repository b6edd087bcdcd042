"""The checks, as background work: collect the external addresses of every public page, ask each
one politely, keep what was found, then score the tools (``vitality.scoring``).

Run by ``manage.py check_vitality`` (cron, hourly: only the addresses whose last check is older than
``VITALITY_PERIOD_HOURS`` are asked again), never inside a visitor's request.

Politeness and robustness:

* the addresses are grouped by the host the requests go to (a GitHub repository's API host is
  ``api.github.com``); each host gets at most ``VITALITY_PER_HOST`` requests at once, in lanes that
  ask their addresses one after another, and ``VITALITY_CONCURRENCY`` lanes run at once: a slow host
  holds its own lanes only;
* a host answering 429 or 503 with ``Retry-After`` (or a forge's exhausted rate limit) is left alone
  for the time it asks: waited for when it is short (``VITALITY_MAX_WAIT``), otherwise its addresses
  are "unknown, asked us to come back later" and are due again once that time has passed;
* every request is bounded (``probe.Limits``): time to connect and to answer, a whole check, bytes
  read, redirects (a loop is detected);
* results are saved as they come, by this thread only (the lanes touch no database). A run that is
  stopped (``--minutes``, Ctrl-C, a killed process) is resumed by the next: it asks only the
  addresses not checked since it started.

When no server answered at all in a run, failures that only say "no connection" (timeouts, refused
connections) say more about this machine than about the sites: they become "unknown: this server
could not reach the web", never "fails", so a site set up offline does not call every tool dead.
"""

import json
import logging
import queue
import re
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pages.relations import visible

from . import forges, probe
from .models import Address, CheckRun, PageAddress

logger = logging.getLogger(__name__)

# an external address in rich text or a StreamField's stored data (its JSON escapes end it at a "\")
EXTERNAL = re.compile(r"https?://[^\s\"'<>\\]+", re.IGNORECASE)
NETWORK_ONLY = {"timeout", "refused", "broken-connection"}
STALE_RUN = timedelta(days=2)  # an unfinished run older than this is not resumed: a new one starts
ALIVE = timedelta(minutes=5)  # a run that said nothing for this long has stopped (killed): resumed
HEARTBEAT = 15  # seconds between two signs of life of a running run


class RunningElsewhere(Exception):
    """Another process is running the checks: this one asks nothing (hosts are asked once)."""

    def __init__(self, check_run):
        super().__init__(f"another check run is going on (started {check_run.started_at:%Y-%m-%d %H:%M})")
        self.run = check_run


# --- which addresses the public pages name ---------------------------------------------------------


def addresses_of(page):
    """``[(field name, address)]`` of the external web addresses a (specific) page shows."""
    found = []
    for model_field in type(page)._meta.concrete_fields:
        if isinstance(model_field, models.URLField):
            value = probe.clean(getattr(page, model_field.attname))
            if probe.keepable(value):
                found.append((model_field.name, value))
        elif isinstance(model_field, StreamField):
            raw = json.dumps(
                list(getattr(page, model_field.attname).raw_data), ensure_ascii=False, default=str
            )
            found += [(model_field.name, url) for url in _external(raw)]
        elif isinstance(model_field, RichTextField):
            found += [(model_field.name, url) for url in _external(getattr(page, model_field.attname) or "")]
    return list(dict.fromkeys(found))


def _external(text):
    own = urlsplit(settings.SITE_URL).netloc.lower()
    found = []
    for match in EXTERNAL.finditer(text):
        url = _trimmed(probe.clean(match.group(0).replace("&amp;", "&")))
        try:
            netloc = urlsplit(url).netloc.lower()
        except ValueError:
            continue
        if probe.keepable(url) and netloc and netloc != own:
            found.append(url)
    return found


PAIRS = {")": "(", "]": "[", "}": "{"}


def _trimmed(url):
    """An address as written in a sentence, without the punctuation that ends the sentence: "(see
    https://a.org/x)." ends at x, but https://en.wikipedia.org/wiki/Python_(language) keeps its ")"."""
    while url:
        last = url[-1]
        if last in ".,;:!?'" or (last in PAIRS and url.count(last) > url.count(PAIRS[last])):
            url = url[:-1]
        else:
            break
    return url


def collect(progress=None):
    """Record which addresses each public page names (catalogue entries, sections, home pages),
    forgetting those no page names any more. Returns the number of pages read."""
    pages = 0
    wanted = set()
    queryset = visible(Page.objects.filter(depth__gt=1)).specific().order_by("pk")
    for page in queryset.iterator(chunk_size=500):
        pages += 1
        for field_name, url in addresses_of(page):
            wanted.add((page.pk, field_name, url))
    known = dict(Address.objects.values_list("url", "pk"))
    new = sorted({url for _page, _field, url in wanted} - set(known))
    Address.objects.bulk_create(
        [Address(url=url, host=(urlsplit(url).hostname or "")[:300]) for url in new],
        ignore_conflicts=True,
        batch_size=500,
    )
    known.update(Address.objects.filter(url__in=new).values_list("url", "pk"))
    rows = {(page_id, field_name, known[url]) for page_id, field_name, url in wanted if url in known}
    existing = set(PageAddress.objects.values_list("page_id", "field", "address_id"))
    with transaction.atomic():
        gone = existing - rows
        for page_id, field_name, address_id in gone:
            PageAddress.objects.filter(page_id=page_id, field=field_name, address_id=address_id).delete()
        PageAddress.objects.bulk_create(
            [PageAddress(page_id=p, field=f, address_id=a) for p, f, a in rows - existing],
            ignore_conflicts=True,
            batch_size=500,
        )
        Address.objects.filter(pages=None).delete()
    return pages


# --- asking them ------------------------------------------------------------------------------------


class Host:
    """What the lanes of one host share: when it may be asked again."""

    def __init__(self):
        self.lock = threading.Lock()
        self.not_before = 0.0

    def wait(self, stop):
        """Wait until the host may be asked; False when that is further than ``VITALITY_MAX_WAIT``."""
        with self.lock:
            delay = self.not_before - time.monotonic()
        if delay > settings.VITALITY_MAX_WAIT:
            return False
        if delay > 0:
            stop.wait(delay)
        return not stop.is_set()

    def asks_to_wait(self, seconds):
        with self.lock:
            self.not_before = max(self.not_before, time.monotonic() + seconds)


class Hosts:
    """Every host's ``Host``, shared by the lanes (created on first use, under a lock)."""

    def __init__(self):
        self._hosts = {}
        self._lock = threading.Lock()

    def __getitem__(self, name):
        with self._lock:
            return self._hosts.setdefault(name, Host())


class Stopped(Exception):
    """The run is stopping: what a lane was about to ask is left for the next run."""


class Client:
    """One lane's requests: each waits for its host's turn, and a short ``Retry-After`` is waited for
    once before asking again."""

    def __init__(self, hosts, stop, limits):
        self.hosts = hosts
        self.stop = stop
        self.limits = limits
        self.pool = probe.new_pool_manager()

    def ask(self, url, headers=None, json_body=False):
        host = self.hosts[_host_of(url)]
        for _attempt in range(2):
            if not host.wait(self.stop):
                if self.stop.is_set():
                    raise Stopped
                return probe.Outcome(url, probe.UNKNOWN, "rate-limited", retry_after=_left(host))
            outcome = probe.check(
                url, limits=self.limits, headers=headers, json_body=json_body, pool=self.pool
            )
            if outcome.reason != "rate-limited":
                return outcome
            host.asks_to_wait(outcome.retry_after or 60.0)
        return outcome

    def close(self):
        self.pool.clear()


def _left(host):
    return max(0.0, host.not_before - time.monotonic())


def _host_of(url):
    """The host a request goes to, as politeness counts it: its name, and its port unless the default."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    name = (parts.hostname or url).lower().rstrip(".")
    return name if port in (None, probe.DEFAULT_PORTS.get(parts.scheme.lower())) else f"{name}:{port}"


def check_one(address_url, is_repository, client):
    """What one address gives: ``(outcome, forge kind, repository facts or None)``."""
    forge = forges.forge_of(address_url) if is_repository else None
    if forge is not None:
        outcome, found = forges.facts(forge, lambda url, headers: client.ask(url, headers, json_body=True))
        if outcome is not None:
            # what a visitor meets is the repository's page, but the API said all a check needs
            outcome.url, outcome.final_url = address_url, outcome.final_url if found is None else address_url
            return outcome, (found or {}).get("forge", forge.kind), found
    return client.ask(address_url), "", None


def run(*, progress=None, minutes=None, addresses=None, limits=None, now=None):
    """Check what is due; returns the ``CheckRun`` (finished unless stopped)."""
    now = now or timezone.now()
    check_run = _current_run(now)  # before anything else: one process at a time collects and asks
    collect()
    due = _due(check_run, now, addresses)
    repository_ids = set(
        PageAddress.objects.filter(field="source_code_url").values_list("address_id", flat=True)
    )
    check_run.total = check_run.checked + len(due)
    check_run.save(update_fields=["total"])
    counter = progress(len(due)) if progress else None

    lanes = defaultdict(list)
    for address in due:
        forge = forges.forge_of(address.url) if address.pk in repository_ids else None
        host = _host_of(forge.api if forge and forge.kind else address.url)
        lanes[host].append(address)
    per_host = max(1, settings.VITALITY_PER_HOST)
    work = []
    for host, items in lanes.items():
        for lane in range(per_host):
            share = items[lane::per_host]
            if share:
                work.append((host, share))
    work.sort(key=lambda item: -len(item[1]))  # the longest lanes first: they decide the run's length

    hosts = Hosts()
    stop = threading.Event()
    results = queue.Queue()
    limits = limits or probe.Limits(
        connect=settings.VITALITY_CONNECT_TIMEOUT, read=settings.VITALITY_READ_TIMEOUT
    )
    deadline = time.monotonic() + minutes * 60 if minutes else None

    def lane(items):
        client = Client(hosts, stop, limits)
        try:
            for address in items:
                if stop.is_set():
                    return
                try:
                    found = check_one(address.url, address.pk in repository_ids, client)
                except Stopped:
                    return
                except Exception:  # a bug here: one address never stops the run; logged, then skipped
                    logger.exception("checking %s failed", address.url)
                    found = (probe.Outcome(address.url, probe.UNKNOWN, "bad-answer"), "", None)
                results.put((address, *found))
        finally:
            client.close()
            results.put(None)

    last_beat = time.monotonic()

    def beat():
        nonlocal last_beat
        if time.monotonic() - last_beat > HEARTBEAT:
            last_beat = time.monotonic()
            check_run.heartbeat_at = timezone.now()
            check_run.save(update_fields=["heartbeat_at", "checked", "answered", "failed", "unknown"])

    with ThreadPoolExecutor(max_workers=max(1, settings.VITALITY_CONCURRENCY)) as pool:
        for _host, items in work:
            pool.submit(lane, items)
        finished = 0
        try:
            while finished < len(work):
                try:
                    item = results.get(timeout=1.0)
                except queue.Empty:
                    beat()
                    if deadline and time.monotonic() > deadline:
                        stop.set()
                    continue
                if item is None:
                    finished += 1
                    continue
                address, outcome, forge_kind, found = item
                try:
                    with transaction.atomic():
                        _save(address, outcome, forge_kind, found)
                except DatabaseError:  # what a server sent cannot be kept: said, and the run goes on
                    logger.exception("the check of %s could not be saved", address.url)
                check_run.checked += 1
                if outcome.state == probe.ANSWERS:
                    check_run.answered += 1
                elif outcome.state == probe.FAILS:
                    check_run.failed += 1
                else:
                    check_run.unknown += 1
                if counter:
                    counter()
                beat()
                if deadline and time.monotonic() > deadline:
                    stop.set()
        except BaseException:  # Ctrl-C, or a failure here: the lanes stop at their next address
            stop.set()
            check_run.heartbeat_at = None  # stopped: the next run resumes it at once
            check_run.save(update_fields=["heartbeat_at", "checked", "answered", "failed", "unknown"])
            raise
    if check_run.failed and not _anything_answered(check_run):
        check_run.failed, check_run.unknown = _offline(check_run)
    if not stop.is_set():
        check_run.finished_at = timezone.now()
        check_run.is_open = False
    check_run.heartbeat_at = None  # this process is done with it: a stopped run is resumed at once
    check_run.save()
    return check_run


def _current_run(now):
    """The open run to go on with, or a new one. At most one run is open (a database constraint), so
    two processes starting at once cannot both run; a run that stopped saying it is alive is taken over."""
    CheckRun.objects.filter(is_open=True, started_at__lt=now - STALE_RUN).update(is_open=False)
    try:
        with transaction.atomic():
            return CheckRun.objects.create(started_at=now, heartbeat_at=now)
    except IntegrityError:
        pass
    unfinished = CheckRun.objects.filter(is_open=True).first()
    if unfinished is None:  # finished meanwhile
        return CheckRun.objects.create(started_at=now, heartbeat_at=now)
    if unfinished.heartbeat_at and unfinished.heartbeat_at > now - ALIVE:
        raise RunningElsewhere(unfinished)
    # taken over only if nobody else did first (the heartbeat it had is still there)
    taken = CheckRun.objects.filter(pk=unfinished.pk, heartbeat_at=unfinished.heartbeat_at).update(
        heartbeat_at=now
    )
    if not taken:
        raise RunningElsewhere(unfinished)
    unfinished.heartbeat_at = now
    return unfinished


def _due(check_run, now, only=None):
    period = timedelta(hours=settings.VITALITY_PERIOD_HOURS)
    queryset = Address.objects.filter(
        models.Q(checked_at=None) | models.Q(checked_at__lt=min(check_run.started_at, now - period))
    ).exclude(not_before__gt=now)
    if only is not None:
        queryset = queryset.filter(url__in=only)
    return list(queryset.order_by("pk"))


def _save(address, outcome, forge_kind, found):
    now = timezone.now()
    if outcome.reason == "rate-limited":
        # nothing was learnt: what the last check found stays, and the address is due once allowed
        address.not_before = now + timedelta(seconds=min(outcome.retry_after or 3600, 7 * 24 * 3600))
        address.save(update_fields=["not_before"])
        return
    if outcome.state == probe.FAILS:
        address.failing_since = address.failing_since if address.state == probe.FAILS else now
    elif outcome.state == probe.ANSWERS:
        address.failing_since = None
    address.checked_at = now
    address.state = outcome.state
    address.reason = outcome.reason
    address.status = outcome.status
    address.final_url = (outcome.final_url or "")[:2000]
    address.redirects = min(outcome.redirects, 100)
    address.elapsed_ms = outcome.elapsed_ms
    address.not_before = None
    if found is not None:
        address.forge, address.repository = forge_kind, found
    elif outcome.reason == "no-repository":
        address.forge, address.repository = forge_kind, None  # its forge says it is gone
    # otherwise (the forge could not be asked) what was known stays, but is not scored (assess.py)
    address.save()


def _anything_answered(check_run):
    """Whether any server answered anything (even an error) during the run, in this process or the
    ones it resumed."""
    return Address.objects.filter(checked_at__gte=check_run.started_at, status__isnull=False).exists()


def _offline(check_run):
    """No server answered in this run: its "no connection" failures become unknown (see above)."""
    rows = Address.objects.filter(
        checked_at__gte=check_run.started_at, state=probe.FAILS, reason__in=NETWORK_ONLY
    )
    count = rows.update(state=probe.UNKNOWN, reason="offline", failing_since=None)
    return check_run.failed - count, check_run.unknown + count
