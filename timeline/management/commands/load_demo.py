"""Load the demo chronology (idempotent)."""

from django.core.management.base import BaseCommand, CommandParser

from timeline.models import Event
from timeline.sample_data.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo chronology (the 2025 US moves against DeepSeek). Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        # `make run` passes it on every start: once editors work on the database, a demo
        # reload must not re-publish what they rejected or undo what they edited.
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database holds no events at all.",
        )

    def handle(self, *args, **options) -> None:
        if options["if_empty"] and Event.objects.exists():
            self.stdout.write("The database already holds events: demo data not loaded.")
            return
        counts = load_demo()
        self.stdout.write(
            f"Demo data: {counts.created} created, {counts.updated} updated, "
            f"{counts.unchanged} already up to date."
        )
