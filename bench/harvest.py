"""A first harvest of the DPG registry and SILL snapshots into a fresh site, then re-harvests with
nothing changed: time, queries per record, peak memory, and time per record as a multiple of a
trivial view answered in the same process.

    .venv/bin/python bench/harvest.py                       # SQLite, a file of its own
    createdb -h 127.0.0.1 -U postgres toolbox_harvest_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/toolbox_harvest_bench .venv/bin/python bench/harvest.py

The database is emptied and migrated first (a PostgreSQL one must have "bench" in its name). Each
phase runs in a process of its own, so that its peak memory is its own:

* **first**: the two sources created, harvested from the snapshots (``harvest.first_load``'s
  fetchers: the files, not the network), trusted so that what they create is published, as
  ``make run`` does;
* **again, 304**: the same harvest where the publisher's server answers "not modified" to the
  conditional request (what a weekly harvest of an unchanged source costs);
* **again, forced**: ``harvest --force``, every record read, normalised and compared again (a
  server without conditional requests, or a moderator's decision since the last run).
"""

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCES = ("dpg", "sill")  # the kinds of harvest.first_load's snapshots measured
PHASES = ("first", "again, 304", "again, forced")


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _trivial_ms(client, count=200):
    for _ in range(20):
        client.get("/bench/trivial/")
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        client.get("/bench/trivial/")
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def phase(name):
    """One phase, in this process: prints its measures as one line of JSON."""
    _setup()
    from django.db import connection
    from django.test import Client

    from harvest.fetch import Fetched
    from harvest.first_load import SOURCES as SNAPSHOTS
    from harvest.models import Trust
    from harvest.run import harvest

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    trivial = _trivial_ms(Client(HTTP_HOST="127.0.0.1"))
    results = []
    for snapshot in (item for item in SNAPSHOTS if item.kind in SOURCES):
        source = snapshot.source(trust=Trust.PUBLISH_NEW)
        files = snapshot.fetcher()

        def conditional(address, etag="", last_modified="", files=files):
            fetched = files(address)
            tag = f'"{hashlib.sha1(fetched.body).hexdigest()}"'
            if name == "again, 304" and etag == tag:
                return Fetched(url=address, status=304, body=None, etag=tag)
            return Fetched(url=address, status=200, body=fetched.body, etag=tag)

        queries = 0
        started = time.perf_counter()
        with connection.execute_wrapper(count):
            run = harvest(source, fetcher=conditional, force=name == "again, forced")
        elapsed = time.perf_counter() - started
        records = run.created + run.updated + run.unchanged + run.possible_matches + run.failed
        results.append(
            {
                "source": snapshot.name,
                "outcome": run.outcome,
                "records": records,
                "created": run.created,
                "unchanged": run.unchanged,
                "matches": run.possible_matches,
                "failed": run.failed,
                "seconds": elapsed,
                "queries": queries,
            }
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"phase": name, "trivial_ms": trivial, "peak_mb": peak_mb, "sources": results}))


def _fresh_database(url):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if "bench" not in config["NAME"]:
        sys.exit(f"{config['NAME']}: a benchmark empties its database; name it with 'bench' in it.")
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.phase:
        return phase(options.phase)
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory() as folder:
        if url.startswith(("postgres://", "postgresql://")):
            _fresh_database(url)
            label = "PostgreSQL"
        else:
            env["DATABASE_URL"] = f"sqlite:///{folder}/harvest-bench.sqlite3"
            label = "SQLite"
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        env.setdefault("SITE_URL", "http://127.0.0.1:8000")  # production's checks want it; nothing is served
        env["BENCH_FRESHNESS_FILE"] = f"{folder}/freshness"
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (["migrate", "--noinput", "-v0"], ["bootstrap", "-v0"]):
            subprocess.run([*manage, *command], env=env, check=True, cwd=ROOT)
        rows = []
        for name in PHASES:
            print(f"{label}: {name}…", file=sys.stderr)
            out = subprocess.run(
                [sys.executable, __file__, "--phase", name],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            ).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
    first = sum(source["seconds"] for source in rows[0]["sources"])
    print(f"\n{label}\n")
    print(
        "| phase | source | records | created | unchanged | possible matches | failed | s | ms/record "
        "| x trivial view | queries/record | peak MB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        for source in row["sources"]:
            records = max(source["records"], 1)
            per_record = source["seconds"] * 1000 / records
            print(
                f"| {row['phase']} | {source['source']} | {source['records']} | {source['created']} | "
                f"{source['unchanged']} | {source['matches']} | {source['failed']} | "
                f"{source['seconds']:.2f} | {per_record:.2f} | {per_record / row['trivial_ms']:.1f} | "
                f"{source['queries'] / records:.1f} | {row['peak_mb']:.0f} |"
            )
        total = sum(source["seconds"] for source in row["sources"])
        share = f"**{total:.2f}** ({total / first:.1%} of the first)"
        print(f"| {row['phase']}: both | | | | | | | {share} | | | | |")
    print(f"\ntrivial view (in-process, /bench/trivial/): p50 {rows[0]['trivial_ms']:.2f} ms")


if __name__ == "__main__":
    main()
