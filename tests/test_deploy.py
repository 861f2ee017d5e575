"""The shipped process definitions (deploy/) serve a download longer than gunicorn's worker
timeout to its end: a million-row CSV export takes about 40 s and the timeout is 30 s."""

import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests import slow_download_app

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def gunicorn_options(text: str) -> list[str]:
    """The options after ``gunicorn timeline.wsgi:application`` in a process definition, with
    the bind address left out (the test picks its own)."""
    line = next(
        line
        for line in text.replace("\\\n", " ").splitlines()
        if "timeline.wsgi:application" in line
    )
    words = shlex.split(line.split("timeline.wsgi:application", 1)[1])
    options = []
    for option, value in zip(words[::2], words[1::2], strict=True):
        if option != "--bind":
            options += [option, value]
    return options


def test_the_procfile_and_the_systemd_unit_run_gunicorn_alike():
    procfile = (ROOT / "deploy" / "Procfile").read_text()
    unit = (ROOT / "deploy" / "policy-timeline-web.service").read_text()

    from_procfile = gunicorn_options(procfile.replace("${WEB_CONCURRENCY:-3}", "3"))

    assert from_procfile == gunicorn_options(unit)
    assert "--timeout" in from_procfile


def test_a_download_longer_than_the_worker_timeout_is_served_to_its_end(tmp_path):
    """Gunicorn restarts a worker that has not reported for ``--timeout`` seconds; a sync worker
    reports only between requests, so a long export would be cut off. With the shipped options
    (the timeout shortened to 2 s for the test: the worker's heartbeat comes about once a
    second, and 1 s left no room for a busy machine), a 4.8 s download arrives whole."""
    options = gunicorn_options((ROOT / "deploy" / "Procfile").read_text().replace("${", "{"))
    options = [value.replace("{WEB_CONCURRENCY:-3}", "1") for value in options]
    options[options.index("--timeout") + 1] = "2"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (tmp_path / "gunicorn.log").open("w") as log:
        server = subprocess.Popen(
            [str(GUNICORN), "tests.slow_download_app:application", "--bind", f"127.0.0.1:{port}"]
            + options,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            body = _get_when_up(f"http://127.0.0.1:{port}/")
        finally:
            server.terminate()
            server.wait(timeout=30)

    assert body.splitlines() == [str(number).encode() for number in range(slow_download_app.LINES)]
    assert "WORKER TIMEOUT" not in (tmp_path / "gunicorn.log").read_text()


def _get_when_up(url: str) -> bytes:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read()
        except (ConnectionError, urllib.error.URLError):
            if time.monotonic() > deadline:
                pytest.fail("gunicorn did not start")
            time.sleep(0.1)
