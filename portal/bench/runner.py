"""`make bench`: load 1x and 100x on PostgreSQL, serve the production configuration with gunicorn,
measure a fixed mix of pages with wrk against the yardstick, then cold pages and the overview.

Runs outside Django (it starts Django's commands and the server as processes of their own) and
prints one table, also written to bench-results/bench-results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from portal.serve import database

from . import report, wrk

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
YARDSTICK = "/benchmark/yardstick/"
OFFERING = "{offering}"  # the address of one offering, known once the data is loaded
PAGES = (
    "/",
    "/?municipality=1121&topic=rus",
    "/sentre/",
    "/sentre/korus-vest-stavanger/",
    "/tilbud/",
    "/tilbud/?q=rus",
    "/tilbud/?municipality=1121&topic=rus",
    OFFERING,
    "/api/v1/services/",
    "/api/v1/organizations/",
    "/tilbud/kalender.ics?topic=rus",
    "/tilbud/feed/",
)
COLD_URLS = 100
OVERVIEW_RUNS = 5


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def machine() -> str:
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory_gib:.0f} GiB, {platform.system()} {platform.release()}"


class Site:
    """Runs Django's commands and gunicorn against the benchmark's database."""

    def __init__(self, *, database_url: str, redis_url: str, results: Path) -> None:
        self.database_url, self.redis_url, self.results = database_url, redis_url, results
        self.secret_key = secrets.token_urlsafe(50)

    def environment(self, settings: str, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
        env.update(
            DJANGO_SETTINGS_MODULE=settings,
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            SECRET_KEY=self.secret_key,
            **extra,
        )
        return env

    def production(self, **extra: str) -> dict[str, str]:
        """Production settings with local overrides, through the environment only."""
        return self.environment(
            "portal.settings.prod",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            BENCHMARK_YARDSTICK="1",
            **extra,
        )

    def manage(self, *arguments: str, settings: str = "portal.settings.dev") -> str:
        """A management command; its output is shown as it comes (progress) and returned."""
        command = [PYTHON, "manage.py", *arguments]
        env = (
            self.production() if settings == "portal.settings.prod" else self.environment(settings)
        )
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        lines = []
        for line in process.stdout:
            lines.append(line)
            if not line.startswith("BENCH-"):
                print(f"    {line.rstrip()}", flush=True)
        if process.wait() != 0:
            raise RuntimeError(f"{' '.join(arguments)} failed")
        return "".join(lines)

    def fixtures(self) -> dict:
        output = self.manage(
            "shell",
            "-v0",
            "-c",
            "from portal.bench.fixtures import main; main()",
            settings="portal.settings.prod",
        )
        line = next(line for line in output.splitlines() if line.startswith("BENCH-FIXTURES "))
        return json.loads(line.removeprefix("BENCH-FIXTURES "))

    def empty_cache(self) -> None:
        import redis

        client = redis.Redis.from_url(self.redis_url)
        try:
            client.flushdb()
        finally:
            client.close()

    @contextmanager
    def served(self, label: str) -> Iterator[str]:
        """gunicorn with the production configuration on a free port; yields the base URL."""
        port = free_port()
        server_log = (self.results / f"gunicorn-{label}.log").open("w")
        process = subprocess.Popen(
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "--config",
                "portal/serve/gunicorn.conf.py",
                "portal.wsgi",
            ],
            cwd=ROOT,
            env=self.production(PORT=str(port), GUNICORN_WORKERS="2"),
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(base, process)
            yield base
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            server_log.close()


def wait_until_healthy(base: str, process: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped; see its log in bench-results/")
        try:
            with urllib.request.urlopen(f"{base}/helse/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{base}/helse/ did not answer 200 within {seconds} s")


def drain(base: str) -> None:
    """Wait until the requests wrk left behind are served: gunicorn's workers go on with the
    queue after wrk has hung up, which would slow down the next measurement."""
    for _ in range(3):
        with urllib.request.urlopen(f"{base}/helse/", timeout=120) as response:
            response.read()


def measure_pages(
    base: str, paths: list[str], *, label: str, seconds: int, connections: int, warmup: int
) -> report.ScaleResult:
    """Each page between two yardstick runs: Y P1 Y P2 Y … Y."""
    scale = report.ScaleResult(label)

    def measure(path: str) -> wrk.Run:
        if warmup:
            wrk.run(base + path, seconds=warmup, connections=connections)
            drain(base)
        run = wrk.run(base + path, seconds=seconds, connections=connections)
        drain(base)
        return run

    before = measure(YARDSTICK)
    for number, path in enumerate(paths, start=1):
        page = measure(path)
        after = measure(YARDSTICK)
        result = report.PageResult(path, page, (before, after))
        scale.pages.append(result)
        log(
            f"{label} {number}/{len(paths)} {path}: {page.per_second:.1f} req/s, p99 "
            f"{page.p99:.0f} ms, share {result.share:.2f} (yardstick "
            f"{result.yardstick_per_second:.0f} req/s)"
        )
        before = after
    return scale


def cold_paths(offering: str, count: int = COLD_URLS, seed: int = 13) -> list[str]:
    """`count` different addresses over the public pages, the same every run."""
    data = ROOT / "centres" / "data"
    geography = json.loads((data / "geography.json").read_text(encoding="utf-8"))
    vocabulary = json.loads((data / "vocabulary.json").read_text(encoding="utf-8"))
    centres = json.loads((data / "centres.json").read_text(encoding="utf-8"))["centres"]
    rng = random.Random(seed)
    municipalities = [m["number"] for m in geography["municipalities"]]
    topics = [a["slug"] for a in vocabulary["service_areas"]]
    words = [
        "rus",
        "traumer",
        "barn",
        "vold",
        "selvmord",
        "kurs",
        "webinar",
        "nettverk",
        "spill",
        "foreldre",
        "psykisk helse",
        "flyktning",
        "ungdom",
        "veiledning",
        "tromso",
    ]
    candidates = [
        f"/?municipality={m}&topic={rng.choice(topics)}" for m in rng.sample(municipalities, 30)
    ]
    candidates += [
        f"/tilbud/?municipality={m}&topic={rng.choice(topics)}"
        for m in rng.sample(municipalities, 15)
    ]
    candidates += [f"/tilbud/?q={word.replace(' ', '+')}" for word in words]
    candidates += [f"/tilbud/?page={page}" for page in range(2, 12)]
    candidates += [f"/sentre/?topic={topic}" for topic in topics[:10]]
    candidates += [f"/sentre/{centre['slug']}/" for centre in centres[:10]]
    candidates += [f"/api/v1/services/?page={page}" for page in range(2, 5)]
    candidates += [f"/api/v1/organizations/?page={page}" for page in range(1, 3)]
    candidates += [offering, "/tilbud/feed/?topic=barnevern", "/tilbud/kalender.ics?topic=samisk"]
    candidates += [f"/tilbud/?topic={topic}&format=digital" for topic in topics]
    candidates += [f"/?municipality={m}" for m in rng.sample(municipalities, 20)]
    unique = list(dict.fromkeys(candidates))
    return unique[:count]


def fetch_once(base: str, paths: list[str], cookie: str = "") -> tuple[list[float], list[int]]:
    """Each path once, from a process of its own (standard library only)."""
    result = subprocess.run(
        [PYTHON, str(Path(__file__).with_name("cold_client.py")), base, cookie],
        input="\n".join(paths),
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    )
    answer = json.loads(result.stdout)
    return answer["times_ms"], answer["statuses"]


def time_overview(base: str, fixtures: dict) -> dict[str, list[float]]:
    timings = {}
    for name, key in (("office", "adviser_session"), ("whole country", "editor_session")):
        cookie = f"sessionid={fixtures[key]}"
        times, statuses = fetch_once(base, ["/oversikt/"] * (OVERVIEW_RUNS + 1), cookie)
        if any(status != 200 for status in statuses):
            raise RuntimeError(f"/oversikt/ as {name} answered {statuses}")
        timings[name] = times[1:]  # the first one warms up
        log(f"overview, {name}: {', '.join(f'{t:.0f}' for t in timings[name])} ms")
    return timings


def postgres_version(site: Site) -> str:
    import psycopg

    with psycopg.connect(site.database_url) as connection:
        (version,) = connection.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {version}"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kp_bench"),
        help="dropped and created anew (unless --reuse)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
        help="the cache of the served site; emptied for the cold measure",
    )
    parser.add_argument("--seconds", type=int, default=10, help="wrk's time per page")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured seconds before each")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database as it is (already loaded at 100x); no 1x columns",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench-results")
    # The volume of issue 13; smaller numbers only to try the runner out.
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--offerings", type=int, default=50_000)
    parser.add_argument("--centres", type=int, default=500)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    arguments.output.mkdir(parents=True, exist_ok=True)
    site = Site(
        database_url=arguments.database_url, redis_url=arguments.redis_url, results=arguments.output
    )
    measuring = {
        "seconds": arguments.seconds,
        "connections": arguments.connections,
        "warmup": arguments.warmup,
    }
    if not arguments.reuse:
        log(f"creating the database anew: {arguments.database_url}")
        database.create(arguments.database_url, recreate=True)
        site.manage("migrate", "--no-input", "-v0")
        site.manage("load_reference_data")
        site.manage("load_demo_content")
    site.manage("collectstatic", "--no-input", "-v0", settings="portal.settings.prod")
    results = report.Results(
        machine=f"{machine()}, {postgres_version(site)}",
        seconds=arguments.seconds,
        connections=arguments.connections,
    )
    scales = [("100×", False)] if arguments.reuse else [("1×", False), ("100×", True)]
    for label, load_volume in scales:
        if load_volume:
            log("loading 100x (this takes a while)")
            site.manage(
                "load_volume_data",
                f"--requests={arguments.requests}",
                f"--offerings={arguments.offerings}",
                f"--centres={arguments.centres}",
            )
            site.manage("dbshell", "--", "-c", "VACUUM ANALYZE")
        fixtures = site.fixtures()
        paths = [fixtures["offering"] if path == OFFERING else path for path in PAGES]
        with site.served(label) as base:
            log(f"measuring {label} on {base}")
            results.scales.append(measure_pages(base, paths, label=label, **measuring))
            if label == scales[-1][0]:
                site.empty_cache()
                times, statuses = fetch_once(base, cold_paths(fixtures["offering"]))
                results.cold_times_ms = times
                results.cold_failures = sum(status != 200 for status in statuses)
                log(f"cold: {len(times)} URLs, statuses {sorted(set(statuses))}")
                results.overview_ms = time_overview(base, fixtures)
    table = report.render(results)
    print()
    print(table)
    target = arguments.output / "bench-results.md"
    target.write_text(
        f"# make bench, {time.strftime('%Y-%m-%d %H:%M')}\n\n{table}", encoding="utf-8"
    )
    log(f"written to {target}")
    return 0
