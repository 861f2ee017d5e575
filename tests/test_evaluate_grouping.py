"""``manage.py evaluate_grouping``: pairwise grouping figures on gold sets reported by several
articles. The texts and gold files are written here, in this project's own words."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from timeline.extraction.event_scoring import GoldArticle
from timeline.extraction.group_scoring import actor_keys, gold_pairs

TEXTS = {
    "A": "The Transport Ministry banned recreational drones from all airports on Tuesday.\n",
    "B": "Recreational drones were banned from airports by the Transport Ministry on Tuesday.\n",
    "C": "The Senate Commerce Committee held a hearing on chatbots and children on Wednesday.\n",
}


def gold_event(anchor, day, actors, event_type):
    return {
        "what": "",
        "anchor": anchor,
        "date_start": day,
        "date_end": day,
        "precision": "day",
        "actors": actors,
        "type": event_type,
    }


GOLD = [
    {
        "id": "A",
        "published": "2025-03-20",
        "events": [gold_event("airports on Tuesday", "2025-03-18", ["Transport Ministry"], "ban")],
    },
    {
        "id": "B",
        "published": "2025-03-21",
        "events": [
            gold_event("Transport Ministry on Tuesday", "2025-03-18", ["Transport Ministry"], "ban")
        ],
    },
    {
        "id": "C",
        "published": "2025-03-20",
        "events": [
            gold_event(
                "children on Wednesday", "2025-03-19", ["Senate Commerce Committee"], "hearing"
            )
        ],
    },
]


@pytest.fixture
def corpus(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    return gold, tmp_path


def test_prints_pairwise_precision_and_recall(corpus):
    """Two outlets report one ban: the pair is grouped, the hearing stays alone."""
    gold, texts = corpus
    out = io.StringIO()
    call_command("evaluate_grouping", str(gold), str(texts), "--pairs", stdout=out)
    lines = out.getvalue().splitlines()
    assert "found: A#0 ~ B#0" in lines
    assert lines[-2].startswith("3 articles, 3 candidates, 1 groups; gold pairs 1")
    assert lines[-1] == ("pairwise precision 1.00, recall 1.00, recall on extracted events 1.00")


def test_gold_pairs_need_the_same_type_overlapping_dates_and_an_actor():
    """The facts rule: same type, same dates, a shared actor after canonical naming."""
    articles = [
        GoldArticle(row["id"], TEXTS[row["id"]], None, tuple(row["events"])) for row in GOLD
    ]
    assert gold_pairs(articles) == {frozenset({("A", 0), ("B", 0)})}


def test_missing_texts_are_a_clear_error(corpus, tmp_path):
    gold, _ = corpus
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CommandError, match="A text is missing"):
        call_command("evaluate_grouping", str(gold), str(empty))


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Facebook", "Meta", True),
        ("Türkiye", "Turkey", True),
        ("U.S. Department of Commerce", "Commerce Department", True),
        ("Transport Ministry", "transport ministry", True),
        ("Meta", "Microsoft", False),
    ],
)
def test_gold_actors_meet_under_the_extractors_canonical_name(first, second, same):
    """The facts rule compares gold actors as the extractor names them, so two annotators'
    spellings of one actor ("Facebook" and "Meta") make a gold pair."""
    assert bool(actor_keys(first) & actor_keys(second)) is same


def test_explain_says_where_each_missed_pair_was_lost(corpus):
    """A third report of the ban whose sentence the extractor passes over: its pairs are
    missed, and ``--explain`` says the event was not extracted, with the other candidate's
    type, dates and title."""
    gold, texts = corpus
    (texts / "D.txt").write_text("Drone hobbyists were unhappy on Tuesday.\n", encoding="utf-8")
    articles = json.loads(gold.read_text(encoding="utf-8"))
    articles.append(
        {
            "id": "D",
            "published": "2025-03-20",
            "events": [gold_event("on Tuesday", "2025-03-18", ["Transport Ministry"], "ban")],
        }
    )
    gold.write_text(json.dumps(articles), encoding="utf-8")
    out = io.StringIO()
    call_command("evaluate_grouping", str(gold), str(texts), "--explain", stdout=out)
    lines = out.getvalue().splitlines()
    missed = lines.index("missed: A#0 ~ D#0")
    assert lines[missed + 1].startswith("  A#0: [ban] 2025-03-18..2025-03-18 group 0: ")
    assert lines[missed + 2] == "  D#0: not extracted"
    assert lines[-1].startswith("pairwise precision 1.00, recall 0.33")
