"""``manage.py timex``: the time expressions of texts, resolved against a publication date.

For tools, JSON Lines on stdin and stdout (DESIGN.md, "Command-line contracts")::

    echo '{"id": "a", "text": "She spoke on Tuesday.", "dct": "2025-01-29"}' \\
        | python manage.py timex --jsonl

For people, text files and a readable table::

    python manage.py timex article.txt --dct 2025-01-29
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from timeline.extraction.dates import Timex, find_timexes
from timeline.management.command_input import InputLineError, json_requests, read_text

_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+Z-]*)?")


def parse_dct(value: Any, label: str = '"dct"') -> date | None:
    """A publication date from "YYYY-MM-DD" (an ISO date-time is cut to its date); None stays."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputLineError(f'{label} must be a "YYYY-MM-DD" string, not {type(value).__name__}.')
    match = _ISO_DATE.fullmatch(value.strip())
    if match:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            raise InputLineError(f"{label} is not a calendar date: {value[:40]!r}.") from None
    raise InputLineError(f"{label} is not a date in the form YYYY-MM-DD: {value[:40]!r}.")


def parse_request(line: str) -> tuple[Any, str, date | None, list[str]]:
    """One input line: (id, text, dct, warnings), or InputLineError for an unusable line."""
    try:
        request = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputLineError(f"not valid JSON ({error.msg} at column {error.colno}).") from None
    if not isinstance(request, dict):
        raise InputLineError('expected a JSON object like {"id": ..., "text": ..., "dct": ...}.')
    warnings = []
    text = request.get("text")
    if text is None:
        raise InputLineError('no "text" field.')
    if not isinstance(text, str):
        raise InputLineError(f'"text" must be a string, not {type(text).__name__}.')
    if "dct" not in request or request["dct"] in (None, ""):
        warnings.append('no "dct": relative expressions ("on Tuesday") stay unresolved.')
    if "id" not in request:
        warnings.append('no "id": the output line has "id": null.')
    identifier = request.get("id")
    if identifier is not None and not isinstance(identifier, str):
        identifier = str(identifier)
    return identifier, text, parse_dct(request.get("dct")), warnings


def format_table(timexes: list[Timex]) -> str:
    """A table of expressions for reading in a terminal."""
    if not timexes:
        return "No time expressions found."
    rows = [("start", "end", "type", "value", "precision", "dates", "text")]
    for timex in timexes:
        if timex.date_start is None:
            dates = ""
        elif timex.date_start == timex.date_end:
            dates = timex.date_start.isoformat()
        else:
            dates = f"{timex.date_start.isoformat()}..{timex.date_end.isoformat()}"
        shown = " ".join(timex.text.split())
        rows.append(
            (
                str(timex.start),
                str(timex.end),
                timex.type,
                timex.value,
                timex.precision or "",
                dates,
                shown if len(shown) <= 60 else shown[:57] + "...",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[-1]
        for row in rows
    )


class Command(BaseCommand):
    help = (
        "Find and resolve the time expressions of texts. With --jsonl, read lines "
        '{"id", "text", "dct"} on stdin and write {"id", "timexes": [...]} lines; otherwise read '
        "text files and print a table, resolving against --dct."
    )
    # Tests hand in stdin; the command line uses the process's own.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="*", type=Path, help="Text files to read ('-' for standard input)."
        )
        parser.add_argument(
            "--jsonl", action="store_true", help="JSON Lines in on stdin, JSON Lines out."
        )
        parser.add_argument("--dct", help="Publication date of the files, YYYY-MM-DD (files only).")

    def handle(self, *args: Any, files: list[Path], jsonl: bool, dct: str | None, **options: Any):
        stdin = options.get("stdin") or sys.stdin
        if jsonl:
            if files:
                raise CommandError("--jsonl reads standard input; give no file names with it.")
            self._handle_jsonl(stdin)
            return
        if not files:
            raise CommandError(
                "Give a text file (or '-' for standard input) and --dct, or use --jsonl."
            )
        try:
            publication = parse_dct(dct, label="--dct")
        except InputLineError as error:
            raise CommandError(str(error)) from None
        if publication is None:
            self.stderr.write("No --dct: relative expressions (“on Tuesday”) stay unresolved.")
        self._handle_files(files, publication, stdin)

    def _handle_jsonl(self, stdin: IO[Any]) -> None:
        for number, (identifier, text, dct, warnings) in json_requests(
            stdin, self.stderr, parse_request
        ):
            for warning in warnings:
                self.stderr.write(f"line {number}: {warning}")
            timexes = find_timexes(text, dct)
            result = {"id": identifier, "timexes": [t.as_dict() for t in timexes]}
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            self.stdout.flush()

    def _handle_files(self, files: list[Path], dct: date | None, stdin: IO[Any]) -> None:
        failed = []
        for path in files:
            text = read_text(path, stdin, self.stderr, _binary)
            if text is None:
                failed.append(path)
                continue
            if len(files) > 1:
                self.stdout.write(f"== {path}")
            self.stdout.write(format_table(find_timexes(text, dct)))
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} files could not be read.")


def _binary(text: str) -> str | None:
    return "binary data, not text." if "\x00" in text else None
