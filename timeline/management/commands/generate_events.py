"""Create (or delete) synthetic published events for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from timeline.sample_data.synthetic import SYNTHETIC_TAG, delete_synthetic, generate_events


class Command(BaseCommand):
    help = (
        "Add N synthetic published events (tagged 'synthetic', fictional actors, sources under "
        "synthetic.invalid) for benchmarks, or remove them all with --delete. Never run it on a "
        "database whose timeline people read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, help="How many events to add.")
        parser.add_argument(
            "--delete", action="store_true", help="Remove every synthetic event, source and actor."
        )
        parser.add_argument("--seed", type=int, default=2025, help="Random seed (default 2025).")

    def handle(self, *args, count: int | None, delete: bool, seed: int, **options) -> None:
        if delete == (count is not None):
            raise CommandError("Give either --count N or --delete.")
        started = time.monotonic()
        if delete:
            deleted = delete_synthetic()
            self.stdout.write(
                f"Deleted {deleted.events:,} synthetic events, {deleted.sources:,} sources, "
                f"{deleted.actors:,} actors and {deleted.tags:,} tags "
                f"in {time.monotonic() - started:.1f} s."
            )
            return
        if count < 1:
            raise CommandError("--count must be at least 1.")

        verbosity = options["verbosity"]

        def progress(done: int) -> None:
            if verbosity >= 1 and (done == count or done % 50_000 == 0):
                self.stdout.write(f"  {done:,} / {count:,} events", ending="\n")

        made = generate_events(count, seed=seed, progress=progress)
        self.stdout.write(
            f"Created {made.events:,} synthetic events with {made.citations:,} citations of "
            f"{made.sources:,} sources ({made.actors} actors, {made.tags} tags) in "
            f"{time.monotonic() - started:.1f} s. They carry the tag '{SYNTHETIC_TAG}'; remove "
            "them with --delete."
        )
