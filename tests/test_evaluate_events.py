"""``manage.py evaluate_events`` and ``event_scoring``: the extractor's figures on a gold set.

The gold files and texts are written here, in this project's own words.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from timeline.extraction.event_scoring import GoldArticle, actors_agree, score_article

TEXT_A = (
    "The Transport Ministry banned recreational drones from all airports on Tuesday after two "
    "near-misses.\n\nThe ban will take effect on Saturday, the ministry said.\n\n"
    "Sign up for our newsletter. Updated March 20, 2025\n"
)
TEXT_B = "The Senate Commerce Committee held a hearing on chatbots and children on Wednesday.\n"
GOLD = [
    {
        "id": "A",
        "published": "2025-03-20",
        "events": [
            {
                "what": "Transport Ministry bans drones from airports",
                "anchor": "from all airports on Tuesday",
                "date_start": "2025-03-18",
                "date_end": "2025-03-18",
                "precision": "day",
                "actors": ["Transport Ministry"],
            }
        ],
        "not_events": ["Updated March 20, 2025"],
    },
    {
        "id": "B",
        "published": "2025-03-20",
        "events": [
            {
                "what": "Senate committee holds a hearing on chatbots",
                "anchor": "children on Wednesday",
                "date_start": "2025-03-19",
                "date_end": "2025-03-19",
                "precision": "day",
                "actors": ["Senate Commerce Committee"],
            },
            {
                "what": "A vote nobody reported",
                "anchor": "never written",
                "date_start": "2025-03-01",
                "date_end": "2025-03-31",
                "precision": "month",
                "actors": ["Senate"],
            },
        ],
    },
]


@pytest.fixture
def gold_set(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "A.txt").write_text(TEXT_A, encoding="utf-8")
    (texts / "B.txt").write_text(TEXT_B, encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    return gold, texts


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("evaluate_events", *args, stdout=out)
    return out.getvalue()


def test_prints_dated_right_precision_actors_chrome_and_after_publication(gold_set):
    """The totals line gives every figure of the shared scorer, scheduled events apart."""
    gold, texts = gold_set
    output = run(str(gold), str(texts))
    total = next(line for line in output.splitlines() if line.startswith("events dated right"))
    assert total.startswith("events dated right: 2/3 (67%)")
    assert "chrome events 0" in total
    assert "dated after publication 0 unscheduled, 1 scheduled" in total
    assert "actors agree in 2/2" in total
    assert "A: dated right 1/1" in output
    assert "ms per 1000 words" in output


def test_errors_name_the_missed_event(gold_set):
    gold, texts = gold_set
    output = run(str(gold), str(texts), "--errors")
    assert "missed (no candidate) 'A vote nobody reported'" in output


def test_missing_text_is_a_clear_error(gold_set):
    gold, texts = gold_set
    (texts / "B.txt").unlink()
    with pytest.raises(CommandError, match="A text is missing"):
        run(str(gold), str(texts))


def test_unreadable_gold_is_a_clear_error(tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot read the gold file"):
        run(str(bad), str(tmp_path))


@pytest.mark.parametrize(
    ("extracted", "gold", "agree"),
    [
        (["Transport Ministry"], ["Ministry of Transport"], True),
        (["U.S. Department of Commerce"], ["US government"], False),
        ([], ["Senate"], False),
        (["Anyone"], [], True),
    ],
)
def test_actor_agreement_needs_a_shared_distinctive_word(extracted, gold, agree):
    assert actors_agree(extracted, gold) is agree


def test_a_chrome_string_in_an_evidence_sentence_counts_as_a_chrome_event():
    article = GoldArticle(
        "C", "text", date(2025, 3, 20), events=(), not_events=("Updated March 20, 2025",)
    )
    event = {
        "sentence": "Updated March 20, 2025 09:00",
        "date_text": "March 20, 2025",
        "date_start": "2025-03-20",
        "date_end": "2025-03-20",
        "precision": "day",
        "date_basis": "stated",
        "actors": [],
        "title": "Updated",
    }
    result = score_article(article, [event])
    assert result.chrome == 1
    assert result.stated == 1 and result.stated_matched == 0
