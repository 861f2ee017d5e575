"""Poll every watch that is due, once: for a timer (cron, a systemd timer) instead of the worker."""

from django.core.management.base import BaseCommand

from timeline.ingest.watch import poll_due


class Command(BaseCommand):
    help = (
        "Poll every watch that is due (not paused, next check passed) once, and print what each "
        "found. Run it from a timer every few minutes; see docs/watches.md."
    )

    def handle(self, *args, **options) -> None:
        polled = poll_due()
        for watch, result in polled:
            self.stdout.write(f"{watch}: {result}")
        self.stdout.write(f"{len(polled)} watch{'es' if len(polled) != 1 else ''} polled.")
