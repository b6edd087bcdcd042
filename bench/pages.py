"""Benchmark of the public pages: home, tool directory (filtered, sorted, deep pages), a tool, a comparison.

Uses the synthetic catalogue of bench/catalogue.py in a PostgreSQL database of its own, serves the
site with gunicorn on 127.0.0.1 (production-like: DEBUG off) and times each address over HTTP from
this process, printing p50 and p95 in milliseconds. Never part of the test run.

    createdb -h 127.0.0.1 -U postgres toolbox_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/toolbox_bench .venv/bin/python bench/pages.py --scale 1
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

from bench.search import percentile, prepare, running_site, setup_django, timed_get  # noqa: E402


def addresses():
    """The pages to time, found in the benchmark catalogue."""
    from pages.relations import visible
    from pages.tools import ToolIndexPage, ToolPage
    from snippets.models import Category

    index = ToolIndexPage.objects.get(locale__language_code="fr")
    tools = visible(ToolPage.objects.child_of(index)).order_by("pk")
    category = Category.objects.filter(locale__language_code="fr", tools__in=tools).first()
    some = list(tools.values_list("pk", flat=True)[:4])
    tool = tools.first()
    return [
        ("home", "/fr/"),
        ("directory", index.url),
        ("directory, one category", f"{index.url}?category={category.slug}"),
        ("directory, one country", f"{index.url}?country=FR"),
        ("directory, by last change", f"{index.url}?sort=updated"),
        (
            "directory, category + country + status",
            f"{index.url}?category={category.slug}&country=FR&status=active",
        ),
        ("directory, page 20", f"{index.url}?page=20"),
        ("tool", tool.url),
        ("compare 4 tools", "/fr/compare/?" + "&".join(f"tool={pk}" for pk in some)),
    ], tools.count()


def time_pages(paths, repeats):
    with running_site("/fr/", SERVE_MEDIA="1") as base:
        rows = []
        for label, path in paths:
            samples = timed_get(base + path, repeats, timeout=60)
            rows.append((label, path, samples))
            print(f"  {label}: {statistics.median(samples):.1f} ms", file=sys.stderr)
        return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1, help="1 = the 2016 catalogue; 100 = 100 times it")
    parser.add_argument("--repeats", type=int, default=30, help="timed requests per page")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench' (see --help).")
    setup_django()
    from django.core.management import call_command

    # the demo catalogue first: its taxonomy (categories, licences) is what the synthetic tools use
    call_command("migrate", verbosity=0)
    call_command("bootstrap", verbosity=0)
    call_command("load_demo", verbosity=0)
    prepare(args.scale, reindex=False)
    # what autovacuum does soon after a bulk load; without statistics PostgreSQL believes the page
    # table nearly empty and the directory's privacy check takes seconds (measured: 10 s at scale 10)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    paths, tool_count = addresses()
    rows = time_pages(paths, args.repeats)
    print()
    print(f"### Scale {args.scale:g}: {tool_count} French tools, HTTP through gunicorn (2 workers)")
    print()
    print("| page | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    for label, _path, samples in rows:
        print(f"| {label} | {statistics.median(samples):.1f} | {percentile(samples, 0.95):.1f} |")


if __name__ == "__main__":
    main()
