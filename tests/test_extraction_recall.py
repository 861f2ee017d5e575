"""Common news constructions that date an event: a passive with its date, a statement that
reports another party's act, a date between subject and verb, a state "since" a date. Each
with sentences that look alike and must not make an event."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extraction.events import extract_events
from timeline.extraction.sentences import split_sentences

# Thursday 20 March 2025.
PUBLISHED = date(2025, 3, 20)


def dated(text: str) -> list[tuple[date, date, str]]:
    return [(e.date_start, e.date_end, e.precision) for e in extract_events(text, PUBLISHED)]


def test_a_run_of_short_chrome_lines_is_split_from_the_paragraph_after_it():
    text = (
        "The council met on Monday.\nAdvertisement 4\nStory continues below\nPage content\n"
        "The parking levy, the council said, was announced in 2019."
    )

    assert [s.text for s in split_sentences(text)][-1] == (
        "The parking levy, the council said, was announced in 2019."
    )


def test_a_wrapped_line_after_a_heading_still_joins_its_paragraph():
    text = "Fares\nThe transit board said on Monday that it\nwould raise fares in May."

    assert [s.text for s in split_sentences(text)] == [
        "Fares",
        "The transit board said on Monday that it\nwould raise fares in May.",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The parking levy was announced in 2019 to fund new bus lanes.",
         (date(2019, 1, 1), date(2019, 12, 31), "year")),
        ("The fishing quotas, the ministry said, were first unveiled last March.",
         (date(2024, 3, 1), date(2024, 3, 31), "month")),
        ("A curfew on drones had been imposed in June 2023 after two near misses.",
         (date(2023, 6, 1), date(2023, 6, 30), "month")),
    ],
    ids=["announced-year", "unveiled-last-month-name", "imposed-month"],
)  # fmt: skip
def test_a_measure_made_known_in_the_passive_takes_its_date(sentence, expected):
    assert expected in dated(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The parking levy was announced as a temporary measure.",  # no date
        "The parking levy would be announced in May if the budget passes.",  # hypothetical
        "The winner was never announced in 2019.",  # negated
    ],
    ids=["undated", "hypothetical", "negated"],
)
def test_a_passive_without_a_date_of_its_own_makes_no_event(sentence):
    assert dated(sentence) == []
