"""Running ``wrk`` and reading its ``--latency`` report into numbers."""

import re
import subprocess
from dataclasses import dataclass

# wrk's units (src/units.c): times in us/ms/s/m/h; "µs" accepted too for reports written by hand
TIME_UNITS = {"us": 1e-3, "µs": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
COUNT_UNITS = {"": 1, "k": 1e3, "M": 1e6, "G": 1e9}


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # answers other than 2xx/3xx, and socket errors (timeouts included)


def milliseconds(text):
    """``"812.00us"`` → 0.812, ``"1.52ms"`` → 1.52, ``"2.01s"`` → 2010.0."""
    match = re.fullmatch(r"([\d.]+)([a-zµ]+)", text.strip())
    if not match or match[2] not in TIME_UNITS:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * TIME_UNITS[match[2]]


def count(text):
    """``"6.00k"`` → 6000.0 (wrk abbreviates large counts in its thread statistics)."""
    match = re.fullmatch(r"([\d.]+)([kMG]?)", text.strip())
    if not match:
        raise ValueError(f"not a wrk count: {text!r}")
    return float(match[1]) * COUNT_UNITS[match[2]]


def parse(output):
    """The numbers of one ``wrk --latency`` report."""
    percentiles = {
        float(share): milliseconds(value)
        for share, value in re.findall(r"^\s*([\d.]+)%\s+(\S+)\s*$", output, re.MULTILINE)
    }
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    if not rate or not total or 50.0 not in percentiles or 99.0 not in percentiles:
        raise ValueError(f"not a wrk --latency report:\n{output}")
    errors = 0
    if non_2xx := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        errors += int(non_2xx[1])
    if socket := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += sum(int(number) for number in socket.groups())
    return Result(
        requests_per_second=float(rate[1]),
        p50_ms=percentiles[50.0],
        p99_ms=percentiles[99.0],
        requests=int(total[1]),
        errors=errors,
    )


def run(url, connections, seconds, threads=2, timeout=30):
    """One wrk run against ``url``; its parsed report."""
    command = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "--latency",
        url,
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse(finished.stdout)
