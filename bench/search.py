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

With ``--engine opensearch`` (``OPENSEARCH_URL``, by default http://127.0.0.1:9201) it times full
rebuilds (the database index alone, database and engine together, with ``--reindex-parts`` the engine
alone split into building documents and bulk requests), then the same queries on PostgreSQL and on
OpenSearch side by side: through the backend alternately, and through two gunicorns (without and
with ``OPENSEARCH_URL``) interleaved, beside a trivial view.
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
    # the facets case: one word and two filters; every search result carries its facet counts, and
    # each facet is counted with the other facets' filters applied
    ("facets", "fr", {"q": "transparence", "kind": "tool", "country": "FR"}),
    ("filters only", "en", {"kind": "use-case", "country": "SN"}),
    ("all languages", "fr", {"q": "budget", "languages": "all"}),
    ("misspelt", "fr", {"q": "transparance"}),
]
MATCHES = {}
# gunicorn beside the interpreter running this script: a git worktree has no .venv of its own
GUNICORN = Path(sys.executable).parent / "gunicorn"
if not GUNICORN.exists():
    GUNICORN = ROOT / ".venv/bin/gunicorn"
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
    from core.progress import Progress
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
        # not on SQLite, where nothing runs ANALYZE by itself: with its statistics the home page's
        # count of visible tools took 0.9 s instead of a few ms (measured at scale 1)
        if connection.vendor == "postgresql":
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
def running_site(ready_path, stderr=None, **env):
    """The site served by gunicorn (2 workers, DEBUG off) on a free port of 127.0.0.1: its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "cms.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        # the benchmark asks for many searches from one address: it measures speed, not the rate limit
        env={**os.environ, "DEBUG": "false", "EXPENSIVE_ANSWERS_LIMIT": "1000000", **env},
        stderr=stderr,
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


# --- both engines side by side (--engine) ---------------------------------------------------------------

ENGINE_URL_DEFAULT = "http://127.0.0.1:9201"
ENGINE_LABELS = {"database": "PostgreSQL", "opensearch": "OpenSearch"}


class _Fallbacks:
    """Counts the engine failures ``search.service`` logs (each one answered by the database instead)."""

    def __init__(self):
        import logging

        self.count = 0
        counter = self

        class Handler(logging.Handler):
            def emit(self, record):
                counter.count += 1

        logging.getLogger("search.service").addHandler(Handler(level=logging.ERROR))


def time_engines(repeats, engines_):
    """Each query on each engine, alternately (one run on one, then on the other), in-process.

    ``{engine: [(label, language, params, samples)]}``; ``ENGINE_MATCHES[engine, key]`` the count.
    """
    from django.http import QueryDict
    from django.utils import translation

    from search import service
    from search.query import parse_request

    fallbacks = _Fallbacks()
    samples = {(engine, index): [] for engine in engines_ for index in range(len(QUERIES + SUGGEST))}
    for index, (label, language, params) in enumerate(QUERIES + SUGGEST):
        query = QueryDict(mutable=True)
        query.update(params)
        key = (language, tuple(params.items()))
        with translation.override(language):
            for attempt in range(repeats + 2):
                for engine in engines_:
                    started = time.perf_counter()
                    if label == "autocomplete":
                        service.autocomplete(params["q"], [language], engine=engine)
                    else:
                        request, _errors = parse_request(query, language)
                        results = service.search(request, engine=engine)
                        assert results.engine == engine and not results.notice, (
                            engine,
                            params,
                            results.notice,
                        )
                        if label == "facets":
                            assert any(values for values in results.facets.values()), "no facet counts"
                        more = "+" if results.total_is_lower_bound else ""
                        ENGINE_MATCHES[engine, key] = f"{results.total}{more}"
                    elapsed = (time.perf_counter() - started) * 1000
                    if attempt >= 2:
                        samples[engine, index].append(elapsed)
    if fallbacks.count:
        sys.exit(f"{fallbacks.count} engine requests failed and were answered by the database: not timed.")
    return {
        engine: [
            (label, language, params, samples[engine, index])
            for index, (label, language, params) in enumerate(QUERIES + SUGGEST)
        ]
        for engine in engines_
    }


ENGINE_MATCHES = {}


def time_engine_sites(repeats, engines_, engine_url):
    """The site served twice on the same database, without and with ``OPENSEARCH_URL``, requests
    interleaved (each request to one server then the other), and ``/robots.txt`` (a trivial view)
    timed the same way as the yardstick."""
    import tempfile

    cases = [("trivial view", "", {}, "/robots.txt")] + [
        (label, language, params, query_path(label, language, params))
        for label, language, params in QUERIES + SUGGEST
    ]
    samples = {(engine, index): [] for engine in engines_ for index in range(len(cases))}
    with ExitStack() as files:
        logs = {engine: files.enter_context(tempfile.TemporaryFile()) for engine in engines_}
        with ExitStack() as servers:
            bases = {
                engine: servers.enter_context(
                    running_site(
                        "/fr/search/",
                        stderr=logs[engine],
                        OPENSEARCH_URL=engine_url if engine == "opensearch" else "",
                        ELASTICSEARCH_URL="",
                    )
                )
                for engine in engines_
            }
            for attempt in range(repeats + 2):
                for index, (_label, _language, _params, path) in enumerate(cases):
                    for engine, base in bases.items():
                        elapsed = timed_get(base + path, 1, warm_up=0)[0]
                        if attempt >= 2:
                            samples[engine, index].append(elapsed)
        for engine, log in logs.items():
            log.seek(0)
            failed = log.read().decode(errors="replace").count("falling back to the database")
            if failed:
                sys.exit(f"The {engine} site fell back to the database {failed} times: not timed.")
    return {
        engine: [
            (label, language, params, samples[engine, index])
            for index, (label, language, params, _p) in enumerate(cases)
        ]
        for engine in engines_
    }


def _pooled(rows, wanted):
    return [s for label, _l, _p, samples in rows if label == wanted for s in samples]


def side_by_side(title, by_engine, site=False):
    engines_ = list(by_engine)
    names = [ENGINE_LABELS[e] for e in engines_]
    head = "| query | lang | " + " | ".join(f"matches {n}" for n in names)
    head += " | " + " | ".join(f"{n} p50 ms | {n} p95 ms" for n in names)
    if site:
        head += " | " + " | ".join(f"{n} p50 ÷ trivial" for n in names)
    head += " |"
    columns = head.count("|") - 1
    lines = [f"### {title}", "", head, "|---|---|" + "---:|" * (columns - 2)]
    trivial = {}
    if site:
        # one yardstick for both columns: the trivial view is the same code on both servers
        yardstick = statistics.median([s for e in engines_ for s in _pooled(by_engine[e], "trivial view")])
        trivial = dict.fromkeys(engines_, yardstick)

    def cells(values_by_engine, bold=False):
        out = []
        for engine in engines_:
            values = values_by_engine[engine]
            p50, p95 = statistics.median(values), percentile(values, 0.95)
            out += [f"**{p50:.1f}**" if bold else f"{p50:.1f}", f"**{p95:.1f}**" if bold else f"{p95:.1f}"]
        if site:
            out += [f"{statistics.median(values_by_engine[e]) / trivial[e]:.1f}" for e in engines_]
        return out

    for index, (label, language, params, _samples) in enumerate(by_engine[engines_[0]]):
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        key = (language, tuple(params.items()))
        matches = [
            ENGINE_MATCHES.get((e, key), "") if label not in ("trivial view",) else "" for e in engines_
        ]
        row = [f"{label}: `{shown}`" if shown else label, language, *matches]
        row += cells({e: by_engine[e][index][3] for e in engines_})
        lines.append("| " + " | ".join(row) + " |")
    for summary, label in [
        ("all one-word queries", "one word"),
        ("facets (one word + two filters)", "facets"),
        ("autocomplete (both)", "autocomplete"),
    ]:
        row = [f"**{summary}**", "", *[""] * len(engines_)]
        row += cells({e: _pooled(by_engine[e], label) for e in engines_}, bold=True)
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def timed_rebuild(label, total, function):
    from core.progress import Progress

    progress = Progress(_Out(), total, label)
    started = time.perf_counter()
    result = function(progress.advance)
    seconds = time.perf_counter() - started
    progress.finish()
    return seconds, result


def rebuild_database_only(progress):
    from django.test.utils import override_settings

    from search import rebuild

    with override_settings(OPENSEARCH_URL="", ELASTICSEARCH_URL=""):
        return rebuild.rebuild(progress=progress)


def rebuild_both(progress):
    from search import rebuild

    return rebuild.rebuild(progress=progress)


def build_documents_only(progress, chunk_size=500):
    """What the rebuild reads and builds (``iter_searchable_documents``), sent nowhere."""
    from search.indexing import iter_searchable_documents

    count = 0
    for documents in iter_searchable_documents(chunk_size):
        count += len(documents)
        progress(len(documents))
    return count


def rebuild_engine_only(progress, chunk_size=500):
    """The engine's part of ``search.rebuild.rebuild`` alone: new indices filled in bulk, swapped in.

    Also times, within it, the building of documents and the bulk requests separately.
    """
    from search import engines
    from search.indexing import iter_searchable_documents

    engine = engines.configured()
    building = sending = 0.0
    rebuilders = engine.start_rebuild()
    documents_iter = iter_searchable_documents(chunk_size)
    while True:
        started = time.perf_counter()
        documents = next(documents_iter, None)
        building += time.perf_counter() - started
        if documents is None:
            break
        started = time.perf_counter()
        engine.add_to_rebuild(rebuilders, documents)
        sending += time.perf_counter() - started
        progress(len(documents))
    started = time.perf_counter()
    engine.finish_rebuild(rebuilders)
    finishing = time.perf_counter() - started
    return {"building": building, "bulk": sending, "finish": finishing}


def time_reindex(parts, engine_only=False):
    """Full rebuild times: the database index alone, then both (database + engine); with ``parts``,
    the engine alone (split into building documents and bulk requests) and building alone; with
    ``engine_only``, the engine alone and nothing else (the database index is left as it is)."""
    from search import rebuild

    total = rebuild.count()
    times = {}
    if not engine_only:
        times["database"], summary = timed_rebuild(
            "Rebuild, database index only", total, rebuild_database_only
        )
        print(rebuild.describe(summary))
        times["both"], summary = timed_rebuild("Rebuild, database + OpenSearch", total, rebuild_both)
        print(rebuild.describe(summary))
        if not summary["engine_rebuilt"]:
            sys.exit("The engine was not rebuilt: " + summary["engine_error"])
    if parts or engine_only:
        times["engine"], split = timed_rebuild("Rebuild, OpenSearch only", total, rebuild_engine_only)
        times.update({f"engine: {k}": v for k, v in split.items()})
    if parts and not engine_only:
        times["building only"], _n = timed_rebuild("Building documents only", total, build_documents_only)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE catalogue_search_searchdocument")
        cursor.execute("ANALYZE wagtailcore_page")
    return total, times


def reindex_table(total, times):
    labels = {
        "database": "database index only (no engine configured)",
        "both": "database + OpenSearch (`search.rebuild`, engine configured)",
        "engine": "OpenSearch alone (new indices, bulk, alias swap)",
        "engine: building": "… of which reading pages and building documents",
        "engine: bulk": "… of which bulk requests",
        "engine: finish": "… of which refresh and alias swap",
        "building only": "reading pages and building documents alone (sent nowhere)",
    }
    lines = [
        f"### Full reindex, {total} pages",
        "",
        "| rebuild | seconds | pages/s |",
        "|---|---:|---:|",
    ]
    for key, seconds in times.items():
        rate = f"{total / seconds:,.0f}" if not key.startswith("engine: ") else ""
        lines.append(f"| {labels[key]} | {seconds:.1f} | {rate} |")
    return "\n".join(lines)


def engine_counts():
    from search import engines

    engine = engines.configured()
    client = engine.backend_for("fr").es
    return {
        language: client.count(index=engine.index_names([language])[0])["count"]
        for language in ("fr", "en", "es")
    }


def run_engines(args):
    """``--engine``: the same database searched by PostgreSQL and by the engine, side by side."""
    engines_ = ["database", args.engine]
    if args.skip_index:
        from search.models import SearchDocument

        total, times = SearchDocument.objects.count(), {}
    else:
        total, times = time_reindex(args.reindex_parts, args.engine_reindex_only)
    counts = engine_counts()
    print()
    print(
        f"## Scale {args.scale:g} ({total} searchable pages): PostgreSQL and OpenSearch "
        f"({os.environ['OPENSEARCH_URL']}, {sum(counts.values())} documents) side by side"
    )
    if times:
        print()
        print(reindex_table(total, times))
    if not args.skip_backend:
        print()
        print(side_by_side("Through the backend (search.service)", time_engines(args.repeats, engines_)))
    if not args.skip_site:
        print()
        print(
            side_by_side(
                "Through the running site (HTTP, gunicorn, 2 workers each, requests interleaved)",
                time_engine_sites(args.repeats, engines_, os.environ["OPENSEARCH_URL"]),
                site=True,
            )
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1, help="1 = the 2016 catalogue; 100 = 100 times it")
    parser.add_argument("--repeats", type=int, default=30, help="timed runs per query")
    parser.add_argument("--skip-site", action="store_true", help="only time the backend directly")
    parser.add_argument("--skip-index", action="store_true", help="time the existing search index as it is")
    parser.add_argument(
        "--against", type=Path, help="another checkout, served beside this one and timed interleaved with it"
    )
    parser.add_argument(
        "--engine",
        choices=["opensearch"],
        help="also time this engine beside PostgreSQL on the same database (OPENSEARCH_URL, default "
        f"{ENGINE_URL_DEFAULT}), and time full reindexes of each",
    )
    parser.add_argument(
        "--reindex-parts",
        action="store_true",
        help="with --engine: also time the engine's rebuild alone, split into building and bulk requests",
    )
    parser.add_argument(
        "--engine-reindex-only",
        action="store_true",
        help="with --engine: of the reindexes, time only the engine's alone (the database index stays)",
    )
    parser.add_argument("--skip-backend", action="store_true", help="with --engine: only time the site")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench' (see --help).")
    if args.engine:
        os.environ["OPENSEARCH_URL"] = os.environ.get("OPENSEARCH_URL") or ENGINE_URL_DEFAULT
        os.environ["ELASTICSEARCH_URL"] = ""
    setup_django()
    if args.engine:
        prepare(args.scale, reindex=False)
        run_engines(args)
        return
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
