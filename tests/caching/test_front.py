"""What sits in front of the application: site/nginx.conf, and the static files WhiteNoise serves.

nginx runs for real when it is installed (Debian's ``nginx`` package; skipped otherwise): the file
as shipped passes ``nginx -t``, and a copy on local ports (its own certificate, a local stand-in for
gunicorn) hides its version, refuses WhiteNoise's manifest and limits a flood of searches.
"""

import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponseNotFound
from django.test import RequestFactory

from cms.static_files import StaticFilesMiddleware
from tests.servers import free_port, production_environment

NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(path).exists()), None
)
OPENSSL = shutil.which("openssl")
SITE_CONF = Path(django_settings.BASE_DIR) / "site" / "nginx.conf"
CERTIFICATE = "/etc/letsencrypt/live/toolbox.example.org/fullchain.pem"
KEY = "/etc/letsencrypt/live/toolbox.example.org/privkey.pem"
GUNICORN = "http://127.0.0.1:8000;"

MISSING = "nginx (apt-get install nginx) and openssl are needed"
# .ci/run installs nginx and sets NGINX_REQUIRED: there, a missing nginx fails these tests instead
REQUIRED = os.environ.get("NGINX_REQUIRED") == "1"


def _require_nginx():
    if NGINX is None or OPENSSL is None:
        (pytest.fail if REQUIRED else pytest.skip)(MISSING)


# --- WhiteNoise ---------------------------------------------------------------------------------------


@pytest.fixture
def static_root(settings, tmp_path):
    (tmp_path / "cms").mkdir()
    (tmp_path / "cms" / "toolbox.0123456789ab.css").write_text("body { color: black }")
    manifest = {"paths": {"cms/toolbox.css": "cms/toolbox.0123456789ab.css"}, "version": "1.1", "hash": "0"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = False  # as in production: the files are listed once, at start
    return tmp_path


@pytest.mark.parametrize("autorefresh", [False, True], ids=["production", "debug"])
def test_whitenoise_serves_the_static_files_but_not_their_manifest(static_root, settings, autorefresh):
    settings.WHITENOISE_AUTOREFRESH = autorefresh
    middleware = StaticFilesMiddleware(lambda request: HttpResponseNotFound("not a static file"))
    get = RequestFactory().get

    assert middleware(get("/static/cms/toolbox.0123456789ab.css")).status_code == 200
    assert middleware(get("/static/staticfiles.json")).status_code == 404


def test_the_production_settings_use_that_middleware():
    script = "import json, cms.settings.production as s; print(json.dumps(s.MIDDLEWARE))"
    env = production_environment(ALLOWED_HOSTS="toolbox.example.org")
    found = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=django_settings.BASE_DIR, capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    middleware = json.loads(found.stdout)
    assert "cms.static_files.StaticFilesMiddleware" in middleware
    assert "whitenoise.middleware.WhiteNoiseMiddleware" not in middleware


# --- nginx ---------------------------------------------------------------------------------------------


class _Gunicorn(BaseHTTPRequestHandler):
    """Stands for the application behind nginx: answers every GET, and remembers what it was asked."""

    def do_GET(self):
        self.server.asked.append(self.path)
        body = b"from the application"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _certificate(folder):
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True,
        capture_output=True,
    )


def _main_conf(folder, site):
    """nginx's own nginx.conf, including the site file in its http block as Debian's does."""
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir(exist_ok=True)
    path = folder / f"main-{site.stem}.conf"
    path.write_text(
        f"pid {folder}/nginx-{site.stem}.pid;\n"
        f"error_log {folder}/error.log;\n"
        "events {}\n"
        "http {\n"
        "    access_log off;\n"
        f"    client_body_temp_path {folder}/body;\n"
        f"    proxy_temp_path {folder}/proxy;\n"
        f"    fastcgi_temp_path {folder}/fastcgi;\n"
        f"    uwsgi_temp_path {folder}/uwsgi;\n"
        f"    scgi_temp_path {folder}/scgi;\n"
        f"    include {site};\n"
        "}\n"
    )
    return path


def _with_certificate(folder, text):
    return text.replace(CERTIFICATE, str(folder / "cert.pem")).replace(KEY, str(folder / "key.pem"))


def test_the_shipped_configuration_passes_nginx_t(tmp_path):
    _require_nginx()
    _certificate(tmp_path)
    site = tmp_path / "site.conf"
    site.write_text(_with_certificate(tmp_path, SITE_CONF.read_text()))
    tested = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(_main_conf(tmp_path, site))],
        capture_output=True,
        text=True,
    )
    assert tested.returncode == 0, tested.stderr
    assert "test is successful" in tested.stderr


@pytest.fixture
def nginx(tmp_path):
    """site/nginx.conf on local ports (https on one, the redirect on another) in front of a stand-in."""
    _require_nginx()
    _certificate(tmp_path)
    backend = ThreadingHTTPServer(("127.0.0.1", 0), _Gunicorn)
    backend.asked = []
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    https_port, http_port = free_port(), free_port()
    text = _with_certificate(tmp_path, SITE_CONF.read_text())
    for shipped, local in (
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        (GUNICORN, f"http://127.0.0.1:{backend.server_address[1]};"),
    ):
        assert shipped in text, shipped
        text = text.replace(shipped, local)
    site = tmp_path / "local.conf"
    site.write_text(text)
    process = subprocess.Popen(
        [
            NGINX,
            "-p",
            str(tmp_path),
            "-c",
            str(_main_conf(tmp_path, site)),
            "-g",
            "daemon off; master_process off;",
        ],
        stderr=subprocess.PIPE,
    )
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", https_port, context=context, timeout=10)
    try:
        _wait_for(connection, process)
        yield connection, backend
    finally:
        connection.close()
        process.terminate()
        process.wait(10)
        backend.shutdown()
        backend.server_close()


def _wait_for(connection, process):
    for _attempt in range(100):
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        try:
            _get(connection, "/robots.txt")
            return
        except OSError:
            connection.close()
            threading.Event().wait(0.1)
    raise RuntimeError("nginx did not start")


def _get(connection, path):
    connection.request("GET", path, headers={"Host": "toolbox.example.org"})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_nginx_tells_no_version_and_refuses_the_static_manifest(nginx):
    connection, backend = nginx

    status, headers, _body = _get(connection, "/fr/outils/")
    assert status == 200
    assert headers["Server"] == "nginx"

    status, headers, body = _get(connection, "/static/staticfiles.json")
    assert status == 404
    assert headers["Server"] == "nginx"
    assert b"nginx/" not in body
    assert "/static/staticfiles.json" not in backend.asked


def test_nginx_limits_a_flood_of_searches_but_not_of_pages(nginx):
    connection, _backend = nginx

    # far more than the burst nginx allows (60) in any time a local loop can take
    searches = [_get(connection, f"/fr/search/?q=mot{number}")[0] for number in range(150)]
    pages = [_get(connection, "/fr/outils/")[0] for _number in range(150)]
    admin = [_get(connection, f"/admin/pages/?q={number}")[0] for number in range(150)]

    assert searches[:50] == [200] * 50
    assert 429 in searches
    assert set(pages) == {200}
    assert set(admin) == {200}
