"""The suite's own tooling does what the suite relies on.

A test over 10 s must carry the ``slow`` marker, and every run names those that do not
(tests/helpers/timing.py); the session's set-up (the test database, the browser tests' site) is not
counted against whichever test happens to need it first.

The steps of a browser journey (tests/e2e) build on each other, so a parallel run must keep them on
one worker, in order: `--dist loadgroup` with an ``xdist_group`` per journey. pytest 9.2 broke that
silently in pytest-xdist 3.8 (pytest-xdist issue 1386: the groups were spread over the workers and
the later steps skipped as if an earlier one had failed); this test fails on such a pair.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

JOURNEY = """
import os

import pytest


@pytest.mark.xdist_group("journey")
@pytest.mark.parametrize("step", range(8))
def test_step(step):
    with open(os.path.join(os.environ["STEPS"], "log"), "a") as log:
        log.write(f"{step} {os.environ['PYTEST_XDIST_WORKER']}\\n")


@pytest.mark.parametrize("other", range(8))
def test_other(other):
    pass
"""


def run_pytest(folder, *args, **env):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:django", "-p", "no:cacheprovider", *args],
        cwd=folder,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


TIMED = """
import time

import pytest


@pytest.fixture(scope="session")
def database():
    time.sleep(0.8)


def test_first_to_need_the_database(database):
    pass


def test_slow_without_saying_so():
    time.sleep(0.6)


@pytest.mark.slow
def test_slow_and_marked():
    time.sleep(0.6)
"""


@pytest.mark.slow  # two pytest runs in subprocesses, one of them on two workers
def test_the_run_names_the_slow_tests_without_the_marker_and_not_the_session_set_up(tmp_path):
    (tmp_path / "test_timed.py").write_text(TIMED)
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers = slow\n")
    for parallel in ([], ["-n", "2"]):
        result = run_pytest(tmp_path, "-p", "tests.helpers.timing", *parallel, SLOW_TEST_SECONDS="0.4")
        assert result.returncode == 0, result.stdout + result.stderr
        report = result.stdout.split("without the slow marker")[1]
        assert "test_slow_without_saying_so" in report
        assert "test_first_to_need_the_database" not in report
        assert "test_slow_and_marked" not in report


def test_a_parallel_run_keeps_a_group_of_tests_on_one_worker_in_order(tmp_path):
    (tmp_path / "test_journey.py").write_text(JOURNEY)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # not the project's settings
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-p",
            "no:django",
            "-p",
            "no:cacheprovider",
        ],
        cwd=tmp_path,
        env={"STEPS": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    steps = [line.split() for line in (tmp_path / "log").read_text().splitlines()]
    assert [int(step) for step, _worker in steps] == list(range(8))
    assert len({worker for _step, worker in steps}) == 1, steps
