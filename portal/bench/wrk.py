"""Running wrk against one URL and reading the line that `report.lua` makes it print."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA_SCRIPT = Path(__file__).with_name("report.lua")
_LINE = re.compile(
    r"^BENCH requests=(?P<requests>\d+) duration_us=(?P<duration>\d+) errors=(?P<errors>\d+) "
    r"non2xx=(?P<non2xx>\d+) p50=(?P<p50>\d+) p95=(?P<p95>\d+) p99=(?P<p99>\d+)$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Run:
    """One wrk run: throughput and latency percentiles (milliseconds)."""

    requests: int
    seconds: float
    errors: int
    non_2xx: int
    p50: float
    p95: float
    p99: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> int:
        return self.errors + self.non_2xx


def parse(output: str) -> Run:
    match = _LINE.search(output)
    if match is None:
        raise ValueError(f"wrk printed no result line:\n{output[-2000:]}")
    numbers = {name: int(value) for name, value in match.groupdict().items()}
    return Run(
        requests=numbers["requests"],
        seconds=numbers["duration"] / 1_000_000,
        errors=numbers["errors"],
        non_2xx=numbers["non2xx"],
        p50=numbers["p50"] / 1000,
        p95=numbers["p95"] / 1000,
        p99=numbers["p99"] / 1000,
    )


def command(url: str, *, seconds: int, connections: int, threads: int = 1) -> list[str]:
    return [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        # A slow page should be measured as slow, not dropped as a timeout.
        "--timeout=30s",
        f"--script={LUA_SCRIPT}",
        url,
    ]


def run(url: str, *, seconds: int, connections: int) -> Run:
    result = subprocess.run(
        command(url, seconds=seconds, connections=connections),
        capture_output=True,
        text=True,
        check=True,
    )
    return parse(result.stdout)
