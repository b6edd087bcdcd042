"""What the tests that start a real server (browser tests, the database outage) share."""

import os
import socket

# production refuses a key shorter than 50 characters
TEST_SECRET_KEY = "test-server-only-not-secret-" + "x" * 50


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
