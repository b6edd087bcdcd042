"""Login and sign-up latency through the running site, as ratios to a trivial view timed in the same run.

Needs a PostgreSQL database of its own whose name contains "bench"::

    createdb -h 127.0.0.1 -U postgres toolbox_accounts_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/toolbox_accounts_bench .venv/bin/python bench/accounts.py

It migrates and bootstraps the database, creates one account, serves the site with gunicorn (2 workers,
DEBUG off, Django's default password hasher) and an SMTP sink on 127.0.0.1 that accepts every message,
then times, interleaved so that the machine's load weighs on each alike: ``/robots.txt`` (a trivial
view: the yardstick), a successful and a failed login on the admin's login form, and an application on
the sign-up form with a new address and with a known one. Each request comes "through the proxy" with
its own ``X-Forwarded-For`` address, and the throttling limits are raised, so that the lockouts
themselves are not what is measured. Prints p50/p95 in milliseconds and p50 as a multiple of the trivial
view's.

``--against DIR`` also serves another checkout of the project (for example ``git worktree add
/tmp/before main``, then ``make messages`` there) on the same database, and interleaves its requests
with this one's: before and after, measured under the same load.
"""

import argparse
import contextlib
import http.client
import itertools
import os
import secrets
import socketserver
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.search import percentile, running_site  # noqa: E402

# Development settings, DEBUG off, e-mail over SMTP to the sink: a module of its own outside the
# checkout, so that another checkout (--against) can be served with the same settings.
SETTINGS = """
import os
from cms.settings.dev import *  # noqa: F403
DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["BENCH_SMTP_PORT"])
"""

PASSWORD = "a long and unusual passphrase 42"
OWNER = "owner@bench.example.org"
# high enough never to lock the benchmark out (names read by the settings before and after the throttling)
LIMITS = {"AXES_FAILURE_LIMIT": "1000000", "SIGNUP_RATE_LIMIT": "1000000"}


class _Sink(socketserver.StreamRequestHandler):
    """Just enough SMTP to take a message and forget it."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.reply("250-sink")
                self.reply("250 8BITMIME")
            elif verb == b"DATA":
                self.reply("354 go on")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                self.reply("250 kept")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


def smtp_sink():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Sink)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def prepare():
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("bootstrap", verbosity=0)
    User = get_user_model()
    owner, _ = User.objects.get_or_create(username=OWNER, defaults={"email": OWNER})
    owner.set_password(PASSWORD)
    owner.save()


_addresses = (f"198.51.{n // 250}.{n % 250 + 1}" for n in itertools.count())


def post(base, path, fields):
    """One form submission from a new visitor (its own CSRF cookie and client address): ms and status."""
    token = secrets.token_hex(16)  # 32 characters: a CSRF secret Django accepts as cookie and token
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={token}",
        "X-Forwarded-For": next(_addresses),
    }
    return request(base, "POST", path, body, headers)


def request(base, method, path, body=None, headers=None):
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    started = time.perf_counter()
    connection.request(method, path, body, headers or {})
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return elapsed, response.status


def signup(email):
    return {"name": "Bench Applicant", "email": email, "password1": PASSWORD, "password2": PASSWORD}


def cases():
    """(label, function of the base URL returning (ms, status), the statuses expected)."""
    counter = itertools.count()
    return [
        ("trivial view (/robots.txt)", lambda base: request(base, "GET", "/robots.txt"), {200}),
        (
            "login, right password",
            lambda base: post(base, "/admin/login/", {"username": OWNER, "password": PASSWORD}),
            {302},
        ),
        (
            "login, wrong password",
            lambda base: post(base, "/admin/login/", {"username": OWNER, "password": "wrong"}),
            {200},
        ),
        (
            "sign-up, new address",
            lambda base: post(
                base, "/fr/accounts/signup/", signup(f"new{next(counter)}-{time.time_ns()}@bench.example.org")
            ),
            {200},
        ),
        ("sign-up, known address", lambda base: post(base, "/fr/accounts/signup/", signup(OWNER)), {200}),
    ]


def use_settings():
    directory = tempfile.mkdtemp(prefix="bench-accounts-")
    Path(directory, "bench_accounts_settings.py").write_text(SETTINGS)
    sys.path.insert(0, directory)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [directory, os.environ.get("PYTHONPATH")]))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_accounts_settings"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30, help="timed requests per case")
    parser.add_argument("--warm-up", type=int, default=3, help="untimed requests per case first")
    parser.add_argument("--against", type=Path, help="another checkout, served and timed alongside")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench' (see --help).")
    use_settings()
    sink = smtp_sink()
    os.environ["BENCH_SMTP_PORT"] = str(sink.server_address[1])
    prepare()
    table = cases()
    trees = {"this checkout": ROOT} | ({"--against": args.against.resolve()} if args.against else {})
    samples = {(tree, label): [] for tree in trees for label, _run, _ok in table}
    with contextlib.ExitStack() as stack:
        # gunicorn imports the application from its working directory, first on sys.path
        bases = {
            tree: stack.enter_context(
                running_site("/robots.txt", GUNICORN_CMD_ARGS=f"--chdir {root}", **LIMITS)
            )
            for tree, root in trees.items()
        }
        for attempt in range(args.warm_up + args.repeats):
            for label, run, expected in table:
                for tree, base in bases.items():
                    elapsed, status = run(base)
                    assert status in expected, (tree, label, status)
                    if attempt >= args.warm_up:
                        samples[tree, label].append(elapsed)
    sink.shutdown()
    for tree in trees:
        yardstick = statistics.median(samples[tree, table[0][0]])
        print(f"\n### {tree}: {trees[tree]}\n")
        print("| request | p50 ms | p95 ms | p50 / trivial view |")
        print("|---|---:|---:|---:|")
        for label, _run, _ok in table:
            values = samples[tree, label]
            p50 = statistics.median(values)
            print(f"| {label} | {p50:.1f} | {percentile(values, 0.95):.1f} | {p50 / yardstick:.1f} |")
    if args.against:
        print("\n### this checkout against --against (p50 ratio)\n")
        print("| request | p50 change |")
        print("|---|---:|")
        for label, _run, _ok in table[1:]:
            ours, theirs = (statistics.median(samples[tree, label]) for tree in trees)
            print(f"| {label} | {100 * (ours / theirs - 1):+.0f} % |")


if __name__ == "__main__":
    main()
