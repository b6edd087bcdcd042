"""When the database cannot be reached, visitors get a 503 in their language, never a traceback.

A real server: gunicorn with site/gunicorn.conf.py and the production settings, its DATABASE_URL
pointing at a port of 127.0.0.1 where nothing listens (a socket bound but not listening, held for the
module's life, so no other process can take the port meanwhile).
"""

import json
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port, production_environment, wait_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("no-database")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # never listen(): connecting to it is refused
    port = free_port()
    env = production_environment(
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed.getsockname()[1]}/toolbox",
        STATIC_ROOT=str(tmp / "static"),
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="1",
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
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/robots.txt", process, tmp / "server.log", any_answer=True)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        closed.close()


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def assert_no_traceback(body):
    for leak in ("Traceback", "OperationalError", "psycopg", "127.0.0.1:", "connection"):
        assert leak not in body


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/fr/outils/", "fr", "La boîte à outils est momentanément indisponible"),
        ("/en/tools/data-gouv-fr/", "en", "The toolbox is temporarily unavailable"),
        ("/es/herramientas/?q=datos", "es", "La caja de herramientas no está disponible por el momento"),
    ],
)
def test_a_page_answers_503_in_the_language_of_its_address(server, path, language, heading):
    status, headers, body = get(server + path, **{"Accept-Language": "de"})
    assert status == 503
    assert headers["Retry-After"].isdigit()
    assert headers["Content-Type"].startswith("text/html")
    assert f'<html lang="{language}">' in body
    assert heading in body
    assert_no_traceback(body)


def test_an_address_without_a_language_answers_in_french(server):
    # a signed-in editor's browser: the session cookie sends the admin to the database
    status, headers, body = get(server + "/admin/", Cookie="sessionid=a-session-of-an-editor")
    assert status == 503
    assert headers["Retry-After"].isdigit()
    assert '<html lang="fr">' in body
    assert "La boîte à outils est momentanément indisponible" in body
    assert_no_traceback(body)


def test_the_api_answers_503_in_json(server):
    status, headers, body = get(server + "/api/v1/entries?language=en")
    assert status == 503
    assert headers["Retry-After"].isdigit()
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {
        "error": "The catalogue is temporarily unavailable; please try again in a minute.",
        "parameter": None,
    }


@pytest.mark.parametrize(
    "path", ["/es/export/tools.csv", "/fr/export/catalogue.json", "/en/export/search.csv?q=x"]
)
def test_an_export_answers_503_rather_than_an_empty_file(server, path):
    status, headers, body = get(server + path)
    assert status == 503
    assert headers["Content-Type"].startswith("text/html")
    assert_no_traceback(body)
