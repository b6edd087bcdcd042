"""Kept database connections that died (PostgreSQL restarted, a connection killed) are replaced
before a request uses them: every request answers, none gets the 503 of a database that is down.

A real server: gunicorn with site/gunicorn.conf.py and the production settings, on this run's test
database, keeping its connections (``DATABASE_CONN_MAX_AGE``) in each of its threads. PostgreSQL
only: SQLite has no server connection to lose.
"""

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.servers import free_port, production_environment, wait_for

ROOT = Path(__file__).resolve().parents[2]
THREADS = 4
PATHS = ["/fr/", "/en/", "/es/", "/api/v1/entries?language=fr"]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only (DATABASE_URL=postgres://…)"
)


def database_url():
    settings = connection.settings_dict
    user = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    place = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return f"postgres://{user}@{place}/{settings['NAME']}"


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    # the test database, made and filled (bootstrap, demo content) by this run's set-up
    with django_db_blocker.unblock():
        url = database_url()
    tmp = tmp_path_factory.mktemp("reconnects")
    port = free_port()
    env = production_environment(
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        DATABASE_CONN_MAX_AGE="600",
        PAGE_CACHE="0",  # every request reads the database
        STATIC_ROOT=str(tmp / "static"),
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS=str(THREADS),
        LOG_LEVEL="CRITICAL",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    log = open(tmp / "server.log", "w")  # noqa: SIM115  (open for the server's whole life)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "site/gunicorn.conf.py", "cms.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{address}/fr/", process, tmp / "server.log")
        yield address
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def statuses(server, count):
    """The statuses of ``count`` requests, several at a time: each of the server's threads gets some."""
    from concurrent.futures import ThreadPoolExecutor

    def get(number):
        try:
            with urllib.request.urlopen(server + PATHS[number % len(PATHS)], timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(get, range(count)))


def server_connections(server_database):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [server_database],
        )
        return cursor.fetchone()[0]


def kill_server_connections(server_database):
    """What a PostgreSQL restart does to the server's kept connections (and nothing to this one)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [server_database],
        )
        return cursor.fetchone()[0]


@pytest.mark.slow  # kills the database's connections and waits for them to come back
@pytest.mark.django_db
def test_after_its_connections_are_killed_every_request_answers(server):
    database = connection.settings_dict["NAME"]
    assert statuses(server, 3 * THREADS) == [200] * (3 * THREADS)
    assert server_connections(database) >= 1  # kept between requests

    assert kill_server_connections(database) >= 1

    assert statuses(server, 3 * THREADS) == [200] * (3 * THREADS)
    assert server_connections(database) >= 1
