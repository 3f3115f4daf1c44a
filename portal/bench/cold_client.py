"""Requests each URL given on standard input once, in turn, and prints their times as JSON.

Standard library only, and run as a process of its own, so that nothing of the served site's
process (or a third-party HTTP library) takes part in what is measured. Usage:
    python portal/bench/cold_client.py BASE_URL [COOKIE] < paths
Prints {"times_ms": [...], "statuses": [...]} in the order of the paths.
"""

import json
import sys
import time
import urllib.error
import urllib.request


def fetch(url: str, cookie: str) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return status, (time.perf_counter() - started) * 1000


def main() -> None:
    base, cookie = sys.argv[1].rstrip("/"), (sys.argv[2] if len(sys.argv) > 2 else "")
    times, statuses = [], []
    for line in sys.stdin:
        path = line.strip()
        if path:
            status, elapsed = fetch(base + path, cookie)
            statuses.append(status)
            times.append(round(elapsed, 2))
    json.dump({"times_ms": times, "statuses": statuses}, sys.stdout)


if __name__ == "__main__":
    main()
