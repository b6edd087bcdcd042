"""Search latency at the 2016 scale and at 100x, on PostgreSQL: ``python bench/search.py --scale 100``.

Needs a PostgreSQL database of its own whose name contains "bench" (it is filled with synthetic
pages), for example::

    createdb -h 127.0.0.1 -U postgres toolbox_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/toolbox_bench .venv/bin/python bench/search.py --scale 1
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/toolbox_bench .venv/bin/python bench/search.py --scale 100

Each run migrates, bootstraps, tops the synthetic catalogue up to the asked scale, rebuilds the search
index, then times a mixed query set through the search backend directly (``search.service``) and
through the running site (gunicorn on 127.0.0.1, HTTP requests from this process), and prints a
table of p50/p95 latencies in milliseconds.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DEBUG", "false")

# (label, language, query parameters); "one word" rows are the ones the target is about
QUERIES = [
    # one-word queries from the most frequent domain word to rarer ones (see bench/catalogue.py)
    ("one word", "fr", {"q": "outils"}),
    ("one word", "fr", {"q": "consultation"}),
    ("one word", "fr", {"q": "transparence"}),
    ("one word", "fr", {"q": "archives"}),
    ("one word", "en", {"q": "portals"}),
    ("one word", "en", {"q": "elections"}),
    ("one word", "es", {"q": "herramientas"}),
    ("one word", "es", {"q": "justicia"}),
    ("two words", "fr", {"q": "budget participatif"}),
    ("two words", "es", {"q": "datos abiertos"}),
    ("phrase", "fr", {"q": '"données ouvertes"'}),
    ("word + filters", "fr", {"q": "transparence", "kind": "tool", "country": "FR"}),
    ("filters only", "en", {"kind": "use-case", "country": "SN"}),
    ("all languages", "fr", {"q": "budget", "languages": "all"}),
    ("misspelt", "fr", {"q": "transparance"}),
]
MATCHES = {}
SUGGEST = [("autocomplete", "fr", {"q": "plat"}), ("autocomplete", "en", {"q": "dem"})]


def percentile(samples, fraction):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def setup_django():
    import django

    django.setup()


def prepare(scale, reindex=True):
    from django.core.management import call_command
    from wagtail.models import Page

    from bench import catalogue
    from cms.progress import Progress
    from search import rebuild

    call_command("migrate", verbosity=0)
    call_command("bootstrap", verbosity=0)
    wanted = sum(count for _kind, _language, count in catalogue.plan(scale))
    existing = Page.objects.filter(slug__startswith="bench-").count()
    if existing < wanted:
        if existing:
            sys.exit(
                f"This database holds {existing} benchmark pages, fewer than the {wanted} asked for: "
                "use a fresh database (or the scale it was made with)."
            )
        out = _Out()
        progress = Progress(out, wanted, "Generating pages")
        catalogue.generate(scale, progress=progress.advance)
        progress.finish()
    if not reindex:
        from search.models import SearchDocument

        return SearchDocument.objects.count()
    rebuilt = Progress(_Out(), rebuild.count(), "Indexing")
    summary = rebuild.rebuild(progress=rebuilt.advance)
    rebuilt.finish()
    print(rebuild.describe(summary))
    # what autovacuum would do after a bulk load: planner statistics and the visibility map
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE catalogue_search_searchdocument")
        cursor.execute("ANALYZE wagtailcore_page")
    return summary["documents"]


class _Out:
    def write(self, text, ending="\n"):
        sys.stdout.write(text + ending)

    def flush(self):
        sys.stdout.flush()


def time_backend(repeats):
    from django.http import QueryDict
    from django.utils import translation

    from search import service
    from search.query import parse_request

    rows = []
    for label, language, params in QUERIES + SUGGEST:
        query = QueryDict(mutable=True)
        query.update(params)
        samples = []
        with translation.override(language):
            for attempt in range(repeats + 2):
                started = time.perf_counter()
                if label == "autocomplete":
                    service.autocomplete(params["q"], [language])
                else:
                    request, _errors = parse_request(query, language)
                    results = service.search(request)
                    more = "+" if results.total_is_lower_bound else ""
                    MATCHES[(language, tuple(params.items()))] = f"{results.total}{more}"
                elapsed = (time.perf_counter() - started) * 1000
                if attempt >= 2:  # the first runs fill caches, as on a running site
                    samples.append(elapsed)
        rows.append((label, language, params, samples))
    return rows


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_site(ready_path, **env):
    """The site served by gunicorn (2 workers, DEBUG off) on a free port of 127.0.0.1: its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "cms.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=dict(os.environ, DEBUG="false", **env),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}{ready_path}", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def timed_get(url, repeats, warm_up=2, timeout=30):
    """Milliseconds for each of ``repeats`` requests of ``url``, after ``warm_up`` untimed ones."""
    samples = []
    for attempt in range(repeats + warm_up):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            assert response.status == 200, url
        if attempt >= warm_up:
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def query_path(label, language, params):
    path = f"/{language}/search/suggest/" if label == "autocomplete" else f"/{language}/search/"
    return f"{path}?{urllib.parse.urlencode(params)}"


def time_site(repeats):
    with running_site("/fr/search/") as base:
        rows = []
        for label, language, params in QUERIES + SUGGEST:
            rows.append(
                (label, language, params, timed_get(base + query_path(label, language, params), repeats))
            )
        return rows


def compare_sites(repeats, other):
    """This checkout and ``other`` served side by side on the same database, requests interleaved.

    Each request of each query goes to one server then the other, so that the machine's load weighs
    on both alike; ``/robots.txt`` (a trivial view) is timed the same way as the yardstick.
    """
    trees = {"this checkout": ROOT, "--against": other}
    cases = [("trivial view", "", {}, "/robots.txt")] + [
        (label, language, params, query_path(label, language, params))
        for label, language, params in QUERIES + SUGGEST
    ]
    samples = {(tree, index): [] for tree in trees for index in range(len(cases))}
    with ExitStack() as stack:
        # gunicorn imports the application from its working directory, first on sys.path
        bases = {
            tree: stack.enter_context(running_site("/fr/search/", GUNICORN_CMD_ARGS=f"--chdir {root}"))
            for tree, root in trees.items()
        }
        for attempt in range(repeats + 2):
            for index, (_label, _language, _params, path) in enumerate(cases):
                for tree, base in bases.items():
                    elapsed = timed_get(base + path, 1, warm_up=0)[0]
                    if attempt >= 2:
                        samples[tree, index].append(elapsed)
    medians = {key: statistics.median(values) for key, values in samples.items()}
    lines = [
        f"### This checkout against {other} (same database, interleaved)",
        "",
        "| query | lang | p50 ms against | p50 ms this | change | this ÷ trivial view |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for index, (label, language, params, _path) in enumerate(cases):
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        theirs, ours = medians["--against", index], medians["this checkout", index]
        lines.append(
            f"| {label}{': `' + shown + '`' if shown else ''} | {language} | {theirs:.1f} | {ours:.1f} | "
            f"{100 * (ours / theirs - 1):+.0f} % | {ours / medians['this checkout', 0]:.1f} |"
        )
    return "\n".join(lines)


def table(title, rows):
    lines = [f"### {title}", "", "| query | lang | matches | p50 ms | p95 ms |", "|---|---|---:|---:|---:|"]
    for label, language, params, samples in rows:
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        matches = MATCHES.get((language, tuple(params.items())), "")
        lines.append(
            f"| {label}: `{shown}` | {language} | {matches} | {statistics.median(samples):.1f} | "
            f"{percentile(samples, 0.95):.1f} |"
        )
    one_word = [s for label, _l, _p, samples in rows if label == "one word" for s in samples]
    lines.append(
        f"| **all one-word queries** | | | **{statistics.median(one_word):.1f}** | "
        f"**{percentile(one_word, 0.95):.1f}** |"
    )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1, help="1 = the 2016 catalogue; 100 = 100 times it")
    parser.add_argument("--repeats", type=int, default=30, help="timed runs per query")
    parser.add_argument("--skip-site", action="store_true", help="only time the backend directly")
    parser.add_argument("--skip-index", action="store_true", help="time the existing search index as it is")
    parser.add_argument(
        "--against", type=Path, help="another checkout, served beside this one and timed interleaved with it"
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench' (see --help).")
    setup_django()
    documents = prepare(args.scale, reindex=not args.skip_index)
    print()
    print(f"## Scale {args.scale:g} ({documents} searchable pages), PostgreSQL, database search engine")
    print()
    print(table("Through the backend (search.service)", time_backend(args.repeats)))
    if args.against:
        print()
        print(compare_sites(args.repeats, args.against.resolve()))
    elif not args.skip_site:
        print()
        print(table("Through the running site (HTTP, gunicorn, 2 workers)", time_site(args.repeats)))


if __name__ == "__main__":
    main()
