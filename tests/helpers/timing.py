"""The slow-test report: at the end of a run, the tests that took more than ``SLOW_TEST_SECONDS``
(10 by default) of their own without the ``slow`` marker, so that a slow newcomer is seen rather
than absorbed.

A test's own time is its set-up and call, without the session fixtures it happens to set up first
(the test database, the browser tests' site, the browser): those are the session's. A plugin object
(registered by tests/conftest.py, or ``-p tests.helpers.timing``) rather than conftest hooks, which
pytest calls only for what lies under their folder — a session fixture belongs to the session.
"""

import os
import time

import pytest


class SlowTests:
    def __init__(self, threshold=None):
        self.threshold = threshold or float(os.environ.get("SLOW_TEST_SECONDS", "10"))
        self.pending = 0.0  # session fixtures' set-up on this worker, until a test's report carries it
        self.own = {}  # test id → (seconds, marked slow)

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef, request):
        # the fixture's own fixtures are set up before this hook runs, and measured on their own
        if fixturedef.scope != "session":
            return (yield)
        started = time.monotonic()
        try:
            return (yield)
        finally:
            self.pending += time.monotonic() - started

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        if call.when in ("setup", "call") and self.pending:
            report = outcome.get_result()
            # a copy: the report's list is the item's, shared by the reports of its other phases
            report.user_properties = [*report.user_properties, ("session_setup_seconds", self.pending)]
            self.pending = 0.0

    def pytest_runtest_logreport(self, report):
        # on the controller of a parallel run, with the workers' reports
        if report.when not in ("setup", "call"):
            return
        seconds = report.duration - sum(v for k, v in report.user_properties if k == "session_setup_seconds")
        total, slow = self.own.get(report.nodeid, (0.0, False))
        self.own[report.nodeid] = (total + seconds, slow or "slow" in report.keywords)

    def pytest_terminal_summary(self, terminalreporter):
        unmarked = sorted(
            (
                (seconds, test)
                for test, (seconds, slow) in self.own.items()
                if seconds > self.threshold and not slow
            ),
            reverse=True,
        )
        if unmarked:
            terminalreporter.section(f"tests over {self.threshold} s without the slow marker")
            for seconds, test in unmarked:
                terminalreporter.write_line(f"{seconds:6.1f} s  {test}")


def pytest_configure(config):
    # loaded with -p (the test of this report): the same plugin, unless tests/conftest.py registered it
    if not config.pluginmanager.has_plugin("slow-tests"):
        config.pluginmanager.register(SlowTests(), "slow-tests")
