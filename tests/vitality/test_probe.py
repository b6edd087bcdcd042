"""One check of one address meets what a visitor would: answers, failures, and "could not check"."""

import socket
import time

import pytest

from tests.harvest import http
from tests.harvest.http import Answer
from vitality import probe

http_server = http.http_server  # the fixture: a LocalServer started for the test
FAST = probe.Limits(connect=1, read=1, total=3)


def test_a_page_that_answers_answers_with_its_time(http_server):
    http_server.route("/", Answer("<html>hello</html>"))
    outcome = probe.check(http_server.address("/"))
    assert (outcome.state, outcome.reason, outcome.status) == ("answers", "ok", 200)
    assert outcome.elapsed_ms is not None
    assert "OGP Toolbox link checker" in http_server.seen("/")[0].headers["User-Agent"]


def test_redirect_chains_are_followed_to_the_final_address_even_on_another_host(http_server):
    http_server.route("/old", Answer(status=301, redirect="/older"))
    http_server.route("/older", Answer(status=308, redirect=http_server.address("/new", host="localhost")))
    http_server.route("/new", Answer("moved here"))
    outcome = probe.check(http_server.address("/old"))
    assert outcome.state == "answers"
    assert outcome.final_url == http_server.address("/new", host="localhost")
    assert outcome.redirects == 2


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "not-found"), (410, "gone"), (500, "server-error"), (400, "client-error")]
)
def test_error_answers_fail_with_their_reason(http_server, status, reason):
    http_server.route("/", Answer("no", status=status))
    outcome = probe.check(http_server.address("/"))
    assert (outcome.state, outcome.reason, outcome.status) == ("fails", reason, status)


def test_a_site_that_keeps_robots_out_is_alive(http_server):
    http_server.route("/", Answer("forbidden", status=403))
    assert probe.check(http_server.address("/")).state == "answers"


def test_a_redirect_loop_is_detected(http_server):
    http_server.route("/a", Answer(status=302, redirect="/b"))
    http_server.route("/b", Answer(status=302, redirect="/a"))
    outcome = probe.check(http_server.address("/a"))
    assert (outcome.state, outcome.reason) == ("fails", "redirect-loop")
    assert len(http_server.seen()) == 2


def test_too_many_redirects_stop(http_server):
    for number in range(15):
        http_server.route(f"/{number}", Answer(status=302, redirect=f"/{number + 1}"))
    outcome = probe.check(http_server.address("/0"), limits=probe.Limits(redirects=5))
    assert outcome.reason == "too-many-redirects"
    assert len(http_server.seen()) == 6


def test_a_server_that_does_not_answer_in_time_fails_within_the_limit(http_server):
    http_server.route("/", Answer("late", delay=3))
    started = time.monotonic()
    outcome = probe.check(http_server.address("/"), limits=probe.Limits(connect=1, read=0.5, total=2))
    assert (outcome.state, outcome.reason) == ("fails", "timeout")
    assert time.monotonic() - started < 2.5


def test_a_huge_body_is_not_read(http_server):
    chunks = (b"x" * 65536 for _ in range(100_000))  # 6.5 GB, sent slowly
    http_server.route("/", Answer(chunks, trickle=0.01))
    started = time.monotonic()
    outcome = probe.check(http_server.address("/"), limits=FAST)
    assert outcome.state == "answers"
    assert time.monotonic() - started < 2


def test_a_huge_api_answer_is_refused_at_the_size_limit(http_server):
    http_server.route(
        "/api", Answer(b"[" + b"1," * 2_000_000 + b"1]", headers={"Content-Type": "application/json"})
    )
    outcome = probe.check(http_server.address("/api"), json_body=True, limits=probe.Limits(max_bytes=100_000))
    assert (outcome.state, outcome.reason, outcome.data) == ("unknown", "too-large", None)


def test_a_rate_limit_answer_says_how_long_to_wait(http_server):
    http_server.route("/", Answer("slow down", status=429, headers={"Retry-After": "120"}))
    outcome = probe.check(http_server.address("/"))
    assert (outcome.state, outcome.reason, outcome.retry_after) == ("unknown", "rate-limited", 120.0)


def test_a_tls_failure_fails(http_server):
    # a plain HTTP server asked over TLS: the handshake fails as with a broken certificate
    http_server.route("/", Answer("plain"))
    outcome = probe.check(http_server.address("/").replace("http://", "https://"), limits=FAST)
    assert (outcome.state, outcome.reason) == ("fails", "tls")


def test_a_refused_connection_fails():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    outcome = probe.check(f"http://127.0.0.1:{port}/", limits=FAST)
    assert (outcome.state, outcome.reason) == ("fails", "refused")


def test_a_name_that_cannot_be_resolved_is_unknown_never_failing(monkeypatch):
    # what an offline machine meets: no name resolves (socket's resolver stands in for the network)
    def no_network(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    outcome = probe.check("https://decidim.org/", limits=FAST)
    assert (outcome.state, outcome.reason) == ("unknown", "dns")


def test_private_addresses_are_not_asked_where_refused(settings, http_server):
    settings.HARVEST_PRIVATE_ADDRESSES = False
    outcome = probe.check(http_server.address("/"))
    assert (outcome.state, outcome.reason) == ("unknown", "not-public")
    assert http_server.seen() == []


@pytest.mark.parametrize(
    "address", ["mailto:someone@example.org", "ftp://example.org/", "http://", "http://x:y/"]
)
def test_what_is_no_web_address_is_not_asked(address):
    assert probe.check(address).reason == "not-web"


def test_a_token_for_an_api_never_follows_a_redirect_to_another_host(http_server):
    http_server.route(
        "/api", Answer(status=302, redirect=http_server.address("/elsewhere", host="localhost"))
    )
    http_server.route("/elsewhere", Answer("{}", headers={"Content-Type": "application/json"}))
    probe.check(http_server.address("/api"), headers={"Authorization": "Bearer secret"}, json_body=True)
    assert http_server.seen("/api")[0].headers["Authorization"] == "Bearer secret"
    assert http_server.seen("/elsewhere")[0].headers["Authorization"] is None


def test_control_characters_from_a_server_are_not_kept(http_server):
    http_server.route("/old", Answer(status=302, headers={"Location": "/a\x00b"}))
    http_server.route("/a%00b", Answer("ok"))
    outcome = probe.check(http_server.address("/old"))
    assert "\x00" not in outcome.final_url


def test_a_server_trickling_its_headers_is_cut_at_the_check_s_deadline():
    # one byte of headers every 0.3 s: each read is quick, the whole never ends
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]

    def trickle():
        connection, _address = listener.accept()
        with connection:
            connection.recv(4096)
            try:
                connection.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                for _ in range(100):
                    connection.sendall(b"x")
                    time.sleep(0.3)
            except OSError:
                pass

    import threading

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    started = time.monotonic()
    outcome = probe.check(f"http://127.0.0.1:{port}/", limits=probe.Limits(connect=1, read=1, total=2))
    assert (outcome.state, outcome.reason) == ("fails", "timeout")
    assert time.monotonic() - started < 3
    listener.close()


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("10.0.0.1", False),
        ("169.254.169.254", False),
        ("::ffff:169.254.169.254", False),
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of the cloud metadata address
        ("2002:a9fe:a9fe::1", False),  # 6to4 of the same
        ("2606:4700::1111", True),
        ("not an address", False),
    ],
)
def test_what_counts_as_a_public_address(address, public):
    assert probe.is_public(address) is public


def test_a_name_is_resolved_once_and_the_check_connects_to_the_vetted_address(settings, monkeypatch):
    settings.HARVEST_PRIVATE_ADDRESSES = False
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443))]])

    def resolve(host, *args, **kwargs):
        return next(answers)  # a second lookup (rebinding) would raise StopIteration

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    pool, target, host = probe._route("https://example.org/path?q=1", probe.new_pool_manager())
    assert (pool.host, target, host) == ("93.184.216.34", "/path?q=1", "example.org")
    pool.close()


def test_a_name_that_resolves_to_a_private_address_is_not_asked(settings, monkeypatch):
    settings.HARVEST_PRIVATE_ADDRESSES = False
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("64:ff9b::a9fe:a9fe", 80, 0, 0))],
    )
    assert probe.check("http://rebind.example/").reason == "not-public"
