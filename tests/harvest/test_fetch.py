"""Fetching a source's documents: conditional requests, the User-Agent, and every limit a harvest
needs against a real local server that misbehaves on purpose (tests/harvest/http.py)."""

import gzip
import socket
import threading

import pytest
from django.utils import translation

from harvest.fetch import Fetched, FetchError, Limits, fetch, looks_like_html
from tests.harvest import http
from tests.harvest.http import Answer
from tests.servers import free_port

http_server = http.http_server  # the fixture: a LocalServer started for the test


@pytest.fixture(autouse=True)
def english():
    # the messages are checked in English; the site's default language (French) has its own test
    with translation.override("en"):
        yield


JSON = {"Content-Type": "application/json"}
# small enough that each test takes a fraction of a second
QUICK = Limits(connect=0.3, read=0.3, total=1.5, max_bytes=64 * 1024, retries=3, backoff=0.01, redirects=3)


def failure(url, **limits):
    with pytest.raises(FetchError) as caught:
        fetch(url, limits=Limits(**{**QUICK.__dict__, **limits}))
    return caught.value


# conditional requests


def test_an_unchanged_document_answers_304_to_its_etag(http_server):
    http_server.route("/dpgs/index.json", Answer(b"[]", headers={**JSON, "ETag": '"v1"'}))
    url = http_server.address("/dpgs/index.json")

    first = fetch(url, limits=QUICK)
    assert (first.status, first.body, first.etag) == (200, b"[]", '"v1"')
    assert first.content_type == "application/json"
    assert first.url == url

    again = fetch(url, etag=first.etag, limits=QUICK)
    assert (again.status, again.body, again.etag) == (304, None, '"v1"')
    assert [request.headers.get("If-None-Match") for request in http_server.seen()] == [None, '"v1"']


def test_an_unchanged_document_answers_304_to_its_last_modified(http_server):
    stamp = "Tue, 03 Jun 2025 10:00:00 GMT"
    http_server.route("/sill.json", Answer(b"{}", headers={**JSON, "Last-Modified": stamp}))
    url = http_server.address("/sill.json")

    first = fetch(url, limits=QUICK)
    assert (first.status, first.body, first.last_modified) == (200, b"{}", stamp)

    again = fetch(url, last_modified=first.last_modified, limits=QUICK)
    assert (again.status, again.body, again.last_modified) == (304, None, stamp)
    assert http_server.seen()[1].headers.get("If-Modified-Since") == stamp
    assert http_server.seen()[0].headers.get("If-Modified-Since") is None


def test_a_changed_document_is_sent_again(http_server):
    http_server.route("/index.json", Answer(b"[1]", headers={**JSON, "ETag": '"v2"'}))
    fetched = fetch(http_server.address("/index.json"), etag='"v1"', limits=QUICK)
    assert (fetched.status, fetched.body, fetched.etag) == (200, b"[1]", '"v2"')


def test_the_user_agent_names_the_site(http_server, settings):
    settings.SITE_URL = "https://toolbox.example.org"
    http_server.route("/index.json", Answer(b"[]", headers=JSON))
    fetch(http_server.address("/index.json"), limits=QUICK)
    assert (
        http_server.seen()[0].headers["User-Agent"] == "OGP Toolbox harvester (+https://toolbox.example.org)"
    )


# size


def test_a_body_at_the_limit_is_read_and_one_byte_more_is_refused(http_server):
    limit = QUICK.max_bytes
    http_server.route("/exact.json", Answer(b"x" * limit))
    # no Content-Length: the size is only known by reading
    http_server.route("/over.json", Answer(iter([b"x" * limit, b"x"])))
    assert fetch(http_server.address("/exact.json"), limits=QUICK).body == b"x" * limit

    error = failure(http_server.address("/over.json"))
    assert str(error) == (
        f"{http_server.address('/over.json')} is larger than 64 kB, the most a harvest reads from one "
        "document; nothing of it was kept."
    )


def huge_stream(sent, size=50 * 1024 * 1024, chunk=64 * 1024):
    """50 MB a chunk at a time, counting in ``sent`` what the server managed to send."""
    for _ in range(size // chunk):
        yield b"x" * chunk
        sent.append(chunk)


def test_a_huge_body_without_length_is_not_read_to_its_end(http_server):
    sent = []
    http_server.route("/huge.json", Answer(huge_stream(sent)))
    error = failure(http_server.address("/huge.json"))
    assert "is larger than 64 kB" in str(error)
    # the client hung up: the server stopped sending long before the end (socket buffers hold a few MB)
    assert http_server.wait_idle()
    assert sum(sent) < 16 * 1024 * 1024


def test_a_huge_declared_length_is_refused_before_reading(http_server):
    sent = []
    length = str(50 * 1024 * 1024)
    http_server.route("/huge.json", Answer(huge_stream(sent), headers={"Content-Length": length}))
    error = failure(http_server.address("/huge.json"))
    assert "is larger than 64 kB" in str(error)
    assert http_server.wait_idle()
    assert sum(sent) < 16 * 1024 * 1024


def test_a_gzip_bomb_stops_at_the_limit_of_decoded_bytes(http_server):
    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < QUICK.max_bytes  # what comes over the wire is well under the limit
    http_server.route("/bomb.json", Answer(bomb, headers={**JSON, "Content-Encoding": "gzip"}))
    error = failure(http_server.address("/bomb.json"))
    assert "is larger than 64 kB" in str(error)


def test_a_compressed_body_is_decoded(http_server):
    http_server.route(
        "/small.json", Answer(gzip.compress(b'{"a": 1}'), headers={**JSON, "Content-Encoding": "gzip"})
    )
    fetched = fetch(http_server.address("/small.json"), limits=QUICK)
    assert fetched.body == b'{"a": 1}'
    assert "gzip" in http_server.seen()[0].headers["Accept-Encoding"]


# time


def test_a_server_slow_to_answer_trips_the_read_timeout(http_server):
    http_server.route("/slow.json", Answer(b"[]", delay=1.0))
    error = failure(http_server.address("/slow.json"))
    assert str(error) == f"{http_server.address('/slow.json')} did not answer within 0.3 seconds."
    assert error.status is None
    assert len(http_server.seen()) == 1  # a read timeout is not retried: the server got the request


def test_a_trickling_server_is_stopped_at_the_total_deadline(http_server):
    # a byte every 50 ms: never silent for the read timeout, but 5 s for the whole body
    http_server.route("/trickle.json", Answer(iter([b"x"] * 100), trickle=0.05))
    error = failure(http_server.address("/trickle.json"), total=0.5)
    assert str(error) == (
        f"Fetching {http_server.address('/trickle.json')} took more than 0.5 seconds, the most a harvest "
        "waits for a document; it was stopped."
    )


def test_a_trickle_with_a_length_is_stopped_at_the_deadline_too(http_server):
    http_server.route(
        "/trickle.json", Answer(iter([b"x"] * 100), trickle=0.05, headers={"Content-Length": "100"})
    )
    error = failure(http_server.address("/trickle.json"), total=0.5)
    assert "took more than 0.5 seconds" in str(error)


def test_retries_stop_at_the_total_deadline(http_server):
    http_server.route("/busy.json", Answer(b"", status=503))
    error = failure(http_server.address("/busy.json"), total=0.5, backoff=0.4, retries=10)
    assert "took more than 0.5 seconds" in str(error)
    assert len(http_server.seen()) == 2  # 0.4 s, then 0.8 s would pass the deadline


# retries


def test_a_server_unavailable_twice_then_answering_is_retried(http_server):
    busy = Answer(b"busy", status=503)
    http_server.route("/index.json", busy, busy, Answer(b"[]", headers=JSON))
    fetched = fetch(http_server.address("/index.json"), limits=QUICK)
    assert (fetched.status, fetched.body) == (200, b"[]")
    assert len(http_server.seen()) == 3


def test_a_server_unavailable_every_time_fails_after_the_retries(http_server):
    http_server.route("/index.json", Answer(b"", status=502))
    error = failure(http_server.address("/index.json"), retries=2)
    assert str(error) == f"{http_server.address('/index.json')} answered 502 Bad Gateway, 3 times in a row."
    assert error.status == 502
    assert len(http_server.seen()) == 3


@pytest.mark.parametrize("status", [404, 403, 410, 500])
def test_a_final_error_fails_at_once(http_server, status):
    http_server.route("/gone.json", Answer(b"no", status=status))
    error = failure(http_server.address("/gone.json"))
    assert error.status == status
    assert str(error).startswith(f"{http_server.address('/gone.json')} answered {status} ")
    assert len(http_server.seen()) == 1


def test_retry_after_is_honoured(http_server):
    # the back-off alone (5 s) would pass the deadline: only the server's 1 s lets the retry happen
    http_server.route("/index.json", Answer(b"", status=429, headers={"Retry-After": "1"}), Answer(b"[]"))
    fetched = fetch(
        http_server.address("/index.json"), limits=Limits(**{**QUICK.__dict__, "backoff": 5, "total": 3})
    )
    assert fetched.body == b"[]"
    first, second = http_server.seen()
    assert second.at - first.at >= 0.9


def test_a_retry_after_longer_than_a_harvest_waits_fails_at_once(http_server):
    http_server.route("/index.json", Answer(b"", status=503, headers={"Retry-After": "3600"}))
    error = failure(http_server.address("/index.json"))
    assert str(error) == (
        f"{http_server.address('/index.json')} answered 503 Service Unavailable and asked to come back in "
        "3600 seconds, longer than a harvest waits: try again later."
    )
    assert len(http_server.seen()) == 1


# redirects


def test_a_redirect_on_the_same_host_is_followed(http_server):
    http_server.route("/old/index.json", Answer(redirect="/new/index.json", status=301))
    http_server.route("/new/index.json", Answer(b"[]", headers={**JSON, "ETag": '"n"'}))
    fetched = fetch(http_server.address("/old/index.json"), limits=QUICK)
    assert fetched == Fetched(
        url=http_server.address("/new/index.json"),
        status=200,
        body=b"[]",
        etag='"n"',
        content_type="application/json",
    )


def test_a_redirect_to_another_host_is_refused(http_server):
    elsewhere = http_server.address("/index.json", host="localhost")
    http_server.route("/index.json", Answer(redirect=elsewhere))
    error = failure(http_server.address("/index.json"))
    assert str(error) == (
        f"{http_server.address('/index.json')} redirected to another host: {elsewhere}. If the source has "
        "moved, change its address to the new one."
    )
    assert len(http_server.seen()) == 1  # the other host was never asked


def test_a_redirect_to_another_port_or_scheme_of_the_same_host_is_refused(http_server):
    http_server.route("/index.json", Answer(redirect=f"https://127.0.0.1:{http_server.port}/index.json"))
    error = failure(http_server.address("/index.json"))
    assert "only a move from http to https is followed" in str(error)


def test_a_redirect_to_another_scheme_is_refused(http_server):
    http_server.route("/index.json", Answer(redirect="file:///etc/passwd"))
    error = failure(http_server.address("/index.json"))
    assert "which is not an http:// or https:// address" in str(error)


def test_a_redirect_loop_is_refused(http_server):
    http_server.route("/a", Answer(redirect="/b"))
    http_server.route("/b", Answer(redirect="/a"))
    error = failure(http_server.address("/a"))
    assert (
        str(error)
        == f"{http_server.address('/a')} redirects in a loop (back to {http_server.address('/a')})."
    )
    assert [request.path for request in http_server.seen()] == ["/a", "/b"]


def test_more_redirects_than_the_limit_are_refused(http_server):
    for number in range(1, 6):
        http_server.route(f"/{number}", Answer(redirect=f"/{number + 1}"))
    error = failure(http_server.address("/1"), redirects=3)
    assert "redirected more than 3 times" in str(error)
    assert [request.path for request in http_server.seen()] == ["/1", "/2", "/3", "/4"]


# addresses and connections


def test_a_refused_connection_is_a_fetch_error():
    port = free_port()  # bound then released: nobody listens there
    error = failure(f"http://127.0.0.1:{port}/index.json", retries=1)
    assert str(error) == (
        f"Could not connect to 127.0.0.1 for http://127.0.0.1:{port}/index.json (the connection was "
        "refused), after 2 attempts. Check the address; if it is right, the server may be down: try "
        "again later."
    )


def test_a_server_hanging_up_without_an_answer_is_a_fetch_error():
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        listener.settimeout(2)

        def hang_up():
            connection, _ = listener.accept()
            connection.recv(1024)
            connection.close()

        thread = threading.Thread(target=hang_up, daemon=True)
        thread.start()
        error = failure(f"http://127.0.0.1:{port}/index.json", retries=0)
        thread.join()
    assert f"The connection to 127.0.0.1 broke while fetching http://127.0.0.1:{port}/index.json" in str(
        error
    )


@pytest.mark.parametrize(
    "url", ["ftp://example.org/index.json", "file:///etc/passwd", "index.json", "http:///index.json"]
)
def test_only_http_addresses_are_fetched(url):
    error = failure(url)
    assert url in str(error)
    assert error.status is None


def test_only_http_addresses_are_fetched_without_a_request(http_server):
    error = failure(http_server.address("/index.json").replace("http://", "ftp://"))
    assert "must start with http:// or https://" in str(error)
    assert http_server.seen() == []


# what came


@pytest.mark.parametrize(
    ("content_type", "body", "html"),
    [
        ("text/html; charset=utf-8", b"<p>Welcome</p>", True),
        ("application/xhtml+xml", b"<?xml version='1.0'?>", True),
        ("application/json", b"  \n<!DOCTYPE html><html lang=en>", True),
        ("", b"\xef\xbb\xbf<HTML><body>Login</body></HTML>", True),
        ("application/json", b'{"html": "<html>"}', False),
        ("application/yaml", b"publiccodeYmlVersion: '0.4'\n", False),
        ("", None, False),
    ],
)
def test_looks_like_html(content_type, body, html):
    status = 200 if body is not None else 304
    fetched = Fetched(url="https://example.org/", status=status, body=body, content_type=content_type)
    assert looks_like_html(fetched) is html


def test_a_web_page_in_place_of_data_is_recognised(http_server):
    page = "<!doctype html>\n<html><title>Portail</title></html>"
    http_server.route("/index.json", Answer(page, headers={"Content-Type": "text/html; charset=utf-8"}))
    assert looks_like_html(fetch(http_server.address("/index.json"), limits=QUICK))


def test_files_mounted_at_a_publishers_paths_answer_as_a_static_server(http_server, tmp_path):
    (tmp_path / "organisations").mkdir()
    (tmp_path / "organisations" / "comptes.yml").write_text("- nom: Etalab\n")
    http_server.mount("/codegouv/", tmp_path)
    url = http_server.address("/codegouv/organisations/comptes.yml")

    first = fetch(url, limits=QUICK)
    assert (first.body, first.content_type) == (b"- nom: Etalab\n", "application/yaml")
    assert first.etag and first.last_modified
    assert fetch(url, etag=first.etag, limits=QUICK).status == 304
    assert fetch(url, last_modified=first.last_modified, limits=QUICK).status == 304


def test_a_moderator_reads_why_in_their_language(http_server):
    http_server.route("/gone.json", Answer("gone", status=404))
    with pytest.raises(FetchError) as failure:
        fetch(http_server.address("/gone.json"))
    for language, words in (("fr", "a répondu 404"), ("es", "respondió 404"), ("en", "answered 404")):
        with translation.override(language):
            assert words in str(failure.value)


def test_an_address_of_the_machines_own_network_is_refused_in_production(http_server, settings):
    settings.HARVEST_PRIVATE_ADDRESSES = False  # as in production
    http_server.route("/internal.json", Answer(b"{}", headers=JSON))
    for address in (http_server.address("/internal.json"), "http://169.254.169.254/latest/meta-data/"):
        with pytest.raises(FetchError, match="own network"):
            fetch(address)
    assert http_server.seen("/internal.json") == []
