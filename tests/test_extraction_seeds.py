"""The two seed articles, read from the text alone, against their hand-annotated gold.

The seeds are read at run time from the shared folder (``POLICY_TIMELINE_SHARED``, or
``../shared`` next to the repository); their text is never copied into the project. The
publication date is detected from each page, not given, so a mistake in the reader shows up
as wrong event dates here.
"""

from __future__ import annotations

import json
import os
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from timeline.extraction.events import EventCandidate, extract
from timeline.extraction.text import Article, read_article


def _shared_dir() -> Path:
    configured = os.environ.get("POLICY_TIMELINE_SHARED")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1].parent / "shared"


SEEDS = _shared_dir() / "seeds"
GOLD = json.loads((SEEDS / "gold.json").read_text()) if (SEEDS / "gold.json").is_file() else None
ARTICLES = GOLD["articles"] if GOLD else []
MISSING = f"Seed articles not found in {SEEDS} (set POLICY_TIMELINE_SHARED to the shared folder)"


def _params(items, arity=1):
    """The cases, or one case that skips with a clear message when the seeds are absent."""
    if items:
        return items
    return [pytest.param(*(None,) * arity, marks=pytest.mark.skip(reason=MISSING))]


@cache
def _read(file: str) -> tuple[Article, tuple[EventCandidate, ...]]:
    article = read_article((SEEDS / file).read_text(encoding="utf-8"))
    result = extract(article.text, article.published, title=article.title)
    return article, result.events


def _describe(events) -> str:
    return "\n".join(
        f"  {e.date_start}..{e.date_end} {e.precision} {e.event_type} "
        f"{[a.name for a in e.actors]}: {e.title}"
        for e in events
    )


@pytest.mark.parametrize("gold", _params(ARTICLES), ids=lambda g: g and g["file"])
def test_seed_title_publisher_and_publication_date_are_detected(gold):
    article, _ = _read(gold["file"])

    assert article.title == gold["title"]
    assert article.publisher == gold["publisher"]
    assert article.published == date.fromisoformat(gold["published"])


REQUIRED = [
    pytest.param(article, event, id=f"{article['file'][:3]}-{event['key']}")
    for article in ARTICLES
    for event in article["events"]
    if event["required"]
]


@pytest.mark.parametrize(("gold", "expected"), _params(REQUIRED, 2))
def test_every_required_seed_event_is_found_with_its_date(gold, expected):
    _, events = _read(gold["file"])
    start, end = (
        date.fromisoformat(expected["date_start"]),
        date.fromisoformat(expected["date_end"]),
    )

    matches = [
        event
        for event in events
        if (event.date_start, event.date_end, event.precision)
        == (start, end, expected["precision"])
        and (
            event.event_type == expected["type"]
            or {actor.name for actor in event.actors} & set(expected["actors"])
        )
    ]

    assert matches, (
        f"{expected['key']} ({expected['what']}; {start}..{end} {expected['precision']}) not "
        f"found among:\n{_describe(events)}"
    )
    assert any(event.date_basis == "stated" for event in matches)


NOT_EVENTS = [
    pytest.param(article, text, id=f"{article['file'][:3]}-{text}")
    for article in ARTICLES
    for text in article["not_events"]
]


@pytest.mark.parametrize(("gold", "chrome"), _params(NOT_EVENTS, 2))
def test_page_chrome_never_yields_an_event(gold, chrome):
    article, events = _read(gold["file"])

    assert chrome not in article.text
    assert not [event for event in events if chrome in event.sentence]
    assert not [event for event in events if event.date_text and chrome in event.date_text]


@pytest.mark.parametrize("gold", _params(ARTICLES), ids=lambda g: g and g["file"])
def test_seed_events_start_no_later_than_publication(gold):
    """The seeds report past events: none may start after its article was published."""
    article, events = _read(gold["file"])

    assert events
    assert all(event.date_start <= article.published for event in events), _describe(events)
