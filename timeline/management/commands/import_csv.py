"""``manage.py import_csv FILE [--dry-run] [--create-missing]``: load events from a CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from timeline.imports.csv import ImportFileError, import_csv


class Command(BaseCommand):
    help = (
        "Import events from a CSV file in the export's format (docs/data-formats-and-api.md, "
        "'CSV import'). Every row is checked first; nothing is written unless every row is valid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file, e.g. an edited /export.csv.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create actors and tags the database does not know yet (otherwise an error).",
        )

    def handle(self, *args: Any, file: Path, dry_run: bool, create_missing: bool, **options: Any):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            plan = import_csv(data, create_missing=create_missing, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(f"{file}: {error}") from None
        for error in plan.errors:
            self.stderr.write(str(error))
        if plan.ignored_columns:
            self.stdout.write(f"Ignored columns: {', '.join(plan.ignored_columns)}.")
        if plan.new_actors:
            self.stdout.write(f"New actors: {', '.join(plan.new_actors.values())}.")
        if plan.new_tags:
            self.stdout.write(f"New tags: {', '.join(plan.new_tags.values())}.")
        if not plan.is_valid:
            raise CommandError(f"{plan.summary()} Fix the rows above and run the import again.")
        if dry_run:
            self.stdout.write(f"{plan.summary()} Dry run: nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS(plan.summary()))
