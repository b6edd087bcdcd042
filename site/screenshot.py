"""Take the README's screenshot again: the home page with the demo content, 1280x800, as docs/images/home.png.

    .venv/bin/python site/screenshot.py                  # a throw-away site, prepared like `make run`
    .venv/bin/python site/screenshot.py --url http://127.0.0.1:8000   # a server already running
    .venv/bin/python site/screenshot.py --language fr --output /tmp/home-fr.png

Without --url it prepares a site of its own in a temporary folder (SQLite, development settings,
migrations, bootstrap, demo content, search index) on a free port of 127.0.0.1, as the browser tests do
(tests/e2e/conftest.py), so the development database is left alone. It drives Debian's Chromium
(CHROMIUM_PATH, default /usr/bin/chromium) through Playwright, then has Pillow rewrite the PNG with a
palette when that keeps it under 300 KB.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SIZE = {"width": 1280, "height": 800}
LIMIT = 300 * 1024


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server stopped before answering")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} within {timeout} s")


def prepared_site(folder):
    """Run a fresh demo site in ``folder``; return (its address, the server process)."""
    port = free_port()
    env = {
        key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        FRESHNESS_FILE=str(folder / ".freshness"),
        SITE_URL=f"http://127.0.0.1:{port}",
        OPENSEARCH_URL="",
        ELASTICSEARCH_URL="",
    )
    for command in (
        ["migrate", "--noinput"],
        ["bootstrap"],
        ["load_demo"],
        ["update_index", "--catalogue-only"],
    ):
        print("manage.py", " ".join(command), flush=True)
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    log = open(folder / "server.log", "w")  # noqa: SIM115  (open for the server's whole life)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return f"http://127.0.0.1:{port}", process


def shoot(url, language, output):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        context = browser.new_context(viewport=SIZE, locale=language)
        page = context.new_page()
        page.goto(f"{url}/{language}/", wait_until="networkidle")
        output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(output))
        browser.close()


def optimise(output):
    """Rewrite the PNG losslessly, then with a 256-colour palette if it is still over the limit."""
    from PIL import Image

    with Image.open(output) as image:
        image = image.convert("RGB")
    image.save(output, optimize=True)
    if output.stat().st_size > LIMIT:
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(output, optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a server already running (default: prepare a throw-away one)")
    parser.add_argument("--language", default="en", choices=["fr", "en", "es"])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "images" / "home.png")
    options = parser.parse_args()
    if not os.access(CHROMIUM, os.X_OK):
        raise SystemExit(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)")
    if options.url:
        shoot(options.url.rstrip("/"), options.language, options.output)
    else:
        with tempfile.TemporaryDirectory(prefix="toolbox-screenshot-") as tmp:
            url, process = prepared_site(Path(tmp))
            try:
                wait_for(f"{url}/{options.language}/", process)
                shoot(url, options.language, options.output)
            finally:
                process.terminate()
                process.wait(timeout=20)
    optimise(options.output)
    print(f"{options.output} ({options.output.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
