"""``manage.py evaluate_events GOLD TEXTS [--errors]``: the extractor's figures on a gold set.

GOLD is a gold file of dated events (the development set's ``gold.json``, or the seeds'
``gold.json``); TEXTS is the folder holding the article texts. Prints one line per article and
the totals in the words of the shared scorer (``event_scoring``); ``--errors`` adds the missed
events, wrong dates, extra candidates and chrome events under each article.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from timeline.extraction.event_scoring import score
from timeline.extraction.events import extract_page
from timeline.management.command_input import load_gold_set


class Command(BaseCommand):
    help = "Score the event extractor against a gold file of dated events."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", help="gold JSON file (list of articles, or {articles: ...})")
        parser.add_argument("texts", help="folder with the article texts")
        parser.add_argument("--errors", action="store_true", help="list each article's errors")

    def handle(self, *args, **options) -> None:
        articles = load_gold_set(Path(options["gold"]), Path(options["texts"]))
        extracted, words, began = {}, 0, time.perf_counter()
        for article in articles:
            page = extract_page(article.text, article.published)
            extracted[article.id] = [event.as_dict() for event in page.events]
            words += len(article.text.split())
        elapsed = time.perf_counter() - began
        result = score(articles, extracted)
        for article in result.articles:
            self.stdout.write(
                f"{article.id}: dated right {article.dated_right}/{article.gold}, "
                f"stated candidates {article.stated_matched}/{article.stated} real"
            )
            if options["errors"]:
                for error in article.errors:
                    self.stdout.write(f"    {error}")
        self.stdout.write(result.summary())
        per_thousand = 1000 * elapsed / words * 1000 if words else 0.0
        self.stdout.write(
            f"{len(articles)} articles, {words} words, extraction {per_thousand:.1f} ms per "
            "1000 words"
        )
