"""``manage.py extract``: event candidates of articles, without writing anything to the database.

For tools, JSON Lines on stdin and stdout (DESIGN.md, "Command-line contracts")::

    echo '{"id": "a", "text": "...", "published": "2025-01-29"}' | python manage.py extract --jsonl

``"published": null`` lets the extractor read the publication date from the page. For people,
files (pasted pages as .txt, or .html) and a readable listing::

    python manage.py extract article.txt [--published 2025-01-29]

Unusable input (not JSON, not UTF-8, binary data, an empty or oversized text, a publication date
in the future) is reported on stderr with its line number and skipped; the command then exits
non-zero. A text in another language gets an empty event list and a warning.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from timeline.extraction.daterange import format_date_range
from timeline.extraction.events import PageExtraction, extract_page
from timeline.extraction.text import detect_language, text_problem
from timeline.management.command_input import InputLineError, json_requests, read_text
from timeline.management.commands.timex import parse_dct

ENGLISH = "en"


def parse_request(line: str, today: date) -> tuple[Any, str, date | None]:
    """One input line: (id, text, published), or InputLineError saying why it is unusable."""
    try:
        request = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputLineError(f"not valid JSON ({error.msg} at column {error.colno}).") from None
    if not isinstance(request, dict):
        raise InputLineError(
            'expected a JSON object like {"id": ..., "text": ..., "published": ...}.'
        )
    text = request.get("text")
    if text is None:
        raise InputLineError('no "text" field.')
    if not isinstance(text, str):
        raise InputLineError(f'"text" must be a string, not {type(text).__name__}.')
    problem = text_problem(text)
    if problem:
        raise InputLineError(problem)
    published = parse_dct(request.get("published"), label='"published"')
    _check_not_future(published, today, '"published"')
    identifier = request.get("id")
    if identifier is not None and not isinstance(identifier, str):
        identifier = str(identifier)
    return identifier, text, published


def _check_not_future(published: date | None, today: date, label: str) -> None:
    if published is not None and published > today:
        raise InputLineError(
            f"{label} {published.isoformat()} is after today ({today.isoformat()}); give the "
            "date the article was published."
        )


def as_json(identifier: Any, page: PageExtraction, *, with_events: bool = True) -> dict[str, Any]:
    """The output line of the JSON Lines contract."""
    return {
        "id": identifier,
        "published": page.published.isoformat() if page.published else None,
        "title": page.article.title,
        "publisher": page.article.publisher,
        "events": [event.as_dict() for event in page.events] if with_events else [],
    }


def format_listing(page: PageExtraction, *, given: bool) -> str:
    """The article's metadata and its events, for reading in a terminal."""
    article = page.article
    if page.published is None:
        published = "unknown (relative dates such as “on Tuesday” stay unresolved)"
    else:
        published = f"{page.published.isoformat()} ({'given' if given else 'detected'})"
    lines = [
        f"Title:      {article.title or '(not found)'}",
        f"Publisher:  {article.publisher or '(not found)'}",
        f"Published:  {published}",
    ]
    if article.updated:
        lines.append(f"Updated:    {article.updated.isoformat()}")
    lines.append(f"Events:     {len(page.events)}")
    for event in page.events:
        when = format_date_range(event.date_start, event.date_end, event.precision)
        lines.append("")
        lines.append(f"  {when:<24} {event.event_type:<14} {event.confidence:.2f}  {event.title}")
        basis = event.date_text or "publication date"
        lines.append(f"  {'':<24} date: {basis}")
        if event.actors:
            names = ", ".join(actor.name for actor in event.actors)
            lines.append(f"  {'':<24} actors: {names}")
        quote = " ".join(event.sentence.split())
        quote = quote if len(quote) <= 160 else quote[:157] + "..."
        lines.append(f"  {'':<24} “{quote}” [{event.start}:{event.end}]")
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Extract event candidates from articles; nothing is written to the database. With "
        '--jsonl, read lines {"id", "text", "published"} on stdin and write one result line '
        "each; otherwise read text or HTML files and print what was found."
    )
    # Tests hand in stdin; the command line uses the process's own.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="*", type=Path, help="Article files, .txt or .html ('-' for stdin)."
        )
        parser.add_argument(
            "--jsonl", action="store_true", help="JSON Lines in on stdin, JSON Lines out."
        )
        parser.add_argument(
            "--published",
            help="Publication date of the files, YYYY-MM-DD (default: read from each page).",
        )

    def handle(
        self, *args: Any, files: list[Path], jsonl: bool, published: str | None, **options: Any
    ) -> None:
        stdin = options.get("stdin") or sys.stdin
        today = date.today()
        if jsonl:
            if files or published:
                raise CommandError(
                    "--jsonl reads standard input and takes each publication date from its "
                    "line; give no file names or --published with it."
                )
            self._handle_jsonl(stdin, today)
            return
        if not files:
            raise CommandError("Give an article file (or '-' for standard input), or use --jsonl.")
        try:
            given = parse_dct(published, label="--published")
            _check_not_future(given, today, "--published")
        except InputLineError as error:
            raise CommandError(str(error)) from None
        self._handle_files(files, given, stdin, today)

    def _handle_jsonl(self, stdin: IO[Any], today: date) -> None:
        for number, (identifier, text, published) in json_requests(
            stdin, self.stderr, lambda line: parse_request(line, today)
        ):
            page, warnings = _extract(text, published, today)
            english = page.article.language in {ENGLISH, None}
            for warning in warnings:
                self.stderr.write(f"line {number}: {warning}")
            self.stdout.write(
                json.dumps(as_json(identifier, page, with_events=english), ensure_ascii=False)
            )
            self.stdout.flush()

    def _handle_files(
        self, files: list[Path], given: date | None, stdin: IO[Any], today: date
    ) -> None:
        failed = []
        for path in files:
            text = read_text(path, stdin, self.stderr, text_problem)
            if text is None:
                failed.append(path)
                continue
            page, warnings = _extract(text, given, today, html=path.suffix in {".html", ".htm"})
            for warning in warnings:
                self.stderr.write(f"{path}: {warning}")
            if len(files) > 1:
                self.stdout.write(f"== {path}")
            if page.article.language not in {ENGLISH, None}:
                page = PageExtraction(page.article, page.published, (), page.offsets_in_input)
            self.stdout.write(format_listing(page, given=given is not None))
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} files could not be used.")


def _extract(
    text: str, published: date | None, today: date, *, html: bool = False
) -> tuple[PageExtraction, list[str]]:
    """Extract, and say what the user should know about the result."""
    page = extract_page(text, published, content_type="text/html" if html else "text/plain")
    warnings = []
    if page.published is not None and page.published > today:
        warnings.append(
            f"the page gives {page.published.isoformat()}, after today, as its publication "
            "date; dates cannot be resolved against it, so no events are given."
        )
        page = PageExtraction(page.article, None, (), page.offsets_in_input)
    elif page.published is None:
        warnings.append(
            "no publication date given or found on the page: relative dates (“on Tuesday”) "
            "stay unresolved and undated reports are left out."
        )
    language = page.article.language or detect_language(text)
    if language not in {ENGLISH, None}:
        warnings.append(
            f"the text looks like another language ({language}); the extractor reads English, "
            "so no events are given."
        )
    if page.events and not page.offsets_in_input:
        warnings.append("offsets index the article text extracted from the HTML.")
    return page, warnings
