"""Settings come from the environment, with defaults that need nothing installed."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'search': settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
    "'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG, "
    "'hosts': settings.ALLOWED_HOSTS}))"
)


def run(settings_module, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}
    }
    env.update(DJANGO_SETTINGS_MODULE=settings_module, **environment)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)


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
    result = run("cms.settings.production", SECRET_KEY="s3cret")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both_and_debug_off():
    found = settings_of(
        "cms.settings.production", SECRET_KEY="s3cret", ALLOWED_HOSTS="toolbox.example,www.toolbox.example"
    )
    assert found["hosts"] == ["toolbox.example", "www.toolbox.example"]
    assert found["debug"] is False
