"""The link and vitality checks of a catalogue the 2016 one's size against local servers with realistic
delays: total time, requests per host at once, memory, and a visitor's page time while they run.

    .venv/bin/python bench/vitality.py            # 1,200 tools (about 5 minutes)
    .venv/bin/python bench/vitality.py --quick    # 200 tools, a sanity run (about 2 minutes)

Everything is on 127.0.0.1; no request leaves the machine (the check process refuses to resolve any
other name). Four processes:

* **this one**: a fresh SQLite database in a temporary folder (``migrate``, ``bootstrap``), the tools
  (``bench/catalogue.py``'s bulk pages, French, published), then a visitor: the Django test client
  asking, every 0.2 s, the trivial view (``/bench/trivial/``), a tool page through the whole-answer
  cache (``PAGE_CACHE`` on, as in production) and the same page without it (rendered, with the
  per-generation data of ``core.freshness.cached``), before, during and after the checks;
* **the servers** (``--phase serve``): ``--hosts`` web hosts (one port each: the checks group
  requests by host and port), about 30 tools' sites each, answering after 20 to 800 ms (log-normal,
  a median per host), with a few 404, 410, 500, 403, redirect chains, sites moved to another host,
  redirect loops and answers slower than the read timeout; a port that refuses connections; and one
  server playing GitHub's REST API (``/repos/{owner}/{name}``, ``.../releases/latest``,
  ``.../issues``, 50 to 300 ms, 1 % of requests answered 429 with ``Retry-After: 1``). Each server
  counts the requests it is handling at once (from the request line until its answer starts, or
  until the client hangs up) and keeps the most it saw;
* **the checks** (``--phase check``): ``vitality.checks.run()`` then ``vitality.assess.assess()``,
  as ``manage.py check_vitality`` runs them, with the site's default politeness settings
  (``VITALITY_PER_HOST``, ``VITALITY_CONCURRENCY``, timeouts) and ``VITALITY_GITHUB_API`` pointing at
  the local API; its own process, so that its peak memory and CPU time are its own. It also counts
  the content generations it starts (``core.freshness.bump``: every cached answer stale).

The table goes to stdout, progress to stderr. Never part of the test run.
"""

import argparse
import json
import math
import os
import platform
import random
import resource
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections import Counter
from contextlib import redirect_stdout
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TRIVIAL = "/bench/trivial/"
PACE = 0.2  # seconds between two visits (the trivial view, the tool page cached and uncached)
IDLE_ROUNDS = 60
SITE_URL = "http://127.0.0.1:8000"  # production's checks want one; nothing is served there

# what the tools' websites do, and their share of the catalogue (the rest answers 200)
WEBSITES = {
    "redirects": 0.04,  # 301 then 302 on the same host, then 200
    "moved": 0.02,  # 301 to another host (a site moving to a new domain), 200 there
    "not-found": 0.03,
    "gone": 0.01,
    "server-error": 0.02,
    "restricted": 0.01,  # 403: there, keeps robots out
    "loop": 0.005,
    "timeout": 0.005,  # answers after 20 s: more than VITALITY_READ_TIMEOUT (15 s)
    "refused": 0.01,  # a port nobody listens on
}
# what a check should find: (state, reason)
EXPECTED_WEBSITE = {
    "ok": ("answers", "ok"),
    "redirects": ("answers", "ok"),
    "moved": ("answers", "ok"),
    "not-found": ("fails", "not-found"),
    "gone": ("fails", "gone"),
    "server-error": ("fails", "server-error"),
    "restricted": ("answers", "restricted"),
    "loop": ("fails", "redirect-loop"),
    "timeout": ("fails", "timeout"),
    "refused": ("fails", "refused"),
}
# the tools' source repositories: on GitHub, a repository GitHub does not know, on a web host that is
# no known forge (asked Gitea's then GitLab's API, then checked as a web page), or none
REPOSITORIES = {"github-missing": 0.02, "other-host": 0.05, "none": 0.15}  # the rest: on GitHub
EXPECTED_REPOSITORY = {
    "github": ("answers", "ok"),
    "github-missing": ("fails", "no-repository"),
    "other-host": ("answers", "ok"),
}
RATE_LIMITED = 0.01  # share of the API's answers that are a 429 with Retry-After: 1
TIMEOUT_DELAY = 20.0


def log(text):
    print(text, file=sys.stderr, flush=True)


# --- the plan: what each tool's addresses are and what their servers do ------------------------------


def _quota(rng, count, shares, rest):
    """``count`` labels in the given shares (at least one of each from 100 on), the rest ``rest``,
    shuffled."""
    labels = []
    for label, share in shares.items():
        labels += [label] * max(round(count * share), 1 if count >= 100 else 0)
    labels += [rest] * (count - len(labels))
    rng.shuffle(labels)
    return labels[:count]


def plan(tools, hosts, seed):
    """``[{...}]``: per tool, its host, what its website does and what its repository is."""
    rng = random.Random(seed)
    websites = _quota(rng, tools, WEBSITES, "ok")
    repositories = _quota(rng, tools, REPOSITORIES, "github")
    items = []
    for number in range(tools):
        pushed = rng.choices(
            [rng.randint(1, 90), rng.randint(91, 365), rng.randint(366, 730), rng.randint(731, 2500)],
            [50, 20, 15, 15],
        )[0]
        items.append(
            {
                "number": number,
                "host": number % hosts,
                "website": websites[number],
                "repository": repositories[number],
                "pushed_days": pushed,
                "release_days": pushed + rng.randint(0, 400) if rng.random() < 0.7 else None,
                "issues_days": rng.randint(0, 400) if rng.random() < 0.9 else None,
                "archived": rng.random() < 0.04,
                "open_issues": int(rng.expovariate(1 / 20)),
            }
        )
    return items


def website_url(item, ports):
    if item["website"] == "refused":
        return f"http://127.0.0.1:{ports['refused']}/site/{item['number']}"
    return f"http://127.0.0.1:{ports['hosts'][item['host']]}/site/{item['number']}"


def repository_url(item, ports):
    kind = item["repository"]
    if kind.startswith("github"):
        return f"https://github.com/bench-org-{item['number'] % 50}/tool-{item['number']}"
    if kind == "other-host":
        return f"http://127.0.0.1:{ports['hosts'][item['host']]}/code/tool-{item['number']}"
    return ""


# --- the servers ------------------------------------------------------------------------------------


class Quiet(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # a client hanging up is no error here


class Server:
    """One host: a threaded HTTP/1.1 server on a free port of 127.0.0.1, whose ``answer(path)`` says
    ``(status, headers, body, delay)``; it counts the requests it is handling at once."""

    def __init__(self, role, answer, median_ms, sigma, low_ms, high_ms, seed):
        self.role = role
        self.answer = answer
        self.delays = (math.log(median_ms / 1000), sigma, low_ms / 1000, high_ms / 1000)
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.busy = 0
        self.max_busy = 0
        self.current = Counter()  # the paths being answered
        self.max_paths = []  # those being answered when the most were
        self.limited = set()  # the paths answered 429 (the API)
        self.twice = []  # those answered 429 again when asked again
        self.requests = 0
        self.abandoned = 0  # the client hung up before the answer (its timeout)
        self.answer_seconds = 0.0  # the delays served: a host's work, however it is spread
        self.statuses = Counter()
        self.httpd = Quiet(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.httpd.request_queue_size = 64
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()

    def delay(self):
        mu, sigma, low, high = self.delays
        with self.lock:
            return min(high, max(low, self.rng.lognormvariate(mu, sigma)))

    def random(self):
        with self.lock:
            return self.rng.random()

    def enter(self, step, path):
        with self.lock:
            self.busy += step
            if step > 0:
                self.requests += 1
                self.current[path] += 1
                if self.busy > self.max_busy:
                    self.max_busy = self.busy
                    self.max_paths = sorted(self.current.elements())
            else:
                self.current[path] -= 1

    def stats(self):
        return {
            "role": self.role,
            "port": self.port,
            "requests": self.requests,
            "max_busy": self.max_busy,
            "max_paths": self.max_paths,
            "abandoned": self.abandoned,
            "answer_seconds": self.answer_seconds,
            "statuses": dict(self.statuses),
            "twice": self.twice,
        }


def _handler(server):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # connections kept, as real servers do
        # the status and headers, then the body, in two writes: with Nagle's algorithm the body would
        # wait for the client's delayed acknowledgement (40 ms a request)
        disable_nagle_algorithm = True

        def do_GET(self):
            server.enter(1, self.path)
            entered = True
            try:
                status, headers, body, delay = server.answer(self.path)
                delay = server.delay() if delay is None else delay
                started = time.monotonic()
                answered = self._wait(delay)
                with server.lock:
                    server.answer_seconds += time.monotonic() - started
                    if not answered:
                        server.abandoned += 1
                if not answered:
                    self.close_connection = True
                    return
                # done before the answer leaves: the client's next request cannot come earlier, so a
                # thread still finishing this one is not counted with it
                server.enter(-1, self.path)
                entered = False
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
                with server.lock:
                    server.statuses[status] += 1
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            finally:
                if entered:
                    server.enter(-1, self.path)

        def _wait(self, delay):
            """Wait ``delay`` seconds; False as soon as the client hangs up (it gave up)."""
            deadline = time.monotonic() + delay
            while (left := deadline - time.monotonic()) > 0:
                ready, _, _ = select.select([self.connection], [], [], left)
                if ready:
                    try:
                        if not self.connection.recv(1, socket.MSG_PEEK):
                            return False
                    except OSError:
                        return False
                    time.sleep(min(left, 0.05))
            return True

        def log_message(self, format, *args):
            pass

    return Handler


PAGE = (
    b"<!doctype html><html><head><title>A tool</title></head><body>"
    + b"<p>Lorem ipsum.</p>" * 250
    + b"</body></html>"
)
HTML = {"Content-Type": "text/html; charset=utf-8"}
JSON = {"Content-Type": "application/json; charset=utf-8"}


def website_answer(items, ports):
    """What a web host answers: the tools' sites, their redirects, the sites moved there, the pages of
    the repositories hosted there, and 404 for a forge's API (it is no forge)."""
    by_number = {item["number"]: item for item in items}

    def answer(path):
        parts = urlsplit(path).path.strip("/").split("/")
        if parts[0] in ("moved", "code"):
            return 200, HTML, PAGE, None
        if parts[0] != "site" or len(parts) < 2 or not parts[1].isdigit():
            return 404, JSON, b'{"message": "Not Found"}', None
        item = by_number[int(parts[1])]
        kind, step = item["website"], parts[2] if len(parts) > 2 else ""
        base = f"/site/{item['number']}"
        if kind == "redirects":
            if step == "":
                return 301, {"Location": f"{base}/hop"}, b"", None
            if step == "hop":
                return 302, {"Location": f"{base}/home"}, b"", None
            return 200, HTML, PAGE, None
        if kind == "moved":
            target = ports["hosts"][(item["host"] + 1) % len(ports["hosts"])]
            return 301, {"Location": f"http://127.0.0.1:{target}/moved/{item['number']}"}, b"", None
        if kind == "loop":
            return 302, {"Location": base if step else f"{base}/loop"}, b"", None
        if kind == "timeout":
            return 200, HTML, PAGE, TIMEOUT_DELAY
        status = {"not-found": 404, "gone": 410, "server-error": 500, "restricted": 403}.get(kind, 200)
        return status, HTML, PAGE if status == 200 else b"<html>error</html>", None

    return answer


def _iso(days):
    return (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


GITHUB_LINKS = (  # noqa: SIM905  (the *_url fields of a repository in GitHub's answer)
    "assignees branches blobs collaborators comments commits compare contents contributors deployments "
    "downloads events forks git_commits git_refs git_tags hooks issue_comment issue_events issues keys "
    "labels languages merges milestones notifications pulls releases stargazers statuses subscribers "
    "subscription tags teams trees"
).split()


def _github_repository(item, api):
    """A repository as GitHub's REST API describes it (about 5 KB, most of it what the checks skip)."""
    owner, name = f"bench-org-{item['number'] % 50}", f"tool-{item['number']}"
    url = f"{api}/repos/{owner}/{name}"
    links = {f"{key}_url": f"{url}/{key}{{/number}}" for key in GITHUB_LINKS}
    return {
        "id": 100000 + item["number"],
        "node_id": f"R_kgDO{item['number']:08d}",
        "name": name,
        "full_name": f"{owner}/{name}",
        "private": False,
        "owner": {
            "login": owner,
            "id": 5000 + item["number"] % 50,
            "type": "Organization",
            "url": f"{api}/users/{owner}",
            "html_url": f"https://github.com/{owner}",
            "avatar_url": f"https://avatars.githubusercontent.com/u/{5000 + item['number'] % 50}?v=4",
        },
        "html_url": f"https://github.com/{owner}/{name}",
        "description": "A tool for open government: consultations, budgets and open data. " * 2,
        "fork": False,
        "url": url,
        **links,
        "created_at": _iso(item["pushed_days"] + 900),
        "updated_at": _iso(item["pushed_days"]),
        "pushed_at": _iso(item["pushed_days"]),
        "homepage": f"https://{name}.example.org",
        "size": 4000 + item["number"],
        "stargazers_count": item["number"] % 300,
        "watchers_count": item["number"] % 300,
        "language": "Python",
        "has_issues": True,
        "has_projects": True,
        "has_wiki": True,
        "forks_count": item["number"] % 40,
        "archived": item["archived"],
        "disabled": False,
        "open_issues_count": item["open_issues"],
        "license": {
            "key": "agpl-3.0",
            "name": "GNU Affero General Public License v3.0",
            "spdx_id": "AGPL-3.0",
        },
        "topics": ["open-government", "civic-tech", "democracy", "open-data"],
        "visibility": "public",
        "default_branch": "main",
    }


def api_answer(items, api_server):
    """GitHub's REST API for the tools' repositories (those planned on GitHub)."""
    by_name = {f"tool-{item['number']}": item for item in items if item["repository"] == "github"}

    def answer(path):
        api = f"http://127.0.0.1:{api_server[0].port}"
        server = api_server[0]
        if server.random() < RATE_LIMITED:
            with server.lock:
                if path in server.limited:
                    server.twice.append(path)  # the checks ask once again only: this one is lost
                server.limited.add(path)
            body = b'{"message": "You have exceeded a secondary rate limit."}'
            return 429, {**JSON, "Retry-After": "1"}, body, None
        parts = urlsplit(path).path.strip("/").split("/")
        item = by_name.get(parts[2]) if len(parts) >= 3 and parts[0] == "repos" else None
        missing = (
            404,
            JSON,
            b'{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}',
            None,
        )
        if item is None:
            return missing
        rest = parts[3:]
        if not rest:
            return 200, JSON, json.dumps(_github_repository(item, api)).encode(), None
        if rest == ["releases", "latest"]:
            if item["release_days"] is None:
                return missing
            version = f"v{1 + item['number'] % 5}.{item['number'] % 13}.0"
            release = {
                "url": f"{api}/repos/x/releases/{item['number']}",
                "tag_name": version,
                "name": version,
                "draft": False,
                "prerelease": False,
                "created_at": _iso(item["release_days"]),
                "published_at": _iso(item["release_days"]),
                "body": "Fixes and improvements. " * 40,
                "assets": [],
            }
            return 200, JSON, json.dumps(release).encode(), None
        if rest == ["issues"]:
            if item["issues_days"] is None:
                return 200, JSON, b"[]", None
            issue = {
                "number": 1 + item["number"] % 200,
                "title": "The export misses a column",
                "state": "open",
                "user": {"login": "someone", "id": 42},
                "labels": [{"name": "bug"}],
                "comments": 3,
                "created_at": _iso(item["issues_days"] + 30),
                "updated_at": _iso(item["issues_days"]),
                "body": "When I export the list, the last column is missing. " * 20,
            }
            return 200, JSON, json.dumps([issue]).encode(), None
        return missing

    return answer


def serve(args):
    """The servers, until this process's stdin is closed; then their counts, as one line of JSON."""
    items = plan(args.tools, args.hosts, args.seed)
    rng = random.Random(args.seed + 1)
    ports = {"hosts": []}
    hosts = []
    for number in range(args.hosts):
        # each host its own median: some quick, some slow
        median = min(500, max(40, rng.lognormvariate(math.log(150), 0.5)))
        hosts.append(
            Server(
                f"host-{number}", website_answer(items, ports), median, 0.6, 20, 800, args.seed + 10 + number
            )
        )
        ports["hosts"].append(hosts[-1].port)
    holder = []
    holder.append(Server("api", api_answer(items, holder), 120, 0.4, 50, 300, args.seed + 2))
    ports["api"] = holder[0].port
    refused = socket.socket()  # bound and never listening: every connection is refused
    refused.bind(("127.0.0.1", 0))
    ports["refused"] = refused.getsockname()[1]
    ports["medians_ms"] = [round(math.exp(server.delays[0]) * 1000) for server in hosts]
    print(json.dumps(ports), flush=True)
    sys.stdin.read()
    stats = [server.stats() for server in [*hosts, *holder]]
    print(json.dumps({"servers": stats, "cpu_s": _cpu()}), flush=True)


# --- the checks, in a process of their own -----------------------------------------------------------


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _local_only():
    """No name but this machine's resolves in this process: nothing can reach the network."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", b"127.0.0.1", b"localhost"):
            raise socket.gaierror(socket.EAI_NONAME, f"bench/vitality.py: {host!r} is not asked")
        return real(host, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo


def check(args):
    """``run()`` then ``assess()``, as ``manage.py check_vitality`` does; one line of JSON."""
    _local_only()
    _setup()
    from django.conf import settings
    from django.db import connection

    from pages import registry
    from pages.relations import visible
    from vitality import assess, checks

    markers = Path(args.markers)
    # a last look before asking anything: every address the pages name is one of the bench's
    for page_type in registry.page_types():
        for page in visible(page_type.model.objects.all()).iterator():
            for _field, url in checks.addresses_of(page):
                host = urlsplit(url).hostname
                if host not in ("127.0.0.1", "github.com"):
                    sys.exit(f"{url}: not a bench address; nothing asked")
    from core import freshness

    queries = Counter()
    bumps = Counter()
    phase = ["run"]
    bump = freshness.bump

    def counted_bump():
        bumps[phase[0]] += 1
        return bump()

    freshness.bump = counted_bump  # what caching/invalidation.py and assess() call

    def count(execute, sql, params, many, context):
        queries[phase[0]] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()

    def progress(total):
        done = [0]
        step = max(1, total // 10)

        def advance():
            done[0] += 1
            if done[0] % step == 0 or done[0] == total:
                log(f"  checked {done[0]:,}/{total:,} addresses ({time.perf_counter() - started:.0f} s)")

        return advance

    rss_before = _rss_mb()
    cpu = _cpu()
    (markers / "run-started").touch()
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        run = checks.run(progress=progress)
    run_s = time.perf_counter() - started
    run_cpu = _cpu() - cpu
    peak_run = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    (markers / "run-finished").touch()
    log("  assess()…")
    phase[0] = "assess"
    cpu = _cpu()
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        scored = assess.assess()
    assess_s = time.perf_counter() - started
    assess_cpu = _cpu() - cpu
    (markers / "assess-finished").touch()
    result = {
        "run_s": run_s,
        "run_cpu_s": run_cpu,
        "assess_s": assess_s,
        "assess_cpu_s": assess_cpu,
        "finished": run.finished_at is not None,
        "total": run.total,
        "checked": run.checked,
        "answered": run.answered,
        "failed": run.failed,
        "unknown": run.unknown,
        "tools": scored["tools"],
        "changed": scored["changed"],
        "queries": dict(queries),
        "bumps": dict(bumps),
        "rss_before_mb": rss_before,
        "peak_run_mb": peak_run,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "settings": {
            name: getattr(settings, name)
            for name in (
                "VITALITY_PER_HOST",
                "VITALITY_CONCURRENCY",
                "VITALITY_MAX_WAIT",
                "VITALITY_CONNECT_TIMEOUT",
                "VITALITY_READ_TIMEOUT",
            )
        },
    }
    print(json.dumps(result), flush=True)


# --- this process: the site, the tools, the visitor -------------------------------------------------


def build(items, ports):
    """The tool pages, published, in the French tools section, each with its addresses."""
    from django.db import transaction
    from wagtail.models import Locale

    from bench.catalogue import _create_batch
    from pages import registry
    from pages.tools import ToolPage
    from snippets.models import Audience, Category, Licence

    page_type = registry.get("tool")
    locale = Locale.objects.get(language_code="fr")
    parent = page_type.parent_model.objects.get(locale=locale)
    rng = random.Random(2016)
    terms = {Category: [], Audience: [], Licence: []}
    done = 0
    while done < len(items):
        size = min(500, len(items) - done)
        with transaction.atomic():
            _create_batch(rng, "tool", page_type.model, parent, locale, size, terms)
        done += size
    pages = list(
        ToolPage.objects.filter(slug__startswith="bench-tool-fr-").order_by("pk").values_list("pk", flat=True)
    )
    assert len(pages) == len(items), (len(pages), len(items))
    with transaction.atomic():
        for pk, item in zip(pages, items, strict=True):
            ToolPage.objects.filter(pk=pk).update(
                website=website_url(item, ports), source_code_url=repository_url(item, ports)
            )
    return pages


def visit(client, paths, until, phase_of):
    """The visitor, every ``PACE`` s until ``until()``: the trivial view, a tool page through the
    whole-answer cache, the same page without it. Returns ``[(phase, label, ms, cache hit, time)]``."""
    from django.test import override_settings

    samples = []
    number = 0
    while not until():
        path = paths[number % len(paths)]
        number += 1
        for label, address, cached in (
            ("trivial", TRIVIAL, True),
            ("cached", path, True),
            ("page", path, False),
        ):
            phase = phase_of()
            with override_settings(PAGE_CACHE=cached):
                started = time.perf_counter()
                response = client.get(address)
                elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                sys.exit(f"{address}: HTTP {response.status_code}")
            hit = response.get("X-Page-Cache") == "hit"
            samples.append((phase, label, elapsed, hit, time.time()))
        time.sleep(PACE)
    return samples


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def compare(items, ports):
    """What the checks found for each planted behaviour: ``{(field, planted): Counter((state, reason))}``,
    and the GitHub repositories whose release or issue activity was planted but not recorded."""
    from vitality.models import Address, Vitality

    found = {
        # a rate-limited address keeps what an earlier check found (here: nothing) until asked again
        url: (state, reason, repo) if state else ("no result", "asked to come back later", None)
        for url, state, reason, repo in Address.objects.values_list("url", "state", "reason", "repository")
    }
    outcomes = {}
    lost = Counter()
    for item in items:
        website = found.get(website_url(item, ports))
        outcomes.setdefault(("website", item["website"]), Counter())[
            website[:2] if website else ("-", "not checked")
        ] += 1
        if item["repository"] != "none":
            repository = found.get(repository_url(item, ports))
            outcomes.setdefault(("repository", item["repository"]), Counter())[
                repository[:2] if repository else ("-", "not checked")
            ] += 1
            if item["repository"] == "github" and repository and repository[1] == "ok":
                facts = repository[2] or {}
                for fact, planted in (("release", "release_days"), ("issues", "issues_days")):
                    if item[planted] is not None and not facts.get(f"{fact}_at"):
                        # marked unknown (its request could not be read): not scored as absent
                        lost[f"{fact} unknown" if facts.get(f"{fact}_unknown") else fact] += 1
                lost["archived"] += item["archived"] != facts.get("archived")
    bands = Counter(Vitality.objects.values_list("band", flat=True))
    return outcomes, lost, bands


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite in {tempfile.gettempdir()}; load average at start {load}"
    )


def commit():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "?"


def report(args, description, result, servers, samples, outcomes, lost, bands, attention):
    websites = [server for server in servers if server["role"].startswith("host-")]
    api = next(server for server in servers if server["role"] == "api")
    requests = sum(server["requests"] for server in servers)
    each = [server["requests"] for server in websites]
    known = result["settings"]
    per_host = known["VITALITY_PER_HOST"]
    at_most = max(server["max_busy"] for server in websites)
    reached = sum(server["max_busy"] == at_most for server in websites)
    api_floor = api["answer_seconds"] / per_host
    limited = api["statuses"].get("429", 0)
    run_queries = result["queries"].get("run", 0)
    peak = (
        f"**{result['peak_mb']:.0f} MB** ({result['rss_before_mb']:.0f} MB before `run()`, "
        f"{result['peak_run_mb']:.0f} MB at its end)"
    )
    bumps = result["bumps"]
    lines = [
        f"### {args.tools:,} tools, {args.hosts} web hosts, SQLite",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}. {description}.",
        f"Settings: `VITALITY_PER_HOST={per_host}`, `VITALITY_CONCURRENCY={known['VITALITY_CONCURRENCY']}`, "
        f"read timeout {known['VITALITY_READ_TIMEOUT']:g} s, "
        f"`VITALITY_MAX_WAIT={known['VITALITY_MAX_WAIT']:g}`; the check process, the servers and the "
        "visitor share the machine.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| addresses checked (websites, repositories) | {result['checked']:,} of {result['total']:,} |",
        f"| answer / fail / could not check | "
        f"{result['answered']:,} / {result['failed']:,} / {result['unknown']:,} |",
        f"| requests the servers received | {requests:,} |",
        f"| ... the GitHub API | {api['requests']:,} (429: {limited}) |",
        f"| ... the {len(websites)} web hosts | {sum(each):,} ({min(each)} to {max(each)} a host) |",
        f"| most requests at once, any web host | **{at_most}** ({reached} of {len(websites)} hosts) |",
        f"| most requests at once, the GitHub API | **{api['max_busy']}** |",
        f"| checks, `run()`: wall time | **{result['run_s']:.1f} s** |",
        f"| ... the API's answer time / {per_host} (the floor at {per_host} at once) | {api_floor:.1f} s |",
        f"| ... CPU time (all threads) | {result['run_cpu_s']:.1f} s |",
        f"| ... queries | {run_queries:,} ({run_queries / max(result['checked'], 1):.1f} an address) |",
        f"| ... content generations started (every cached answer stale) | {bumps.get('run', 0):,} |",
        f"| scores, `assess()`: wall time | **{result['assess_s']:.2f} s** ({result['tools']:,} tools) |",
        f"| ... CPU time | {result['assess_cpu_s']:.2f} s |",
        f"| ... queries | {result['queries'].get('assess', 0):,} |",
        f"| ... content generations started | {bumps.get('assess', 0):,} |",
        f"| peak RSS of the check process | {peak} |",
        f"| CPU time of the servers' process ({len(servers)} servers) | {result['servers_cpu_s']:.1f} s |",
        "",
        "A visitor meanwhile (the Django test client, in its own process; every "
        f"{PACE:g} s the trivial view, a tool page through the whole-answer cache, the same page "
        "without it; ten tool pages in turn):",
        "",
        "| while | rounds | trivial p50 ms | p95 | cached page p50 ms | p95 | cache hits "
        "| uncached page p50 ms | p95 | uncached / trivial (p50) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = {
        "before": "idle, before the checks",
        "run": "checks running (`run()`)",
        "assess": "scores being written (`assess()`)",
        "after": "idle, after (vitality shown)",
    }
    for phase, name in names.items():
        times = {
            label: [ms for p, kind, ms, _hit, _at in samples if p == phase and kind == label]
            for label in ("trivial", "cached", "page")
        }
        if not all(times.values()):
            lines.append(f"| {name} | 0 | | | | | | | | |")
            continue
        hits = sum(hit for p, kind, _ms, hit, _at in samples if p == phase and kind == "cached")
        cells = [name, str(len(times["page"]))]
        for label in ("trivial", "cached", "page"):
            cells += [f"{statistics.median(times[label]):.1f}", f"{percentile(times[label], 0.95):.1f}"]
            if label == "cached":
                cells.append(f"{hits / len(times['cached']):.0%}")
        cells.append(f"{statistics.median(times['page']) / statistics.median(times['trivial']):.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "What was planted, and what the checks found:",
        "",
        "| address | planted | count | found |",
        "|---|---|---:|---|",
    ]
    for (field, planted), found in sorted(outcomes.items()):
        expected = (EXPECTED_WEBSITE if field == "website" else EXPECTED_REPOSITORY)[planted]
        cells = ", ".join(
            f"{outcome[0]} {outcome[1]}: {count}"
            if outcome == expected
            else f"**{outcome[0]} {outcome[1]}: {count}**"
            for outcome, count in found.most_common()
        )
        lines.append(f"| {field} | {planted} | {sum(found.values())} | {cells} |")
    twice = ", ".join(f"`{path}`" for path in api["twice"]) or "none"
    lines += [
        "",
        f"Answered 429 twice in a row (the second time after the wait): {twice}. "
        f"GitHub repositories answered, but a planted fact not recorded: release {lost['release']}, "
        f"issue activity {lost['issues']}, archived flag {lost['archived']} (and marked unknown, so not "
        f"scored as absent: release {lost['release unknown']}, issue activity {lost['issues unknown']}). "
        f"Bands: {', '.join(f'{band} {count}' for band, count in bands.most_common())}. "
        f"Needs attention: {', '.join(f'{kind} {count}' for kind, count in attention.most_common())}.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", type=int, help="tool pages (default 1,200; --quick: 200)")
    parser.add_argument("--quick", action="store_true", help="200 tools: a sanity run")
    parser.add_argument("--hosts", type=int, help="web hosts (default: one for 30 tools)")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--samples", help="write every visit (phase, what, ms, cache hit, time) to this file")
    parser.add_argument("--phase", choices=["serve", "check"], help=argparse.SUPPRESS)
    parser.add_argument("--markers", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.tools = args.tools or (200 if args.quick else 1200)
    args.hosts = args.hosts or max(4, round(args.tools / 30))
    if args.phase == "serve":
        return serve(args)
    if args.phase == "check":
        return check(args)

    description = machine()
    with tempfile.TemporaryDirectory(prefix="vitality-bench-") as folder:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="bench.settings",
            DATABASE_URL=f"sqlite:///{folder}/vitality-bench.sqlite3",
            SITE_URL=SITE_URL,
            BENCH_FRESHNESS_FILE=f"{folder}/freshness",
            PAGE_CACHE="1",  # the visitor asks with and without it (``visit``)
            HARVEST_PRIVATE_ADDRESSES="1",  # the servers are on 127.0.0.1
        )
        for name in (
            "OPENSEARCH_URL",
            "ELASTICSEARCH_URL",
            "SEARCH_ENGINE_REQUIRED",
            "REDIS_URL",
            "VITALITY_FORGE_TOKENS",
        ):
            os.environ.pop(name, None)
        own = [
            sys.executable,
            __file__,
            "--tools",
            str(args.tools),
            "--hosts",
            str(args.hosts),
            "--seed",
            str(args.seed),
        ]
        log(f"servers: {args.hosts} web hosts and the GitHub API on 127.0.0.1")
        servers = subprocess.Popen(
            [*own, "--phase", "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        try:
            ports = json.loads(servers.stdout.readline())
            log(f"  host medians: {min(ports['medians_ms'])} to {max(ports['medians_ms'])} ms")
            # production's static files middleware looks for the hashed files bench/pages.py collects
            warnings.filterwarnings("ignore", message="No directory at")
            _setup()
            from django.conf import settings
            from django.core.management import call_command
            from django.test import Client, override_settings

            log("database: migrate, bootstrap")
            with redirect_stdout(sys.stderr):
                call_command("migrate", verbosity=0, interactive=False)
                call_command("bootstrap", verbosity=0)
            items = plan(args.tools, args.hosts, args.seed)
            log(f"{args.tools:,} tool pages")
            built = time.perf_counter()
            pages = build(items, ports)
            log(f"  built in {time.perf_counter() - built:.1f} s")

            from pages.tools import ToolPage

            # the static files as they are, not hashed (no collectstatic into the checkout): the page's
            # work is the same but for a manifest lookup
            plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
            override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
            client = Client(HTTP_HOST="127.0.0.1")
            paths = [ToolPage.objects.get(pk=pk).url for pk in pages[:: max(1, len(pages) // 10)][:10]]
            for path in paths * 2 + [TRIVIAL] * 20:
                status = client.get(path).status_code
                if status != 200:
                    sys.exit(f"{path}: HTTP {status}")
            log(f"visitor, idle ({IDLE_ROUNDS} rounds)")
            rounds = iter(range(IDLE_ROUNDS))
            samples = visit(client, paths, lambda: next(rounds, None) is None, lambda: "before")

            markers = Path(folder)

            def phase_of():
                if (markers / "assess-finished").exists():
                    return "after-assess"
                if (markers / "run-finished").exists():
                    return "assess"
                if (markers / "run-started").exists():
                    return "run"
                return "starting"

            log("checks: run(), then assess(), in a process of their own; the visitor goes on")
            env = dict(os.environ, VITALITY_GITHUB_API=f"http://127.0.0.1:{ports['api']}")
            checking = subprocess.Popen(
                [*own, "--phase", "check", "--markers", folder], stdout=subprocess.PIPE, text=True, env=env
            )
            samples += visit(client, paths, lambda: checking.poll() is not None, phase_of)
            out = checking.communicate()[0]
            if checking.returncode:
                sys.exit(f"the check process failed (exit status {checking.returncode})")
            result = json.loads(out.strip().splitlines()[-1])
            log(f"visitor, idle again ({IDLE_ROUNDS} rounds)")
            rounds = iter(range(IDLE_ROUNDS))
            samples += visit(client, paths, lambda: next(rounds, None) is None, lambda: "after")
            outcomes, lost, bands = compare(items, ports)
            from vitality.models import Attention

            attention = Counter(Attention.objects.filter(active=True).values_list("kind", flat=True))
        finally:
            servers.stdin.close()
            lines = servers.stdout.read().strip().splitlines()
            servers.wait(timeout=30)
        stats = json.loads(lines[-1])
        result["servers_cpu_s"] = stats["cpu_s"]
        stats = stats["servers"]
    for server in stats:
        if server["max_busy"] > result["settings"]["VITALITY_PER_HOST"]:
            log(f"  {server['role']}: {server['max_busy']} at once: {', '.join(server['max_paths'])}")
    if args.samples:
        Path(args.samples).write_text("".join(json.dumps(sample) + "\n" for sample in samples))
    print(report(args, description, result, stats, samples, outcomes, lost, bands, attention))


if __name__ == "__main__":
    main()
