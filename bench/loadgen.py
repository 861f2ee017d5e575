"""A small closed-loop HTTP load generator for benchmarks on loopback.

``run_load`` keeps ``concurrency`` clients busy for ``duration`` seconds, each with its own
keep-alive connection, cycling through a fixed list of paths, and reports requests per second,
latency percentiles and the status codes seen. The same generator drives every server in a
comparison, so its own overhead cancels out in the ratios.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    requests: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    # (seconds since the start, HTTP status or 0 for a transport error), in completion order
    timeline: list[tuple[float, int]] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, pct: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def p95(self) -> float:
        return self.percentile(95)

    @property
    def failures(self) -> int:
        """Transport errors plus 5xx answers other than 503 (an honest "try again")."""
        server_errors = sum(n for code, n in self.statuses.items() if code >= 500 and code != 503)
        return sum(self.errors.values()) + server_errors


def run_load(
    host: str,
    port: int,
    paths: list[str],
    *,
    concurrency: int,
    duration: float,
    headers: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> LoadResult:
    """Closed-loop load: each client sends its next request when the previous one completes."""
    result = LoadResult()
    lock = threading.Lock()
    began = time.perf_counter()
    deadline = began + duration

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        index = offset
        latencies, statuses, errors, timeline = [], Counter(), Counter(), []
        while time.perf_counter() < deadline:
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                response.read()
                statuses[response.status] += 1
                timeline.append((time.perf_counter() - began, response.status))
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection(host, port, timeout=timeout)
            except (OSError, http.client.HTTPException) as error:
                errors[type(error).__name__] += 1
                timeline.append((time.perf_counter() - began, 0))
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=timeout)
                time.sleep(0.05)
                continue
            latencies.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            result.latencies_ms.extend(latencies)
            result.statuses.update(statuses)
            result.errors.update(errors)
            result.timeline.extend(timeline)
            result.requests += len(latencies)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    result.timeline.sort()
    return result


def wait_for(host: str, port: int, path: str = "/", timeout: float = 60.0) -> None:
    """Block until the server answers ``path`` with any HTTP status."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(host, port, timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"http://{host}:{port}{path} did not answer within {timeout:.0f} s")
