"""``manage.py ingest PATH|URL ...``: store articles and their candidate events, idempotently."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from timeline.ingest import jobs
from timeline.models import IngestItem, IngestJob

BAR_WIDTH = 24
Status = IngestItem.Status


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a date in the form YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Read articles from files (.txt, .html), URLs or standard input (-), and store each with "
        "its candidate events for review. An article already stored (same URL or same text) is "
        "skipped and reported. Exits with status 1 if any input failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("inputs", nargs="+", metavar="PATH|URL", help="Files, URLs, or -.")
        parser.add_argument("--publisher", default="", help="Use this publisher for every input.")
        parser.add_argument(
            "--published",
            type=_iso_date,
            help="Publication date (YYYY-MM-DD) for every input, instead of the detected one.",
        )
        parser.add_argument("--url", default="", help="The article's URL (one input only).")
        parser.add_argument("--user", default="", help="Record this username as who added them.")

    def handle(self, *args: Any, inputs: list[str], **options: Any) -> None:
        if options["url"] and len(inputs) > 1:
            raise CommandError("--url names one article; give one input with it.")
        user = self._user(options["user"])
        job = self._job(inputs, user)
        overrides = {
            "publisher": options["publisher"],
            "published_on": options["published"],
            "url": options["url"],
        }
        items = jobs.run_unattended(job, overrides=overrides, on_progress=self._progress)
        self._report(items)

    def _user(self, username: str) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called “{username}”.")
        return user

    def _job(self, inputs: list[str], user: Any) -> IngestJob:
        items = []
        for value in inputs:
            if value == "-":
                items.append(jobs.file_item("stdin.txt", sys.stdin.buffer.read()))
            elif "://" in value:
                items.append(jobs.url_item(value))
            else:
                try:
                    data = Path(value).read_bytes()
                except OSError as error:
                    items.append(jobs.failed_item(value, f"Cannot read it ({error.strerror})."))
                else:
                    items.append(jobs.file_item(value, data))
        return jobs.job_with_items(user=user, items=items)

    def _progress(self, done: int, total: int, item: IngestItem) -> None:
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total} {item.label[:60]}", ending="")
        if done == total:
            self.stderr.write("")

    def _report(self, items: list[IngestItem]) -> None:
        counts = {Status.CREATED: 0, Status.DUPLICATE: 0, Status.EMPTY: 0, Status.FAILED: 0}
        for item in items:
            counts[item.status] = counts.get(item.status, 0) + 1
            if item.status == Status.CREATED:
                events = item.events_created
                self.stdout.write(
                    f"created    {item.label}: source {item.source_id} “{item.title}”, "
                    f"{events} candidate event{'s' if events != 1 else ''}"
                )
            elif item.status == Status.DUPLICATE:
                self.stdout.write(f"duplicate  {item.label}: {item.message}")
            elif item.status == Status.EMPTY:
                self.stdout.write(f"no events  {item.label}: {item.message}")
            else:
                self.stderr.write(f"failed     {item.label}: {item.message}")
        summary = (
            f"{counts[Status.CREATED]} created, {counts[Status.DUPLICATE]} skipped as duplicates, "
            f"{counts[Status.EMPTY]} without events, {counts[Status.FAILED]} failed."
        )
        if counts[Status.FAILED]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
