"""A WSGI app whose one response streams for longer than the deployment test's gunicorn
timeout, as a large export does (tests/test_deploy.py)."""

import time
from collections.abc import Callable, Iterator

# 4.8 s: more than twice the test's 2 s worker timeout.
LINES = 8


def application(environ: dict, start_response: Callable) -> Iterator[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    for number in range(LINES):
        time.sleep(0.6)
        yield f"{number}\n".encode()
