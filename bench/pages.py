"""Requests/s and latency of each page type, uncached and cached, beside a trivial view: ``wrk``.

Serves the site with gunicorn (2 sync workers, the production settings on plain http, DEBUG off,
``bench.settings``) on a free port of 127.0.0.1, once with ``PAGE_CACHE=0`` and once with the
whole-answer cache on, and loads each address with ``wrk -t2 -c<n> -d<s>s --latency`` at each
concurrency, after warm-up requests and with the workers idle. Every rate is also given as a share
of the trivial view's (``/bench/trivial/``, same server, same concurrency, same run): the machine's
load weighs on both.
Then publish trials: a real Wagtail revision publish of a tool page from this process, and the time
until the running site serves its new title.

The synthetic catalogue (bench/catalogue.py) lives in a database of its own per scale: a SQLite file
``.bench-pages-<scale>.sqlite3`` or the PostgreSQL database ``toolbox_bench_pages_<scale>``::

    .venv/bin/python bench/pages.py --scale 1 --database sqlite --build-only
    .venv/bin/python bench/pages.py --scale 1 --database sqlite --skip-build > table.md

The table goes to stdout, progress to stderr. Never part of the test run.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, redirect_stdout
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import wrk  # noqa: E402
from bench.search import GUNICORN, free_port, prepare, setup_django  # noqa: E402

TRIVIAL = ("trivial view", "/bench/trivial/")
# measured again after the pages: on a shared machine its rate moves within a run, and the ceiling
# each page is compared with is the mean of both
TRIVIAL_AGAIN = ("trivial view, again after the pages", TRIVIAL[1])
MODES = ("uncached", "cached")
POSTGRES = "postgres://postgres@127.0.0.1:5432"
SEARCH_WORD = "transparence"
# below this many answers in a run, its rate and percentiles say little: the table says how many
FEW = 30


def log(text):
    print(text, file=sys.stderr, flush=True)


def scale_name(scale):
    return f"{scale:g}".replace(".", "_")


def database_url(database, scale):
    if database == "sqlite":
        return f"sqlite:///{ROOT / f'.bench-pages-{scale_name(scale)}.sqlite3'}"
    return f"{POSTGRES}/toolbox_bench_pages_{scale_name(scale)}"


def configure(args):
    """This process's environment, inherited by the servers: the bench database, cache and generation."""
    key = f"bench-pages-{args.database}-{scale_name(args.scale)}"
    # here, not at import: the tests import this module and must not hand its settings to their servers
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = database_url(args.database, args.scale)
    os.environ["BENCH_FRESHNESS_FILE"] = f".bench-freshness-{key}"
    # the database search backend: the engine of another run must not answer for this catalogue
    for name in ("OPENSEARCH_URL", "ELASTICSEARCH_URL", "SEARCH_ENGINE_REQUIRED", "REDIS_URL"):
        os.environ.pop(name, None)
    if args.redis:
        # shared by both workers and this process: the cache and the generation bumped by a publish
        os.environ["REDIS_URL"] = args.redis
        os.environ["CACHE_KEY_PREFIX"] = key


def create_postgres_database(scale):
    import psycopg

    name = f"toolbox_bench_pages_{scale_name(scale)}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            log(f"created the PostgreSQL database {name}")


def build(args):
    from django.core.management import call_command

    started = time.perf_counter()
    with redirect_stdout(sys.stderr):
        call_command("migrate", verbosity=0)
        call_command("bootstrap", verbosity=0)
        log("loading the demo catalogue (its taxonomy is what the synthetic pages use)")
        call_command("load_demo", verbosity=0)
        prepare(args.scale, reindex=True)
        collect_static()
    log(f"built in {time.perf_counter() - started:.0f} s")


def collect_static():
    """The hashed static files of this checkout (only the changed ones are copied again): a template
    naming a file missing from the manifest would answer 500."""
    from django.core.management import call_command

    log("collecting static files (hashed, as in production)")
    call_command("collectstatic", interactive=False, verbosity=0)


def addresses():
    """``[(label, path)]``: one address of each page type, found in the bench catalogue."""
    from django.db.models import Count
    from wagtail.models import Page

    from pages.hackathons import HackathonPage, HackathonProjectPage
    from pages.organisations import OrganisationPage
    from pages.relations import visible
    from pages.terms import term_url
    from pages.tools import ToolIndexPage, ToolPage
    from pages.use_cases import UseCasePage
    from snippets.models import Category

    def first(model, synthetic=True):
        pages = visible(model.objects.filter(locale__language_code="fr")).order_by("pk")
        if synthetic:
            pages = pages.filter(slug__startswith="bench-")
        return pages.first()

    index = ToolIndexPage.objects.get(locale__language_code="fr")
    category = (
        Category.objects.filter(locale__language_code="fr")
        .annotate(uses=Count("tools"))
        .order_by("-uses", "pk")
        .first()
    )
    found = [
        ("home", "/fr/"),
        ("tool page", first(ToolPage).url),
        ("tool directory", index.url),
        (f"search `{SEARCH_WORD}`", f"/fr/search/?q={SEARCH_WORD}"),
        ("use case page", first(UseCasePage).url),
        ("organisation page", first(OrganisationPage).url),
    ]
    # not in the synthetic catalogue: the demo's, when it has them
    for label, model in (("hackathon page", HackathonPage), ("hackathon project page", HackathonProjectPage)):
        if page := first(model, synthetic=False):
            found.append((label, page.url))
    found += [
        ("term page (category)", term_url(category, "fr")),
        ("recent changes feed", "/fr/recent-changes/feed/"),
        ("sitemap (pages section)", "/sitemap-pages.xml"),
        ("API list of tools", "/api/v1/tools?language=fr"),
        ("export of use cases (CSV)", "/fr/export/use-cases.csv"),
    ]
    pages = Page.objects.filter(slug__startswith="bench-").count()
    return found, pages


@contextmanager
def gunicorn(**env):
    """The site served by 2 sync workers on a free port of 127.0.0.1 (site/gunicorn.conf.py's settings,
    without its access log, which would be written for each of the thousands of requests): its base URL."""
    port = free_port()
    command = [str(GUNICORN), "cms.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "-k", "sync"]
    command += ["--timeout", "60", "--forwarded-allow-ips", "127.0.0.1", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ, **env))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                sys.exit(f"gunicorn stopped (exit status {server.returncode})")
            try:
                urllib.request.urlopen(base + TRIVIAL[1], timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    sys.exit("gunicorn did not answer within 60 s")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def get(url, timeout=60):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def warm(url, requests=4):
    """A few requests over two connections at once, so that each worker has served the address (its
    own caches filled), all finished before the measure starts."""
    with ThreadPoolExecutor(2) as pool:
        return [status for status, _body in pool.map(get, [url] * requests)]


def drain(base, quick_ms=100, limit=120):
    """Wait until the workers are idle. A sync worker cannot see that wrk has closed a connection: the
    requests still queued when a run ends are served anyway, and would be counted against the next
    address (at scale 10 the sitemap takes 11 s a request: up to 90 s of backlog after 16
    connections). Two trivial requests at once, answered quickly, say that no worker was busy."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.perf_counter()
        warm(base + TRIVIAL[1], requests=2)
        if (time.perf_counter() - started) * 1000 < quick_ms:
            return


def measure(base, paths, concurrencies, seconds):
    """``{(concurrency, label): wrk.Result}`` for the trivial view and each address."""
    results = {}
    for concurrency in concurrencies:
        for label, path in [TRIVIAL, *paths, TRIVIAL_AGAIN]:
            statuses = warm(base + path)
            if set(statuses) != {200}:
                log(f"  ! {label} {path}: HTTP {sorted(set(statuses))}")
            result = wrk.run(base + path, concurrency, seconds)
            drain(base)
            results[concurrency, label] = result
            errors = f", {result.errors} errors" if result.errors else ""
            log(
                f"  c{concurrency} {label}: {result.requests_per_second:.1f} req/s "
                f"({result.requests} answers), p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms{errors}"
            )
    return results


def publish_trials(base, trials, timeout=5.0):
    """``(visible_ms, publish_ms, stale)``: per trial, the time from ``publish()``'s return until the
    site serves the new title of the page (``None``: still stale after ``timeout`` seconds), the
    time ``publish()`` took, and in all the number of answers sent after ``publish()`` returned that
    still had the old title (the invalidation's misses: a new answer takes one render)."""
    from pages.relations import visible
    from pages.tools import ToolPage

    # not the tool page the rates are measured on, so that its title stays the same from run to run
    tools = ToolPage.objects.filter(locale__language_code="fr", slug__startswith="bench-")
    tool = visible(tools).order_by("pk")[1]
    original = tool.title
    url = base + tool.url
    visible_ms, publish_ms, stale = [], [], 0
    for trial in range(trials):
        for _ in range(4):  # the old title in the cache of both workers, if they cache
            get(url)
        page = ToolPage.objects.get(pk=tool.pk)
        page.title = f"{original} publish{trial}x{uuid.uuid4().hex[:8]}"
        revision = page.save_revision()
        started = time.perf_counter()
        revision.publish()
        published = time.perf_counter()
        publish_ms.append((published - started) * 1000)
        wanted = page.title.encode()
        seen = None
        while time.perf_counter() - published < timeout:
            if wanted in get(url)[1]:
                seen = (time.perf_counter() - published) * 1000
                break
            stale += 1
            time.sleep(0.003)
        visible_ms.append(seen)
        shown = "stale" if seen is None else f"{seen:.1f} ms"
        log(f"  publish trial {trial + 1}: publish() {publish_ms[-1]:.1f} ms, new title served after {shown}")
    page = ToolPage.objects.get(pk=tool.pk)
    page.title = original
    page.save_revision().publish()
    return visible_ms, publish_ms, stale


def machine(database):
    from django.db import connection

    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    memory = next((int(line.split()[1]) // 1024 for line in meminfo if line.startswith("MemTotal")), 0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    engine = version if connection.vendor == "postgresql" else f"SQLite {version}"
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("[")[0].strip()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:,} MB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {engine}, {wrk_version}; load average at start {load}"
    )


# formatting: pure functions of the numbers (tests/bench/test_wrk_table.py)


def rate(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def duration(value):
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def share(value):
    """A rate as a share of the trivial view's: ``0.0421`` → ``"4.2 %"``."""
    percent = value * 100
    return f"{percent:.2f} %" if percent < 1 else f"{percent:.1f} %" if percent < 10 else f"{percent:.0f} %"


def cells(result, trivial):
    errors = f" ({result.errors} errors)" if result.errors else ""
    if result.requests < FEW:
        errors += f" (n={result.requests})"
    ceiling = trivial.requests_per_second
    return [
        rate(result.requests_per_second) + errors,
        duration(result.p50_ms),
        duration(result.p99_ms),
        share(result.requests_per_second / ceiling) if ceiling else "-",
    ]


def table(results, labels, concurrencies):
    """Markdown rows: per page and concurrency, each mode's rate, p50, p99 and share of the trivial
    view's rate at the same concurrency in the same mode. ``results[mode][concurrency, label]``."""
    header = ["page", "c"]
    for mode in MODES:
        header += [f"{mode} req/s", "p50 ms", "p99 ms", "of trivial"]
    lines = ["| " + " | ".join(header) + " |", "|---|---:|" + "---:|" * (len(header) - 2)]
    for label in labels:
        for concurrency in concurrencies:
            row = [label, str(concurrency)]
            for mode in MODES:
                row += cells(results[mode][concurrency, label], ceiling(results[mode], concurrency))
            lines.append("| " + " | ".join(row) + " |")
    return lines


def ceiling(results, concurrency):
    """The trivial view's result at ``concurrency``, its rate the mean of its runs before and after."""
    runs = [
        results[key] for key in ((concurrency, TRIVIAL[0]), (concurrency, TRIVIAL_AGAIN[0])) if key in results
    ]
    mean = statistics.mean(run.requests_per_second for run in runs)
    return wrk.Result(mean, runs[0].p50_ms, runs[0].p99_ms, runs[0].requests, runs[0].errors)


def publish_summary(visible_ms, publish_ms, stale_answers):
    seen = [value for value in visible_ms if value is not None]
    stale = len(visible_ms) - len(seen)
    served = f"median {statistics.median(seen):.1f} ms, max {max(seen):.1f} ms" if seen else "never"
    if stale:
        served += f" ({stale} of {len(visible_ms)} trials still stale after the timeout)"
    return (
        f"Publish → the new title served (cached server, {len(visible_ms)} trials, polled every 3 ms): "
        f"{served}; `publish()` itself: median {statistics.median(publish_ms):.1f} ms, "
        f"max {max(publish_ms):.1f} ms; answers with the old title after `publish()` returned: "
        f"{stale_answers}."
    )


def report(args, paths, pages, results, trials, description):
    label = f" — {args.label}" if args.label else ""
    database = "SQLite" if args.database == "sqlite" else "PostgreSQL"
    cache = f"Redis ({args.redis})" if args.redis else "local memory per worker, generation in a file"
    lines = [
        f"### Scale {args.scale:g} ({pages:,} synthetic pages), {database}{label}",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. {description}.",
        f"gunicorn, 2 sync workers, `bench.settings` (production, DEBUG off); cache: {cache}. "
        f"`wrk -t2 -c<c> -d{args.duration}s --latency` after a warm-up of each address; "
        "“of trivial”: the rate as a share of the trivial view's (the mean of its runs before and after "
        "the pages), same server, same concurrency.",
        "",
        *table(results, [TRIVIAL[0], *(label for label, _path in paths), TRIVIAL_AGAIN[0]], args.concurrency),
        "",
    ]
    if trials:
        lines += [publish_summary(*trials), ""]
    lines += ["Addresses: " + ", ".join(f"{label} `{path}`" for label, path in [TRIVIAL, *paths]), ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1, help="1 = the 2016 catalogue; 10 = 10 times it")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[4, 16], help="wrk connections")
    parser.add_argument("--duration", type=int, default=3, help="seconds of each wrk run")
    parser.add_argument("--trials", type=int, default=5, help="publish trials")
    parser.add_argument("--build-only", action="store_true", help="build the database, measure nothing")
    parser.add_argument(
        "--skip-build", action="store_true", help="keep the catalogue (only migrate, collect static files)"
    )
    parser.add_argument("--redis", help="a Redis URL shared by the workers (e.g. redis://127.0.0.1:6379/9)")
    parser.add_argument("--label", default="", help="words added to the table's title")
    args = parser.parse_args()
    configure(args)
    if args.database == "postgresql":
        create_postgres_database(args.scale)
    setup_django()
    if args.skip_build:
        from django.core.management import call_command

        # this checkout's migrations and static files on the existing catalogue
        with redirect_stdout(sys.stderr):
            call_command("migrate", verbosity=0)
            collect_static()
    else:
        build(args)
    if args.build_only:
        return
    started = time.perf_counter()
    paths, pages = addresses()
    if not pages:
        sys.exit("The bench database holds no synthetic pages: run without --skip-build first.")
    description = machine(args.database)
    results = {}
    trials = None
    for mode in MODES:
        log(f"{mode}: gunicorn with PAGE_CACHE={int(mode == 'cached')}")
        with gunicorn(PAGE_CACHE=str(int(mode == "cached"))) as base:
            results[mode] = measure(base, paths, args.concurrency, args.duration)
            if mode == "cached" and args.trials:
                trials = publish_trials(base, args.trials)
    print(report(args, paths, pages, results, trials, description))
    log(f"measured in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
