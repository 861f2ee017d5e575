"""Input for the commands that read texts: files, standard input, or JSON Lines requests.

``extract`` and ``timex`` read the same two ways and report unusable input the same way: each
bad file or line is named on standard error and skipped, the rest is processed, and the command
then fails with a count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

from django.core.management.base import CommandError

Request = TypeVar("Request")


class InputLineError(ValueError):
    """A JSON Lines input line that cannot be processed; the message says why."""


def json_requests(
    stdin: IO[Any], stderr: Any, parse: Callable[[str], Request]
) -> Iterator[tuple[int, Request]]:
    """The non-blank lines of ``stdin`` parsed by ``parse``, with their line numbers.

    A line that is not UTF-8, or that ``parse`` refuses with ``InputLineError``, is reported on
    ``stderr`` and skipped; after the last line, ``CommandError`` says how many were.
    """
    unusable = total = 0
    # Bytes when the stream has them, so that bad UTF-8 is reported rather than raised.
    for number, raw in enumerate(getattr(stdin, "buffer", stdin), start=1):
        if not raw.strip():
            continue
        total += 1
        try:
            request = parse(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
        except UnicodeDecodeError:
            unusable += 1
            stderr.write(f"line {number}: not UTF-8 text; line skipped.")
            continue
        except InputLineError as error:
            unusable += 1
            stderr.write(f"line {number}: {error} Line skipped.")
            continue
        yield number, request
    if unusable:
        raise CommandError(
            f"{unusable} of {total} input lines could not be used (see the messages above)."
        )


def read_text(
    path: Path, stdin: IO[Any], stderr: Any, problem: Callable[[str], str | None]
) -> str | None:
    """The text of ``path`` ('-' for ``stdin``) as UTF-8, or None once ``stderr`` says why not:
    unreadable, not UTF-8, or what ``problem`` finds wrong with it."""
    try:
        data = getattr(stdin, "buffer", stdin).read() if str(path) == "-" else path.read_bytes()
    except OSError as error:
        stderr.write(f"{path}: cannot read it ({error.strerror}).")
        return None
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        stderr.write(f"{path}: not a UTF-8 text file.")
        return None
    found = problem(text)
    if found:
        stderr.write(f"{path}: {found}")
        return None
    return text
