"""Clause splitting: one sentence that tells two dated actions gives two clauses."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extraction.clauses import split_clauses
from timeline.extraction.events import extract_events

PUBLISHED = date(2025, 3, 20)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        (
            "Lisbon protested on Wednesday after the shipping agency fined the port on Tuesday.",
            [
                "Lisbon protested on Wednesday",
                "after the shipping agency fined the port on Tuesday.",
            ],
        ),
        (
            "The upper house approved the bill late on Monday, following which the lower house "
            "passed it on Tuesday.",
            [
                "The upper house approved the bill late on Monday",
                "following which the lower house passed it on Tuesday.",
            ],
        ),
        (
            "The council, which was created in May, met for the first time on Tuesday.",
            ["The council", "which was created in May", "met for the first time on Tuesday."],
        ),
        (
            "The regulator opened a case on Monday, a day after the minister asked it to act.",
            [
                "The regulator opened a case on Monday",
                "a day after the minister asked it to act.",
            ],
        ),
        (
            "The ministry banned the drones on Tuesday.",
            ["The ministry banned the drones on Tuesday."],
        ),
        (
            "The duties on imported bicycles, including a 30% levy on frames, took effect "
            "on Monday, forcing Norway to answer with its own duties.",
            [
                "The duties on imported bicycles, including a 30% levy on frames, took effect "
                "on Monday",
                "forcing Norway to answer with its own duties.",
            ],
        ),
    ],
    ids=["after", "following-which", "relative", "a-day-after", "one-clause", "participle"],
)
def test_clauses_are_slices_of_the_sentence_at_its_connectives(sentence, clauses):
    found = split_clauses(sentence)
    assert [clause.text for clause in found] == clauses
    assert all(sentence[c.start : c.end] == c.text for c in found)


def test_a_sentence_with_two_dated_actions_gives_two_candidates():
    sentence = (
        "The Harbour Authority suspended the ferry operator's licence on Wednesday after the "
        "Transport Ministry banned night crossings on Monday."
    )
    events = extract_events(sentence, PUBLISHED)
    assert sorted(e.date_start for e in events) == [date(2025, 3, 17), date(2025, 3, 19)]
    assert all(e.sentence == sentence for e in events)


def test_a_country_acting_is_its_government_and_the_event_country():
    events = extract_events("Norway announced Tuesday a ban on the sale of the drones.", PUBLISHED)
    initiator = next(a for a in events[0].actors if a.role == "initiator")
    assert (initiator.name, initiator.kind) == ("Norwegian government", "government")
    assert events[0].country == "NO"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The port levy, which was approved by the Senate in January, takes effect Sunday.",
            {(date(2025, 1, 1), "month"), (date(2025, 3, 23), "day")},
        ),
        (
            "Transport Minister Ana Costa said Wednesday she is suspending the port fees that "
            "went into effect earlier in the day.",
            {(date(2025, 3, 19), "day")},
        ),
    ],
    ids=["passive-approval-and-scheduled-step", "same-day-step"],
)
def test_each_dated_step_of_a_measure_is_a_candidate(sentence, expected):
    events = extract_events(sentence, PUBLISHED)
    assert {(e.date_start, e.precision) for e in events} == expected
    assert len(events) == 2


def test_a_relative_chain_takes_the_day_of_the_event_it_hangs_on():
    events = extract_events(
        "The Harbour Court blocked the port fees on Wednesday. The Transport Ministry minutes "
        "later filed a notice of appeal.",
        PUBLISHED,
    )
    assert sorted((e.date_start, e.event_type) for e in events) == [
        (date(2025, 3, 19), "lawsuit"),
        (date(2025, 3, 19), "lawsuit"),
    ]


def test_two_dated_tellings_on_different_days_stay_two_events():
    events = extract_events(
        "Transport Minister Ana Costa banned night ferries on Wednesday. "
        "Ana Costa last week banned ferries from the old harbour. "
        "Ana Costa says the ban on ferries is needed.",
        PUBLISHED,
    )
    stated = sorted((e.date_start, e.precision) for e in events if e.date_basis == "stated")
    assert stated == [(date(2025, 3, 10), "week"), (date(2025, 3, 19), "day")]
