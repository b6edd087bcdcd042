"""What the tests that start a real server (browser tests, the database outage) share."""

import os
import socket
import time
import urllib.error
import urllib.request

# production refuses a key shorter than 50 characters
TEST_SECRET_KEY = "test-server-only-not-secret-aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0z"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(**settings):
    """This process's environment for a server with the production settings on plain http 127.0.0.1.

    Without the search engine and the cache this run may point at (the server has its own data).
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ELASTICSEARCH_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=TEST_SECRET_KEY,
        SECURE_SSL_REDIRECT="0",
    )
    env.update(settings)
    return env


def wait_for(url, process, log_path, timeout=60, any_answer=False):
    """Wait until the server ``process`` answers ``url`` (with 200, or with anything if ``any_answer``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError:
            if any_answer:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer {url} within {timeout} s:\n{log_path.read_text()}")
