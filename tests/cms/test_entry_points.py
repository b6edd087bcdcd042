"""The server entry points never fall back to the development settings."""

import os
import subprocess
import sys

import pytest

from tests.cms.test_settings import ROOT
from tests.servers import TEST_PROCESS_ONLY


@pytest.mark.parametrize("module", ["cms.wsgi", "cms.asgi"])
def test_a_server_started_without_settings_gets_the_production_ones(module):
    # a forgotten DJANGO_SETTINGS_MODULE must not serve DEBUG pages with a development key: the
    # production settings refuse to start without a secret key instead
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", *TEST_PROCESS_ONLY}
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment in production" in result.stderr
