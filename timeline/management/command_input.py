"""Input for the commands that read texts: files, standard input, JSON Lines requests, gold sets.

``extract`` and ``timex`` read the same two ways and report unusable input the same way: each
bad file or line is named on standard error and skipped, the rest is processed, and the command
then fails with a count. ``evaluate_events`` and ``evaluate_grouping`` read a gold file and its
folder of texts with ``load_gold_set``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

from django.core.management.base import CommandError

from timeline.extraction.event_scoring import GoldArticle, load_gold

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


def load_gold_set(gold_path: Path, texts: Path) -> list[GoldArticle]:
    """A gold file's articles with their texts from ``texts``; a ``CommandError`` says why not."""
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read the gold file {gold_path}: {error}") from None
    if not texts.is_dir():
        raise CommandError(f"{texts} is not a folder of article texts.")
    try:
        return load_gold(gold, lambda name: (texts / name).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CommandError(f"A text is missing: {error.filename}") from None
    except (KeyError, TypeError, ValueError) as error:
        raise CommandError(f"The gold file {gold_path} is not in a known shape: {error}") from None
