"""``manage.py evaluate_dates``: score the date finder on the MEANTIME news corpus.

    python manage.py evaluate_dates [--corpus PATH] [--show-errors] [--no-baseline]

Prints one table: span precision, recall and F1 (relaxed: overlapping; strict: same
characters), value accuracy on matched expressions and TempEval-3's value F1, per TIMEX3 type
(DATE, TIME, DURATION, SET) and for all together, for our finder and for the naive
baseline (``dateparser.search.search_dates`` over the whole text) in the same run. The scoring
lives in ``timeline.extraction.evaluation``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from timeline.extraction.evaluation import (
    AnnotatedDocument,
    evaluate,
    format_table,
    naive_predictions,
    parse_cat_document,
    timex_predictions,
)


def default_corpus() -> Path:
    """The shared data folder beside the repository (or under $POLICY_TIMELINE_SHARED)."""
    shared = os.environ.get("POLICY_TIMELINE_SHARED")
    base = Path(shared) if shared else Path(settings.BASE_DIR).parent / "shared"
    return base / "data" / "meantime-english"


class Command(BaseCommand):
    help = (
        "Score the time-expression finder on MEANTIME (CAT XML): span precision/recall and "
        "value accuracy per TIMEX3 type, next to the naive dateparser.search baseline."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--corpus",
            type=Path,
            default=None,
            help="Folder of CAT XML files (default: ../shared/data/meantime-english).",
        )
        parser.add_argument(
            "--show-errors",
            action="store_true",
            help="List every missed, spurious or wrongly valued expression of our finder.",
        )
        parser.add_argument(
            "--no-baseline", action="store_true", help="Skip the (slow) dateparser baseline."
        )

    def handle(self, *args: Any, corpus: Path | None, show_errors: bool, **options: Any):
        folder = corpus or default_corpus()
        documents = self._load(folder)
        results = {"ours": evaluate(documents, timex_predictions, collect_errors=show_errors)}
        if not options["no_baseline"]:
            results["dateparser"] = evaluate(documents, naive_predictions)
        gold = sum(len(d.gold) for d in documents)
        self.stdout.write(
            f"{len(documents)} documents, {gold} annotated expressions in the scored sentences "
            f"({folder})."
        )
        self.stdout.write(format_table(results))
        if show_errors:
            self.stdout.write("")
            for error in results["ours"].errors:
                self.stdout.write(
                    f"{error.kind:<8} {error.text!r:<32} gold: {error.gold or '-':<20} "
                    f"ours: {error.predicted or '-':<20} {error.document}\n"
                    f"         … {error.context} …"
                )

    def _load(self, folder: Path) -> list[AnnotatedDocument]:
        if not folder.is_dir():
            raise CommandError(
                f"No corpus folder at {folder}. Pass --corpus PATH (a folder of MEANTIME CAT XML "
                "files) or set POLICY_TIMELINE_SHARED."
            )
        documents = []
        for path in sorted(folder.rglob("*.xml")):
            try:
                documents.append(parse_cat_document(path.read_bytes(), path.stem))
            except (OSError, ValueError) as error:
                self.stderr.write(f"{path}: skipped ({error}).")
        if not documents:
            raise CommandError(f"No readable CAT XML files under {folder}.")
        return documents
