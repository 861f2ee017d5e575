"""A measure told by a noun phrase whose relative clause, without "that", carries the act, its
subject and its own date ("the levy Spain imposed in January") is an event of its own; "the
previous week" in such a clause counts from the time of its sentence, not from the text's last
stated date."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extraction.events import extract_events

PUBLISHED = date(2025, 3, 20)  # a Thursday
EARLIER = "The ferry strike ended on March 1. "  # a date stated before the sentence


def _events(text: str) -> set[tuple[str, date, date, str | None]]:
    return {
        (
            event.event_type,
            event.date_start,
            event.date_end,
            next((a.name for a in event.actors if a.role == "initiator"), None),
        )
        for event in extract_events(text, PUBLISHED)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Portugal's ferry operators protested on Monday against the port levy Spain imposed "
            "in January.",
            ("restriction", date(2025, 1, 1), date(2025, 1, 31), "Spanish government"),
        ),
        # "she" is the person named before; the week before the publication's, though the text
        # last stated March 1.
        (
            EARLIER + "Minister Ana Costa defended the port levy she announced the previous week.",
            ("restriction", date(2025, 3, 10), date(2025, 3, 16), "Ana Costa"),
        ),
        # The sentence states its own day (Friday, March 14): the day before is Thursday.
        (
            EARLIER + "On Friday, Minister Ana Costa withdrew the port levy she announced the "
            "previous day.",
            ("restriction", date(2025, 3, 13), date(2025, 3, 13), "Ana Costa"),
        ),
        (
            "The Harbour Authority on Friday withdrew the fine it issued the day before.",
            ("restriction", date(2025, 3, 13), date(2025, 3, 13), "Harbour Authority"),
        ),
        # A subject that is no known actor: nobody else in the sentence made the fine.
        (
            "Voltra appealed on Monday against the fine the regulator issued last month.",
            ("restriction", date(2025, 2, 1), date(2025, 2, 28), None),
        ),
        (
            "Ferry operators on Friday challenged the ban approved by the Portuguese Parliament "
            "on Monday.",
            ("ban", date(2025, 3, 17), date(2025, 3, 17), "Parliament of Portugal"),
        ),
    ],
    ids=["named-subject", "she-previous-week", "previous-day-of-the-sentence", "it-day-before",
         "described-subject", "by-agent"],
)  # fmt: skip
def test_a_measure_named_with_its_makers_dated_act_is_an_event_of_its_own(text, expected):
    assert expected in _events(text)


def test_the_main_clause_does_not_take_the_relative_clauses_date():
    """The levy was announced the previous week; the withdrawal is Friday's."""
    found = _events(
        EARLIER + "On Friday, Minister Ana Costa withdrew the port levy she announced the "
        "previous day."
    )
    assert {(start, actor) for _, start, _, actor in found} == {
        (date(2025, 3, 13), "Ana Costa"),
        (date(2025, 3, 14), "Ana Costa"),
    }


def test_an_undated_main_clause_does_not_borrow_the_relative_clauses_week():
    found = _events(
        EARLIER + "Minister Ana Costa defended the port levy she announced the previous week."
    )
    assert found == {("restriction", date(2025, 3, 10), date(2025, 3, 16), "Ana Costa")}


def test_last_week_still_counts_from_the_publication_date():
    found = _events(EARLIER + "Minister Ana Costa defended the port levy she announced last week.")
    assert ("restriction", date(2025, 3, 10), date(2025, 3, 16), "Ana Costa") in found


@pytest.mark.parametrize(
    "text",
    [
        "Spain defended the levy it imposed.",  # no date of its own
        "The fine the regulator issued was paid on Monday.",  # Monday is the payment's
        "Minister Ana Costa said the levy she announced would stay.",
    ],
    ids=["undated", "date-of-the-main-clause", "undated-statement"],
)
def test_a_noun_phrase_without_its_own_date_is_no_event(text):
    assert _events(text) == set()


def test_a_comma_after_the_measure_ends_the_noun_phrase():
    """ "In response to the tariffs, Spain announced ...": Spain announced the levy, not the
    tariffs."""
    found = extract_events(
        "In response to the tariffs, Spain announced on Monday a levy on ferries.", PUBLISHED
    )
    assert [e.title for e in found] == ["Spain announced a levy on ferries"]


def test_he_with_nobody_named_before_gives_no_actor_not_the_main_clauses():
    found = _events("The Harbour Authority defended the levy he announced in January.")
    assert {actor for _, start, _, actor in found if start == date(2025, 1, 1)} == {None}


@pytest.mark.parametrize(
    "clause",
    [
        "the duties that Norway imposed the previous week",
        "the duties, which Norway imposed the previous week",
        "the duties imposed the previous week",
    ],
    ids=["that", "which", "participle"],
)
def test_the_previous_week_of_any_made_measure_counts_from_the_sentences_time(clause):
    """With "that", "which" or a participle too: the week before the publication's when the
    sentence states no day, not the week before March 1."""
    found = _events(EARLIER + f"Lisbon criticised {clause}.")
    assert {(start, end) for _, start, end, _ in found} == {(date(2025, 3, 10), date(2025, 3, 16))}
