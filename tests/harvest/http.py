"""A small HTTP server on 127.0.0.1 for the harvest tests: it plays the publishers of the sources.

Each path answers what the test says (an ``Answer``: status, headers, body, a delay before the
headers, a trickle between chunks, a redirect), or a sequence of answers given in turn (the last one
repeated), or a function of the request. Files and folders can be mounted at the paths their
publishers use, with the ETag and Last-Modified a static server gives them; answers carrying those
headers honour conditional requests with a 304, as such a server would. Every request is recorded,
so that a test can say what the client sent and how often.

    with LocalServer() as server:
        server.route("/dpgs/index.json", Answer(b"[]", headers={"Content-Type": "application/json"}))
        server.mount("/api/", FIXTURES / "sill")
        fetch(server.address("/dpgs/index.json"))
        assert server.seen("/dpgs/index.json")[0].headers["User-Agent"]

or through the ``http_server`` fixture (import it into the test module).
"""

import email.utils
import hashlib
import mimetypes
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# what mimetypes does not know everywhere, and what the sources publish
MEDIA_TYPES = {".yml": "application/yaml", ".yaml": "application/yaml", ".json": "application/json"}


@dataclass
class Answer:
    """What a path answers. ``body`` is bytes, text (sent as UTF-8) or an iterable of byte chunks
    (streamed as they come, without a Content-Length unless ``headers`` gives one)."""

    body: bytes | str | Iterable[bytes] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line (a server slow to answer)
    trickle: float = 0.0  # seconds between the chunks of an iterable body (a server slow to send)
    redirect: str = ""  # a Location (relative or absolute); the status is then 302 unless given


@dataclass
class Request:
    method: str
    path: str  # with its query string
    headers: object  # http.client.HTTPMessage: ``headers["If-None-Match"]``, case-insensitive
    at: float = field(default_factory=time.monotonic)  # when it came (time.monotonic)


class LocalServer:
    """A threaded HTTP/1.0 server on a free port of 127.0.0.1 (a connection per request)."""

    def __init__(self, routes=None):
        self._routes = {}
        self._turns = {}
        self._lock = threading.Lock()
        self._busy = 0
        self.max_busy = 0  # the most requests handled at once (politeness tests)
        self.requests = []
        for path, answer in (routes or {}).items():
            self.route(path, answer)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        # a handler still sending to a client that gave up must not hold back the end of the test
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = None

    # what is served

    def route(self, path, *answers):
        """``path`` answers ``answers`` in turn, then the last again. An answer is an ``Answer``, or a
        function of the ``Request`` returning one."""
        if len(answers) == 1 and isinstance(answers[0], (list, tuple)):
            answers = tuple(answers[0])
        with self._lock:
            self._routes[path] = list(answers)
            self._turns[path] = 0
        return self

    __setitem__ = route

    def serve_file(self, path, file, content_type=None):
        """The file's bytes at ``path``, read at each request, with the validators of a static server."""
        file = Path(file)
        return self.route(path, lambda request: file_answer(file, content_type))

    def mount(self, prefix, folder):
        """Every file under ``folder`` at ``prefix`` + its relative path (``/api/`` + ``sill.json``)."""
        folder = Path(folder)
        prefix = prefix if prefix.endswith("/") else prefix + "/"
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                self.serve_file(prefix + file.relative_to(folder).as_posix(), file)
        return self

    def address(self, path="/", host="127.0.0.1"):
        """The absolute address of ``path`` on this server (``host="localhost"``: the same server
        under another host name)."""
        return f"http://{host}:{self.port}{path}"

    # what was asked

    def seen(self, path=None):
        """The requests received (for ``path`` only, if given), in order."""
        with self._lock:
            return [request for request in self.requests if path is None or request.path == path]

    def wait_idle(self, timeout=2.0):
        """Whether every handler has finished within ``timeout`` seconds (say, stopped streaming to a
        client that hung up)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._busy:
                    return True
            time.sleep(0.01)
        return False

    # life

    def start(self):
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()
        return self

    def close(self):
        if self._thread:
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    # for the handler

    def _answer_for(self, request):
        with self._lock:
            self.requests.append(request)
            path = request.path
            if path not in self._routes:
                path = request.path.split("?", 1)[0]
            answers = self._routes.get(path)
            if not answers:
                return Answer(b"not found", status=404, headers={"Content-Type": "text/plain"})
            turn = self._turns[path]
            self._turns[path] = turn + 1
            answer = answers[min(turn, len(answers) - 1)]
        return answer(request) if callable(answer) else answer

    def _enter(self, step):
        with self._lock:
            self._busy += step
            self.max_busy = max(self.max_busy, self._busy)


def file_answer(file, content_type=None):
    data = file.read_bytes()
    content_type = content_type or MEDIA_TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0]
    return Answer(
        data,
        headers={
            "Content-Type": content_type or "application/octet-stream",
            "ETag": f'"{hashlib.sha256(data).hexdigest()[:16]}"',
            "Last-Modified": email.utils.formatdate(file.stat().st_mtime, usegmt=True),
        },
    )


def not_modified(request, answer):
    """Whether a conditional request matches the answer's validators, as a static server decides."""
    if answer.status != 200:
        return False
    etag = answer.headers.get("ETag")
    asked = request.headers.get("If-None-Match")
    if asked is not None:
        # the weak comparison of RFC 9110: W/ does not matter for GET
        def tags(value):
            return {tag.strip().removeprefix("W/") for tag in value.split(",")}

        return etag is not None and ("*" in tags(asked) or tags(etag) & tags(asked) != set())
    since = request.headers.get("If-Modified-Since")
    modified = answer.headers.get("Last-Modified")
    if since and modified:
        try:
            return email.utils.parsedate_to_datetime(modified) <= email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _handler_for(server):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            server._enter(1)
            request = Request(self.command, self.path, self.headers)
            try:
                self._answer(request, server._answer_for(request))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client hung up: what a harvester does on a huge or slow answer
            finally:
                server._enter(-1)

        do_HEAD = do_GET

        def _answer(self, request, answer):
            if answer.delay:
                time.sleep(answer.delay)
            headers = dict(answer.headers)
            status = answer.status
            if answer.redirect:
                headers["Location"] = answer.redirect
                status = status if 300 <= status < 400 else 302
            body = answer.body
            if not_modified(request, answer):
                status, body = 304, b""
                headers = {
                    name: value for name, value in headers.items() if name in {"ETag", "Last-Modified"}
                }
            if isinstance(body, str):
                body = body.encode()
            if isinstance(body, bytes) and "Content-Length" not in headers:
                headers["Content-Length"] = str(len(body))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command == "HEAD" or status == 304:
                return
            chunks = [body] if isinstance(body, bytes) else body
            for number, chunk in enumerate(chunks):
                if number and answer.trickle:
                    time.sleep(answer.trickle)
                self.wfile.write(chunk)
                self.wfile.flush()

        def log_message(self, format, *args):
            pass  # the test's output is not the place for an access log

    return Handler


@pytest.fixture
def http_server():
    with LocalServer() as server:
        yield server
