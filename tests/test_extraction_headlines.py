"""Titles an editor can keep, and who acts: sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extraction.events import TITLE_MAX, extract_events

PUBLISHED = date(2025, 7, 24)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "Portugal's consumer protection watchdog said Friday it has fined the airline "
            "2 million euros.",
            "Portugal's consumer protection watchdog fines the airline 2 million euros",
        ),
        (
            "The Maritime Safety Authority (MSA) fined the ferry operator on July 18.",
            "Maritime Safety Authority fines the ferry operator",
        ),
        (
            "Nine shipping firms were added to the Transport Ministry's watch list on Tuesday.",
            "Transport Ministry adds nine shipping firms to its watch list",
        ),
        (
            "The levy, which will take effect on Saturday, worries exporters.",
            "Levy takes effect",
        ),
        (
            "Polish authorities on Wednesday ordered the operator to suspend its service.",
            "Polish authorities order the operator to suspend its service",
        ),
        (
            "Chilean officials said on Monday they had suspended the permits.",
            "Chilean officials suspend the permits",
        ),
        (
            "The ban was passed by Ohio lawmakers and signed by the governor on Monday.",
            "Ban was passed by Ohio lawmakers and signed by the governor",
        ),
        (
            "Kenya's government has indefinitely suspended the operations of Voltra.",
            "Kenya's government indefinitely suspends the operations of Voltra",
        ),
        (
            "EU member states approved the tariffs on Voltra routers on Friday.",
            "EU member states approve the tariffs on Voltra routers",
        ),
        (
            "India's retaliatory duties on Voltra routers took effect on Friday.",
            "India's retaliatory duties on Voltra routers took effect",
        ),
    ],
    ids=[
        "pronoun-becomes-actor",
        "acronym-dropped",
        "passive-listing-made-active",
        "scheduled",
        "plural-subject",
        "plural-speakers",
        "passive-agent-is-no-subject",
        "adverb-before-the-verb",
        "members-of-a-bloc",
        "what-the-actor-owns",
    ],
)
def test_titles_put_the_actor_first_with_a_present_tense_verb(sentence, title):
    titles = [event.title for event in extract_events(sentence, PUBLISHED)]
    assert title in titles
    assert all(len(t) <= TITLE_MAX for t in titles)


def test_a_title_keeps_the_words_of_an_office_before_a_name():
    """ "EU trade chief Jan Novak": "trade" is part of the office, not a word to drop."""
    (event,) = extract_events(
        "EU trade chief Jan Novak said on Monday the bloc would impose duties on Voltra.",
        PUBLISHED,
    )
    assert event.title.startswith("EU trade chief Jan Novak ")


def test_the_listed_companies_are_targets_and_the_list_owner_initiates():
    event = extract_events(
        "Nine shipping firms were added to the Transport Ministry's watch list on Tuesday.",
        PUBLISHED,
    )[0]
    initiator = next(a for a in event.actors if a.role == "initiator")
    assert initiator.name == "Ministry of Transport"
    assert event.date_start == date(2025, 7, 22)


@pytest.mark.parametrize(
    "sentence",
    [
        "Finance Minister Lena Berg speaks to reporters at the treasury in Oslo on July 21, 2025.",
        "The ministry agreed to sell its stake, according to media reports Sunday.",
        "Shares of the carrier fell 4% on Tuesday.",
        "The injury investigation period is from January 1, 2022 to December 31, 2024.",
    ],
    ids=["photo-caption", "date-of-a-media-report", "market-move", "investigation-period"],
)
def test_captions_reports_market_moves_and_periods_date_no_event(sentence):
    assert [e for e in extract_events(sentence, PUBLISHED) if e.date_basis == "stated"] == []


@pytest.mark.parametrize(
    ("sentence", "start", "end", "precision"),
    [
        (
            "The Senate approved the port bill late Tuesday.",
            date(2025, 7, 22),
            date(2025, 7, 22),
            "day",
        ),
        (
            "The Senate approved the port bill Tuesday night.",
            date(2025, 7, 22),
            date(2025, 7, 22),
            "day",
        ),
        (
            "The Transport Ministry said on Wednesday (July 23, 2025) it had banned the drones.",
            date(2025, 7, 23),
            date(2025, 7, 23),
            "day",
        ),
        (
            "Senator Ana Ruiz introduced Wednesday a bill to ban the drones.",
            date(2025, 7, 23),
            date(2025, 7, 23),
            "day",
        ),
        (
            "The Transport Ministry banned the drones earlier this month.",
            date(2025, 7, 1),
            date(2025, 7, 31),
            "month",
        ),
        (
            "The Transport Ministry first banned the drones in 2018.",
            date(2018, 1, 1),
            date(2018, 12, 31),
            "year",
        ),
    ],
    ids=[
        "late-weekday",
        "weekday-night",
        "parenthesised-date",
        "introduced-weekday",
        "earlier-this-month",
        "year",
    ],
)
def test_news_date_phrases_date_the_action(sentence, start, end, precision):
    event = extract_events(sentence, PUBLISHED)[0]
    assert (event.date_start, event.date_end, event.precision) == (start, end, precision)


def test_a_parenthesised_date_leaves_no_empty_brackets_in_the_title():
    event = extract_events(
        "The Transport Ministry said on Wednesday (July 23, 2025) it had banned the drones.",
        PUBLISHED,
    )[0]
    assert "(" not in event.title


def test_background_history_ranks_below_the_news():
    events = extract_events(
        "The Transport Ministry banned the drones on Tuesday. The ministry first restricted "
        "drones in 2018.",
        PUBLISHED,
    )
    news = next(e for e in events if e.date_start == date(2025, 7, 22))
    history = next(e for e in events if e.date_start.year == 2018)
    assert news.confidence > history.confidence


def test_a_pronoun_subject_takes_the_actor_of_the_event_before():
    events = extract_events(
        "The Maritime Safety Authority fined the ferry operator on Monday. "
        "It added that on July 2 it sent a warning letter to the operator.",
        PUBLISHED,
    )
    letter = next(e for e in events if e.date_start == date(2025, 7, 2))
    assert [a.name for a in letter.actors if a.role == "initiator"] == ["Maritime Safety Authority"]


def test_an_undated_action_in_the_lead_dates_from_publication():
    events = extract_events(
        "The Maritime Safety Authority fined the ferry operator 2 million euros for safety "
        "breaches. The operator said it would appeal.",
        PUBLISHED,
    )
    fine = events[0]
    assert (fine.date_start, fine.date_basis) == (PUBLISHED, "publication")
    assert fine.title.startswith("Maritime Safety Authority fines the ferry operator")


def test_a_clause_with_an_agent_and_no_subject_is_not_credited_as_its_own_subject():
    """ "... and was signed into law by Gov. X in May": not "X is signed into law by Gov. X"."""
    titles = [
        event.title
        for event in extract_events(
            "The ban was passed by Ohio lawmakers in March and was signed into law by Gov. "
            "Ana Soto in May.",
            PUBLISHED,
        )
    ]
    assert titles and not any(title.startswith("Ana Soto is") for title in titles)


def test_a_date_set_off_by_commas_leaves_no_empty_commas_in_the_title():
    event = extract_events(
        "Poland's data protection authority has, on July 21, fined the lender.", PUBLISHED
    )[0]
    assert ",," not in event.title and ", ," not in event.title
