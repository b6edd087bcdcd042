"""Shared fixtures: one test database per run (per worker of a parallel run) with the bootstrapped
site, the demo catalogue and the linked catalogue of tests/factories.py, built once.

Each test runs in a transaction rolled back at its end, so it may change anything it likes.
"""

import os
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import setting_changed

from cms.catalogues import compile_catalogues
from moderation import roles
from tests.factories import share_linked_catalogue, translated_tool
from tests.helpers.users import client_for, make_user

# A test that takes longer than this on its own (its set-up and call, not the session's) is marked
# ``slow``; the others that do are named at the end of the run, so that a slow newcomer is seen.
SLOW_SECONDS = float(os.environ.get("SLOW_TEST_SECONDS", "10"))
_own_seconds = {}  # test id → (seconds, marked slow)
_session_seconds = []  # the session's set-up, measured where it ran, until a test's report carries it


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "setup" and _session_seconds:
        # it ran inside this test's set-up (on this worker): the report says how much was the session's
        outcome.get_result().user_properties.append(("session_setup_seconds", _session_seconds.pop()))


def pytest_runtest_logreport(report):
    if report.when not in ("setup", "call"):
        return
    seconds = report.duration - sum(v for k, v in report.user_properties if k == "session_setup_seconds")
    total, slow = _own_seconds.get(report.nodeid, (0.0, False))
    _own_seconds[report.nodeid] = (total + seconds, slow or "slow" in report.keywords)


def pytest_terminal_summary(terminalreporter):
    unmarked = sorted(
        (
            (seconds, test)
            for test, (seconds, slow) in _own_seconds.items()
            if seconds > SLOW_SECONDS and not slow
        ),
        reverse=True,
    )
    if unmarked:
        terminalreporter.section(f"tests over {SLOW_SECONDS} s without the slow marker")
        for seconds, test in unmarked:
            terminalreporter.write_line(f"{seconds:6.1f} s  {test}")


@pytest.fixture(scope="session")
def _session_clock():
    return time.monotonic()


@pytest.fixture(scope="session")
def django_db_setup(_session_clock, django_db_setup, django_db_blocker):
    # the clock starts before pytest-django's ``django_db_setup`` creates the (per-worker) database
    if compile_catalogues():
        # a catalogue was missing or stale (a fresh work tree run without `make messages`): the
        # translations this process may have loaded already are read again, as Django does when
        # LOCALE_PATHS changes, so that no test sees the interface in English
        setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)
    with django_db_blocker.unblock():
        call_command("bootstrap", verbosity=0)
        call_command("load_demo", verbosity=0)
        share_linked_catalogue()
    _session_seconds.append(time.monotonic() - _session_clock)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Wagtail caches site root paths; a rolled-back test must not leave them to the next one. No
    # database here: a test that needs one says so (``django_db``, ``db``, or a fixture that uses it),
    # and the others run without the session's set-up.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def uncached(settings):
    """Pages rendered for each request: the whole-answer cache (caching/, setting PAGE_CACHE) off."""
    settings.PAGE_CACHE = False


@pytest.fixture
def editor(db):
    return make_user("edith", roles.EDITORS, last_name="Editor")


@pytest.fixture
def moderator(db):
    return make_user("morgan", roles.MODERATORS, last_name="Moderator")


@pytest.fixture
def translator_es(db):
    return make_user("tomas", roles.TRANSLATORS, roles.translators_group_name("es"), last_name="Translator")


@pytest.fixture
def superuser(db):
    return make_user("ada", is_superuser=True, is_staff=True)


@pytest.fixture
def editor_client(client, editor):
    return client_for(client, editor)


@pytest.fixture
def moderator_client(client, moderator):
    return client_for(client, moderator)


@pytest.fixture
def translated_calculix(db):
    """A published tool, Calculix, in French with its English and Spanish translations."""
    return translated_tool()
