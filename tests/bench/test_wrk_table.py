"""bench/wrk.py reads wrk's reports; bench/pages.py turns the numbers into the issue's table.

The reports are real ones, captured from runs of bench/pages.py's server on the development machine.
No wrk and no server needed.
"""

import pytest

from bench import pages, wrk

# 1 connection on the trivial view: microseconds and a thread rate in thousands
TRIVIAL_C1 = """Running 2s test @ http://127.0.0.1:55335/bench/trivial/
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   780.09us  612.43us   6.87ms   93.78%
    Req/Sec     1.29k   339.55     2.00k    60.00%
  Latency Distribution
     50%  651.00us
     75%  846.00us
     90%    1.17ms
     99%    3.82ms
  2570 requests in 2.01s, 1.09MB read
Requests/sec:   1281.47
Transfer/sec:    556.89KB
"""

# a tool page on a loaded machine: milliseconds, and seconds (with wrk's trailing space) at p99
TOOL_PAGE_C4 = """Running 2s test @ http://127.0.0.1:60653/fr/outils/bench-tool-fr-19/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   560.33ms  186.83ms   1.01s    84.62%
    Req/Sec     4.31      2.81     9.00     61.54%
  Latency Distribution
     50%  519.82ms
     75%  578.21ms
     90%  825.63ms
     99%    1.01s
  13 requests in 2.08s, 139.67KB read
Requests/sec:      6.26
Transfer/sec:     67.29KB
""".replace("1.01s\n  13", "1.01s \n  13")  # wrk pads a time in seconds with a space, as it printed here

NOT_FOUND_C4 = """Running 2s test @ http://127.0.0.1:60653/fr/no-such-page/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   137.24ms   82.81ms 423.60ms   85.29%
    Req/Sec    17.61      8.29    38.00     66.67%
  Latency Distribution
     50%  118.51ms
     75%  146.71ms
     90%  261.36ms
     99%  423.60ms
  62 requests in 2.05s, 308.97KB read
  Non-2xx or 3xx responses: 62
Requests/sec:     30.23
Transfer/sec:    150.64KB
"""

TIMEOUTS_C16 = """Running 2s test @ http://127.0.0.1:55335/fr/search/?q=transparence
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   788.93ms  193.89ms 959.46ms  100.00%
    Req/Sec     5.56      4.33    10.00     33.33%
  Latency Distribution
     50%  954.21ms
     75%  959.46ms
     90%  959.46ms
     99%  959.46ms
  11 requests in 2.02s, 573.89KB read
  Socket errors: connect 0, read 0, write 0, timeout 7
Requests/sec:      5.46
Transfer/sec:    284.61KB
"""

# a page slower than the run: wrk saw nothing finish
NOTHING_FINISHED = """Running 2s test @ http://127.0.0.1:49931/fr/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 2.10s, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
"""


def test_microseconds_are_read_as_fractions_of_a_millisecond():
    result = wrk.parse(TRIVIAL_C1)
    assert result.requests_per_second == 1281.47
    assert result.p50_ms == pytest.approx(0.651)
    assert result.p99_ms == pytest.approx(3.82)
    assert (result.requests, result.errors) == (2570, 0)


def test_seconds_are_read_as_thousands_of_milliseconds():
    result = wrk.parse(TOOL_PAGE_C4)
    assert result.p50_ms == pytest.approx(519.82)
    assert result.p99_ms == pytest.approx(1010.0)
    assert result.requests_per_second == 6.26
    assert result.requests == 13


def test_answers_other_than_2xx_and_socket_errors_are_counted_as_errors():
    assert wrk.parse(NOT_FOUND_C4).errors == 62
    assert wrk.parse(TIMEOUTS_C16).errors == 7


def test_a_run_where_nothing_finished_is_zero_requests():
    result = wrk.parse(NOTHING_FINISHED)
    assert (result.requests, result.requests_per_second, result.p50_ms) == (0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("text", "milliseconds"),
    [("812.00us", 0.812), ("812.00µs", 0.812), ("1.52ms", 1.52), ("2.01s", 2010.0), ("1.50m", 90_000.0)],
)
def test_every_unit_of_wrk(text, milliseconds):
    assert wrk.milliseconds(text) == pytest.approx(milliseconds)


def test_something_else_than_a_report_is_refused():
    with pytest.raises(ValueError):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n")
    with pytest.raises(ValueError):
        wrk.milliseconds("3 parsecs")


@pytest.mark.parametrize(
    ("share", "text"), [(1.0, "100 %"), (0.5, "50 %"), (0.0421, "4.2 %"), (0.0019, "0.19 %"), (0.0, "0.00 %")]
)
def test_shares_of_the_trivial_view_keep_two_significant_digits(share, text):
    assert pages.share(share) == text


def test_the_table_gives_each_page_its_share_of_the_trivial_view_at_the_same_concurrency_and_mode():
    def result(rate, p50, p99, requests=1000, errors=0):
        return wrk.Result(rate, p50, p99, requests, errors)

    results = {
        "uncached": {
            (4, "trivial view"): result(2000, 1.9, 12.6),
            (4, "tool page"): result(80, 48.0, 150.0),
            (16, "trivial view"): result(1000, 15.0, 40.0),
            (16, "tool page"): result(6.26, 519.82, 1010.0, requests=13, errors=7),
        },
        "cached": {
            (4, "trivial view"): result(1600, 2.2, 9.0),
            (4, "tool page"): result(1200, 2.8, 11.0),
            (16, "trivial view"): result(1500, 9.0, 30.0),
            (16, "tool page"): result(900, 0.65, 33.0),
        },
    }
    lines = pages.table(results, ["trivial view", "tool page"], [4, 16])
    assert lines[0] == (
        "| page | c | uncached req/s | p50 ms | p99 ms | of trivial "
        "| cached req/s | p50 ms | p99 ms | of trivial |"
    )
    assert lines[1] == "|---|---:|" + "---:|" * 8
    assert lines[2] == "| trivial view | 4 | 2,000 | 1.90 | 12.6 | 100 % | 1,600 | 2.20 | 9.00 | 100 % |"
    assert lines[4] == "| tool page | 4 | 80.0 | 48.0 | 150 | 4.0 % | 1,200 | 2.80 | 11.0 | 75 % |"
    # few answers and errors are said, never hidden behind a rate
    assert lines[5] == (
        "| tool page | 16 | 6.3 (7 errors) (n=13) | 520 | 1,010 | 0.63 % | 900 | 0.65 | 33.0 | 60 % |"
    )


def test_the_trivial_view_measured_again_after_the_pages_moves_the_ceiling_to_the_mean_of_both():
    runs = {
        (4, "trivial view"): wrk.Result(3000, 1.0, 9.0, 9000, 0),
        (4, "tool page"): wrk.Result(80, 48.0, 150.0, 240, 0),
        (4, "trivial view, again after the pages"): wrk.Result(1000, 3.0, 20.0, 3000, 0),
    }
    lines = pages.table({"uncached": runs, "cached": runs}, list(pages.TRIVIAL[:1]) + ["tool page"], [4])
    assert lines[2].startswith("| trivial view | 4 | 3,000 | 1.00 | 9.00 | 150 % |")
    assert lines[3].startswith("| tool page | 4 | 80.0 | 48.0 | 150 | 4.0 % |")


def test_publish_summary_gives_median_and_max_and_says_when_a_page_stayed_stale():
    assert pages.publish_summary([12.0, 30.0, 18.0], [200.0, 250.0, 210.0], 2) == (
        "Publish → the new title served (cached server, 3 trials, polled every 3 ms): median 18.0 ms, "
        "max 30.0 ms; `publish()` itself: median 210.0 ms, max 250.0 ms; answers with the old title "
        "after `publish()` returned: 2."
    )
    assert "(1 of 2 trials still stale after the timeout)" in pages.publish_summary(
        [None, 4.0], [1.0, 2.0], 0
    )
