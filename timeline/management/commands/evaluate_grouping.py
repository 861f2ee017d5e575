"""``manage.py evaluate_grouping GOLD TEXTS [--add GOLD TEXTS ...] [--pairs]``: grouping figures.

Runs the event extractor on every article of the gold sets, groups the candidates across
articles (``extraction.grouping``) and prints pairwise precision and recall against the gold
pairing (``extraction.group_scoring``). GOLD is a gold file of dated events (the development
set's ``gold.json`` or the seeds'); TEXTS is the folder holding its texts. ``--add`` adds
another gold set to the same corpus; ``--pairs`` lists the pairs found, missed and wrong;
``--explain`` says, for each missed pair, where it was lost: an event not extracted, two
candidates linked but kept apart by a group, or the test ``link`` failed, with each
candidate's type, dates and title. It prints the texts' words: never on a held-out corpus.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from timeline.extraction.event_scoring import GoldArticle
from timeline.extraction.events import extract_page
from timeline.extraction.group_scoring import GoldKey, match_gold, score_grouping
from timeline.extraction.grouping import (
    Group,
    GroupItem,
    actor_fields,
    apart_reason,
    group_items,
)
from timeline.management.command_input import load_gold_set


class Command(BaseCommand):
    help = "Score cross-article event grouping against gold events reported by several articles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", help="gold JSON file (list of articles, or {articles: ...})")
        parser.add_argument("texts", help="folder with the article texts")
        parser.add_argument(
            "--add",
            nargs=2,
            action="append",
            default=[],
            metavar=("GOLD", "TEXTS"),
            help="another gold file and its texts folder, added to the corpus",
        )
        parser.add_argument("--pairs", action="store_true", help="list found, missed, wrong pairs")
        parser.add_argument(
            "--explain",
            action="store_true",
            help="for each missed pair, where it was lost (prints candidates' titles: study "
            "corpora only, never a held-out one)",
        )

    def handle(self, *args, **options) -> None:
        articles: list[GoldArticle] = []
        for gold_path, texts in [(options["gold"], options["texts"]), *options["add"]]:
            articles.extend(load_gold_set(Path(gold_path), Path(texts)))
        items, matched = [], {}
        for article in articles:
            page = extract_page(article.text, article.published)
            events = [event.as_dict() for event in page.events]
            for index, gold_key in match_gold(article, events).items():
                matched[(article.id, index)] = gold_key
            for index, event in enumerate(page.events):
                items.append(
                    GroupItem(
                        key=(article.id, index),
                        source=article.id,
                        title=event.title,
                        date_start=event.date_start,
                        date_end=event.date_end,
                        precision=event.precision,
                        event_type=event.event_type,
                        summary=event.summary,
                        sentence=event.sentence,
                        **actor_fields(
                            (actor.name, actor.role, actor.office, actor.country, actor.kind)
                            for actor in event.actors
                        ),
                    )
                )
        groups = group_items(items)
        result = score_grouping(articles, matched, groups)
        if options["explain"]:
            self._explain(result.missed, matched, {item.key: item for item in items}, groups)
        if options["pairs"]:
            for label, pairs in (
                ("found", result.found),
                ("missed", result.missed),
                ("wrong", result.wrong),
            ):
                for first, second in pairs:
                    self.stdout.write(f"{label}: {first[0]}#{first[1]} ~ {second[0]}#{second[1]}")
        self.stdout.write(
            f"{len(articles)} articles, {len(items)} candidates, {len(groups)} groups; "
            f"gold pairs {result.gold_pairs} ({result.gold_pairs_extracted} with both events "
            f"extracted), predicted pairs {result.predicted_pairs}, right {result.true_pairs}, "
            f"grouped pairs outside the gold events {result.unscored_grouped_pairs}"
        )
        self.stdout.write(
            f"pairwise precision {_ratio(result.precision)}, recall {_ratio(result.recall)}, "
            f"recall on extracted events {_ratio(result.recall_extracted)}"
        )

    def _explain(
        self,
        missed: Iterable[tuple[GoldKey, GoldKey]],
        matched: Mapping[Hashable, GoldKey],
        items: Mapping[Hashable, GroupItem],
        groups: Sequence[Group],
    ) -> None:
        candidate_of = {gold: key for key, gold in matched.items()}
        group_of = {key: number for number, group in enumerate(groups) for key in group.keys}
        for first, second in missed:
            self.stdout.write(f"missed: {first[0]}#{first[1]} ~ {second[0]}#{second[1]}")
            keys = [candidate_of.get(first), candidate_of.get(second)]
            for gold, key in zip((first, second), keys, strict=True):
                if key is None:
                    self.stdout.write(f"  {gold[0]}#{gold[1]}: not extracted")
                    continue
                item = items[key]
                self.stdout.write(
                    f"  {gold[0]}#{gold[1]}: [{item.event_type}] {item.date_start}"
                    f"..{item.date_end} group {group_of.get(key, '-')}: {item.title}"
                )
            if None not in keys:
                reason = apart_reason(items[keys[0]], items[keys[1]])
                self.stdout.write(f"  {reason or 'linked, but not joined into one group'}")


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"
