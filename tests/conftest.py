"""Shared fixtures: one test database per run (per worker of a parallel run) with the bootstrapped
site, the demo catalogue and the linked catalogue of tests/factories.py, built once.

Each test runs in a transaction rolled back at its end, so it may change anything it likes.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import setting_changed

from cms.catalogues import compile_catalogues
from moderation import roles
from tests.factories import share_linked_catalogue, translated_tool
from tests.helpers.timing import SlowTests
from tests.helpers.users import client_for, make_user


def pytest_configure(config):
    # the slow-test report (tests/helpers/timing.py): a plugin, so that it also sees session fixtures
    config.pluginmanager.register(SlowTests(), "slow-tests")


def _uses_database(item):
    # pytest-django's own test (fixtures._get_databases_for_test): a django_db mark, or a fixture
    # that needs the database
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    if not any(_uses_database(item) for item in request.session.items):
        # no test of this run needs a database (the browser tests alone, say): pytest-django set up
        # none, and the database settings still name the real one, which must not be touched
        return
    if compile_catalogues():
        # a catalogue was missing or stale (a fresh work tree run without `make messages`): the
        # translations this process may have loaded already are read again, as Django does when
        # LOCALE_PATHS changes, so that no test sees the interface in English
        setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)
    with django_db_blocker.unblock():
        call_command("bootstrap", verbosity=0)
        call_command("load_demo", verbosity=0)
        share_linked_catalogue()


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
