"""Load the demo chronology (idempotent)."""

from django.core.management.base import BaseCommand

from timeline.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo chronology (the 2025 US moves against DeepSeek). Safe to run again."

    def handle(self, *args, **options) -> None:
        counts = load_demo()
        self.stdout.write(
            f"Demo data: {counts.created} created, {counts.updated} updated, "
            f"{counts.unchanged} already up to date."
        )
