"""Browser tests: a real server on 127.0.0.1 driven by Debian's Chromium through Playwright.

The server is the production configuration (WhiteNoise, hashed static files, DEBUG off) on its own
database, prepared like a fresh `make run`: migrations, bootstrap, demo content, search index. With
DATABASE_URL set (CI) that database is a PostgreSQL one beside the test database; otherwise a SQLite
file in a temporary folder. Nothing here touches the database of the other tests.

Every page the tests open is watched for Content-Security-Policy violations (the production policy,
sent by the server): a test during which the browser blocked anything fails, with what was blocked.

Without Chromium (or Playwright) every test here is skipped with a message saying what is missing.
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import free_port, production_environment, wait_for

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "e2e-correct-horse-battery"

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _missing():
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (
            f"browser tests skipped: no Chromium at {CHROMIUM} "
            "(install Debian's 'chromium' package, or set CHROMIUM_PATH)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: Playwright for Python is not installed (make install)"
    return None


MISSING = _missing()

# Playwright's synchronous API leaves its thread looking like it runs an event loop, and Django then
# refuses every database call from that thread (SynchronousOnlyOperation). In `make test` a worker
# runs browser tests and database tests in one process: as Playwright's own documentation advises
# for Django, the check is turned off for the test processes (the site under test is another process).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(config, items):
    if MISSING and os.environ.get("E2E_REQUIRED"):
        raise pytest.UsageError(f"E2E_REQUIRED is set but {MISSING}")
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
            if "story" in getattr(item, "fixturenames", ()):
                # the steps of a journey build on each other through their module's ``story``: in a
                # parallel run (pytest -n, --dist loadgroup) one worker takes the whole module, in
                # order. Other browser tests go to any worker; each worker that runs one builds its
                # own site, in parallel with the other's.
                item.add_marker(pytest.mark.xdist_group(f"e2e-{Path(item.fspath).stem}"))
            if MISSING:
                item.add_marker(pytest.mark.skip(reason=MISSING))


class PolicyWatch:
    """Collects the Content-Security-Policy violations of every browser context it watches.

    Two sources, because neither sees everything: the page's ``securitypolicyviolation`` events
    (blocked URI, directive, where) and Chromium's console errors (which also cover pages where the
    watching script cannot run, such as those opened with JavaScript off).
    """

    SCRIPT = """
        window.__cspReports = [];
        document.addEventListener("securitypolicyviolation", (event) => {
            const report = {
                page: document.location.href,
                directive: event.effectiveDirective,
                blocked: event.blockedURI,
                source: `${event.sourceFile}:${event.lineNumber}`,
                sample: event.sample,
            };
            window.__cspReports.push(report);
            window.__reportCspViolation(report);
        });
    """

    def __init__(self):
        self.reports = []
        self.contexts = []

    def watch(self, context):
        context.expose_binding("__reportCspViolation", lambda source, report: self.reports.append(report))
        context.add_init_script(self.SCRIPT)
        context.on("console", self._console)
        self.contexts.append(context)

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.reports.append({"page": message.page.url if message.page else "?", "console": message.text})

    def take(self):
        """The violations reported since the last call (and forget them)."""
        from playwright.sync_api import Error

        for context in self.contexts:
            for page in context.pages:
                # a round trip, so that the reports the page already sent are received; a page closing
                # meanwhile has nothing more to say
                with contextlib.suppress(Error):
                    page.evaluate("0")
        self.contexts = [context for context in self.contexts if context.pages]
        reports, self.reports = self.reports, []
        return reports


CSP = PolicyWatch()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A browser test fails when the browser blocked anything under the site's policy."""
    try:
        result = yield
    except BaseException:
        # the test failed already; what the policy blocked may be why (a script that did not run)
        violations = CSP.take()
        if violations:
            item.add_report_section("call", "CSP violations", _described(violations))
        raise
    violations = CSP.take()
    if violations:
        pytest.fail(
            f"the Content-Security-Policy blocked something:\n{_described(violations)}", pytrace=False
        )
    return result


def _described(violations):
    return "\n".join(json.dumps(report, ensure_ascii=False) for report in violations)


def pytest_report_header(config):
    return MISSING or f"browser tests: Chromium at {CHROMIUM}"


def _database_url(tmp):
    """A database of the server's own (of this worker's): PostgreSQL beside DATABASE_URL's, or a SQLite
    file in this worker's temporary folder."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'e2e.sqlite3'}"
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    # one per worker of a parallel run (pytest -n): each builds and drives its own site
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    name = f"{config['NAME']}_e2e" + (f"_{worker}" if worker else "")
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"


class Site:
    """The running server: its address, and management commands run against its database."""

    def __init__(self, url, env):
        self.url = url
        self.env = env

    def manage(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def python(self, code):
        """Run ``code`` in a Django shell of the server (for looking up ids), return what it prints."""
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def page_id(self, model, language, **filters):
        lookup = ", ".join(f"{key}={value!r}" for key, value in filters.items())
        return int(
            self.python(
                f"from pages.models import {model}; "
                f"print({model}.objects.filter(locale__language_code={language!r}, {lookup}).get().pk)"
            )
        )


USERS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from moderation import roles
User = get_user_model()
for username, first, last, groups in [
    ("edith", "Edith", "Editor", [roles.EDITORS]),
    ("morgan", "Morgan", "Moderator", [roles.MODERATORS]),
    ("tom", "Tom", "Translator", [roles.TRANSLATORS, roles.translators_group_name("en")]),
]:
    user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
    user.first_name, user.last_name = first, last
    user.set_password({password!r})
    user.save()
    user.groups.set(Group.objects.filter(name__in=groups))
"""


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    if os.environ.get("E2E_SITE_URL"):
        # while writing tests: a server you already run (`make run`), with its own database
        env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
        env["DJANGO_SETTINGS_MODULE"] = os.environ.get("E2E_SITE_SETTINGS", "cms.settings.dev")
        server = Site(os.environ["E2E_SITE_URL"].rstrip("/"), env)
        server.python(USERS.replace("{password!r}", repr(PASSWORD)))
        yield server
        return
    tmp = tmp_path_factory.mktemp("e2e-site")
    port = free_port()
    env = production_environment(
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        SERVE_MEDIA="1",
        DATABASE_URL=_database_url(tmp),
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SITE_URL=f"http://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
        # its own search indices when OPENSEARCH_URL is set (CI): another worker's site rebuilds its own
        SEARCH_INDEX_PREFIX=f"toolbox_e2e_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_",
    )
    server = Site(f"http://127.0.0.1:{port}", env)
    for command in (
        ["migrate", "--noinput"],
        ["bootstrap"],
        ["load_demo"],
        ["update_index", "--catalogue-only"],
        ["collectstatic", "--noinput"],
    ):
        server.manage(*command)
    server.python(USERS.replace("{password!r}", repr(PASSWORD)))
    log = open(tmp / "server.log", "w")  # noqa: SIM115  (open for the server's whole life)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"{server.url}/fr/", process, tmp / "server.log")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser(django_db_setup):
    # The test database first: once Playwright's synchronous API has started, this thread counts as
    # running an event loop, and Django refuses to create a database from one. Without it, a worker of
    # `make test` that happened to start with a browser test failed every database test after it.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        )
        yield browser
        browser.close()


def new_page(browser, site, *, locale="fr-FR", viewport=DESKTOP, javascript=True):
    context = browser.new_context(
        base_url=site.url, locale=locale, viewport=viewport, java_script_enabled=javascript
    )
    context.set_default_timeout(15_000)
    CSP.watch(context)
    return context.new_page()


@pytest.fixture
def visitor(browser, site):
    """A French-speaking visitor on a desktop screen."""
    page = new_page(browser, site)
    yield page
    page.context.close()


def sign_in(page, username):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def screenshot(page, name):
    """Keep a full-page picture for reviewers, in the git-ignored test-artifacts folder."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.fixture(scope="session")
def artifacts():
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS / "screenshots", ignore_errors=True)
    return ARTIFACTS


@pytest.fixture
def after(story):
    """A journey's later step skips, saying which, when an earlier step of its module's ``story`` failed."""

    def needs(step):
        if not story.get(step):
            pytest.skip(f"needs the step '{step}', which did not succeed")

    return needs
