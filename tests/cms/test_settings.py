"""Settings come from the environment, with defaults that need nothing installed."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import TEST_PROCESS_ONLY

ROOT = Path(__file__).resolve().parents[2]
# long and varied enough for the production settings (and for check --deploy)
KEY = "test-settings-key-Xq7vR2mK9pL4sT8wZ1nB6cD3fG5hJ0yU"


PROBE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'search': settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
    "'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG, "
    "'hosts': settings.ALLOWED_HOSTS}))"
)


def run(settings_module, *args, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "ELASTICSEARCH_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "FRESHNESS_FILE",
            *TEST_PROCESS_ONLY,
        }
        and not key.startswith(("SECURE_", "CSP_", "SITE_URL", "WAGTAILADMIN_"))
    }
    env.update(DJANGO_SETTINGS_MODULE=settings_module, **environment)
    command = [sys.executable, *(args or ["-c", PROBE])]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


def settings_of(settings_module, **environment):
    result = run(settings_module, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_nothing_set_means_sqlite_database_search_and_memory_cache():
    found = settings_of("cms.settings.dev")
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"].endswith("db.sqlite3")
    assert found["search"] == "wagtail.search.backends.database"
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_database_and_redis_urls_select_postgresql_and_redis():
    found = settings_of(
        "cms.settings.dev",
        DATABASE_URL="postgres://toolbox:secret@db.example:5433/catalogue",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["name"] == "catalogue"
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_production_refuses_to_start_without_a_secret_key():
    result = run("cms.settings.production", ALLOWED_HOSTS="toolbox.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run("cms.settings.production", SECRET_KEY=KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both_and_debug_off():
    found = settings_of(
        "cms.settings.production", SECRET_KEY=KEY, ALLOWED_HOSTS="toolbox.example,www.toolbox.example"
    )
    assert found["hosts"] == ["toolbox.example", "www.toolbox.example"]
    assert found["debug"] is False


def test_production_refuses_to_start_with_a_short_secret_key():
    result = run("cms.settings.production", SECRET_KEY=KEY[:49], ALLOWED_HOSTS="toolbox.example")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak for production: it needs at least 50 characters" in result.stderr


def test_production_refuses_to_start_with_a_key_django_generated_for_development():
    result = run(
        "cms.settings.production", SECRET_KEY="django-insecure-" + KEY, ALLOWED_HOSTS="toolbox.example"
    )
    assert result.returncode != 0
    assert "SECRET_KEY is too weak for production" in result.stderr


@pytest.mark.parametrize(
    "key,reason",
    [
        (" " * 60 + "abcde", "20 different characters and no spaces"),
        ("change-me-to-a-long-random-string-of-at-least-fifty-characters-0123456789", "placeholder"),
    ],
    ids=["spaces-and-five-letters", "example-placeholder"],
)
def test_production_refuses_keys_that_pass_djangos_rules_but_are_not_secret(key, reason):
    result = run("cms.settings.production", SECRET_KEY=key, ALLOWED_HOSTS="toolbox.example")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak for production" in result.stderr
    assert reason in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run(
        "cms.settings.production",
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=KEY,
        ALLOWED_HOSTS="toolbox.example",
        SITE_URL="https://toolbox.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_checks_refuse_to_go_on_without_the_public_address():
    result = run(
        "cms.settings.production", "manage.py", "check", SECRET_KEY=KEY, ALLOWED_HOSTS="toolbox.example"
    )
    assert result.returncode != 0
    assert "cms.E001" in result.stderr and "SITE_URL is not set" in result.stderr


ADDRESS_PROBE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps([settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL]))"
)


def addresses(settings_module, **environment):
    result = run(settings_module, "-c", ADDRESS_PROBE, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_admin_links_follow_the_public_address_unless_set_on_their_own():
    env = {"SECRET_KEY": KEY, "ALLOWED_HOSTS": "toolbox.example"}
    assert addresses("cms.settings.production", SITE_URL="https://toolbox.example/", **env) == [
        "https://toolbox.example",
        "https://toolbox.example",
    ]
    assert addresses(
        "cms.settings.production",
        SITE_URL="https://toolbox.example",
        WAGTAILADMIN_BASE_URL="https://admin.toolbox.example",
        **env,
    ) == ["https://toolbox.example", "https://admin.toolbox.example"]
    # development: the address `make run` serves
    assert addresses("cms.settings.dev") == ["", "http://127.0.0.1:8000"]


HSTS_PROBE = (
    "import django; django.setup(); "
    "from django.http import HttpResponse; from django.test import RequestFactory; "
    "from django.middleware.security import SecurityMiddleware; "
    "response = SecurityMiddleware(lambda request: HttpResponse())(RequestFactory().get('/', secure=True)); "
    "print(response.get('Strict-Transport-Security', 'none'))"
)


def hsts_header(**environment):
    result = run(
        "cms.settings.production",
        "-c",
        HSTS_PROBE,
        SECRET_KEY=KEY,
        ALLOWED_HOSTS="toolbox.example",
        **environment,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_sends_hsts_for_a_year_with_subdomains_by_default():
    assert hsts_header() == "max-age=31536000; includeSubDomains"


@pytest.mark.slow  # starts the production settings in a subprocess per case
def test_hsts_is_set_by_the_environment():
    assert hsts_header(SECURE_HSTS_SECONDS="300", SECURE_HSTS_INCLUDE_SUBDOMAINS="0") == "max-age=300"
    assert hsts_header(SECURE_HSTS_PRELOAD="1") == "max-age=31536000; includeSubDomains; preload"
    assert hsts_header(SECURE_HSTS_SECONDS="0") == "none"


def test_env_example_lists_every_variable_the_settings_read():
    sources = [*(ROOT / "cms" / "settings").glob("*.py"), ROOT / "site" / "gunicorn.conf.py"]
    read = set()
    for source in sources:
        read |= set(
            re.findall(
                r'(?:environ(?:\.get)?\(|environ\[|env_bool\(|env_list\()"([A-Z_]+)"', source.read_text()
            )
        )
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / "site" / "env.example").read_text(), re.MULTILINE))
    # set by pytest-xdist for each of its workers (cms/settings/test.py), never by an operator
    set_by_tools = {"PYTEST_XDIST_WORKER"}
    assert read - listed - set_by_tools == set()


@pytest.mark.parametrize("debug", ["true", "1", "yes", "on", "True"])
def test_production_refuses_to_start_with_debug_on(debug):
    # Django's technical error pages would show visitors the settings, the code and the queries
    result = run("cms.settings.production", SECRET_KEY=KEY, ALLOWED_HOSTS="toolbox.example", DEBUG=debug)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG is on (DEBUG in the environment) and production refuses to start" in (
        result.stderr
    )


def test_production_starts_with_debug_said_off():
    found = settings_of(
        "cms.settings.production", SECRET_KEY=KEY, ALLOWED_HOSTS="toolbox.example", DEBUG="false"
    )
    assert found["debug"] is False


FRESHNESS_PROBE = (
    "import django; django.setup(); from core import freshness; "
    "first = freshness.generation(); freshness.bump(); print(first != freshness.generation())"
)


@pytest.mark.parametrize("settings_module", ["cms.settings.dev", "cms.settings.production"])
def test_the_freshness_file_is_the_one_the_environment_names(tmp_path, settings_module):
    # without Redis, every process of the machine reads the content generation from this file
    path = tmp_path / "shared" / "generation"
    result = run(
        settings_module,
        "-c",
        FRESHNESS_PROBE,
        SECRET_KEY=KEY,
        ALLOWED_HOSTS="toolbox.example",
        FRESHNESS_FILE=str(path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
    assert path.read_text().isdigit()


CONNECTION_PROBE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "database = settings.DATABASES['default']; "
    "print(json.dumps([database['CONN_MAX_AGE'], database['CONN_HEALTH_CHECKS']]))"
)


def test_kept_database_connections_are_checked_before_reuse():
    result = run(
        "cms.settings.production",
        "-c",
        CONNECTION_PROBE,
        SECRET_KEY=KEY,
        ALLOWED_HOSTS="toolbox.example",
        DATABASE_URL="postgres://toolbox@127.0.0.1:5432/toolbox",
        DATABASE_CONN_MAX_AGE="60",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [60, True]
