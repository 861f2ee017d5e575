"""``bench/grouping_corpus.py``: the grouping corpus is rebuilt from offsets and hashes only.

The article below is written here, in this project's own words; no third-party text is needed.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from timeline.extraction.group_scoring import READ_PAIRS

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "grouping_corpus.py"
_spec = importlib.util.spec_from_file_location("grouping_corpus", SCRIPT)
grouping_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(grouping_corpus)

TEXT = (
    " date 2025-03-20 Published: March 20, 2025\n"
    "The Transport Ministry banned recreational drones from airports on Tuesday.\n"
    "The ban takes effect on Monday, the ministry’s statement said — “no exceptions”.\n"
)
GOLD = [
    {
        "id": "G90",
        "url": "https://example.org/drones",
        "query": "transport ministry bans drones airports",
        "publisher": "Example News",
        "published": "2025-03-20",
        "events": [
            {
                "what": "The ministry bans recreational drones from airports",
                "date_start": "2025-03-18",
                "date_end": "2025-03-18",
                "precision": "day",
                "anchor": "airports on Tuesday",
                "actors": ["Transport Ministry"],
                "type": "ban",
            },
            {
                "what": "The drone ban takes effect",
                "date_start": "2025-03-24",
                "date_end": "2025-03-24",
                "precision": "day",
                "anchor": "takes effect on Monday, the ministry’s",
                "actors": ["Transport Ministry"],
                "type": "ban",
                "note": "Scheduled (future at publication).",
            },
        ],
        "not_events": ["Published: March 20, 2025"],
    }
]


def test_rebuild_round_trips_anchors_recorded_as_offsets():
    """Recording keeps no anchor text, and rebuilding from the same text gives the gold back."""
    manifest = grouping_corpus.record(GOLD, {"G90": TEXT}, {"G90": 3})
    recorded = json.dumps(manifest, ensure_ascii=False)
    assert "airports on Tuesday" not in recorded
    assert "Published: March" not in recorded
    assert manifest[0]["rank"] == 3
    assert manifest[0]["bytes"] == len(TEXT.encode("utf-8"))
    # Offsets count characters, not bytes: the curly apostrophe is one character.
    second = manifest[0]["events"][1]["anchor"]
    assert TEXT[second["start"] : second["end"]] == "takes effect on Monday, the ministry’s"

    assert grouping_corpus.rebuild(manifest, {"G90": TEXT}) == GOLD


def test_rebuild_refuses_a_text_whose_hash_differs():
    """One changed character (a plain apostrophe for a curly one) is refused, naming the file."""
    manifest = grouping_corpus.record(GOLD, {"G90": TEXT}, {"G90": 3})
    retyped = TEXT.replace("’", "'")
    with pytest.raises(grouping_corpus.CorpusError, match=r"G90\.txt is not the recorded excerpt"):
        grouping_corpus.rebuild(manifest, {"G90": retyped})


def test_rebuild_command_writes_gold_and_exits_1_with_the_reason(tmp_path, capsys):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps({"articles": grouping_corpus.record(GOLD, {"G90": TEXT}, {"G90": 3})})
    )
    (tmp_path / "G90.txt").write_bytes(TEXT.encode("utf-8"))
    assert grouping_corpus.main(["--manifest", str(manifest), "rebuild", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "gold.json").read_text(encoding="utf-8")) == GOLD

    (tmp_path / "G90.txt").write_bytes(TEXT.encode("utf-8") + b"\n")
    assert grouping_corpus.main(["--manifest", str(manifest), "rebuild", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "G90.txt is not the recorded excerpt" in error
    assert "rank 3" in error and "https://example.org/drones" in error


def test_texts_are_written_from_the_saved_answer_at_the_recorded_address(tmp_path):
    manifest = grouping_corpus.record(GOLD, {"G90": TEXT}, {"G90": 3})
    answers = [
        {"id": "G90", "rank": 2, "url": "https://example.org/other", "excerpt": "Another page."},
        {"id": "G90", "rank": 3, "url": "https://example.org/drones", "excerpt": TEXT},
    ]
    assert grouping_corpus.texts_from_answers(manifest, answers) == {"G90": TEXT}


def test_the_committed_manifest_holds_the_read_pairs_events():
    """Every grouping-corpus event that ``READ_PAIRS`` names exists in the committed manifest."""
    articles = {
        article["id"]: article
        for article in json.loads(grouping_corpus.MANIFEST.read_text(encoding="utf-8"))["articles"]
    }
    named = [key for pair in READ_PAIRS for key in pair if key[0].startswith("G")]
    assert named
    for article_id, index in named:
        assert index < len(articles[article_id]["events"]), (article_id, index)
