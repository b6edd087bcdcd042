"""What the tests that start a real server (browser tests, the database outage) share."""

import os
import socket
import threading
import time
import urllib.error
import urllib.request

# set in the test processes only (tests/e2e/conftest.py: Playwright's synchronous API), never in the
# environment of a server or a command they start: `check --deploy` rightly refuses it
TEST_PROCESS_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE"}

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
        if key not in {"ELASTICSEARCH_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", *TEST_PROCESS_ONLY}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=TEST_SECRET_KEY,
        SECURE_SSL_REDIRECT="0",
        # every request of a test comes from 127.0.0.1: the rate limit has tests of its own (tests/caching)
        EXPENSIVE_ANSWERS_LIMIT="1000000",
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


class HangingServer:
    """A local socket that accepts every connection and never writes a byte (a hanging engine or edge)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.connections = []
        self.hung_up = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                connection, _address = self.socket.accept()
            except TimeoutError:
                continue
            self.connections.append(connection)  # kept open, never answered

    def wait_for_connection(self, count=1, timeout=10):
        """Whether ``count`` connections have come within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while len(self.connections) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return len(self.connections) >= count

    def hang_up(self):
        """Close the connections held so far, unanswered (their clients see the server go away)."""
        self.hung_up = True
        for connection in list(self.connections):
            connection.close()

    def close(self):
        self._stop.set()
        self._thread.join()
        for connection in self.connections:
            connection.close()
        self.socket.close()
