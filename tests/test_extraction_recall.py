"""Common news constructions that date an event: a passive with its date, a statement that
reports another party's act, a date between subject and verb, a state "since" a date. Each
with sentences that look alike and must not make an event."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extraction.events import extract_events, extract_page
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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Boeing said last month that Washington had pledged to let it sell jets to Brazil.",
         (date(2025, 2, 1), date(2025, 2, 28), "month")),
        ("Airbus said on Monday that the European Commission had cleared its plan.",
         (date(2025, 3, 17), date(2025, 3, 17), "day")),
    ],
    ids=["capital-for-its-government", "named-body"],
)  # fmt: skip
def test_a_company_reporting_a_government_act_is_a_statement_worth_an_event(sentence, expected):
    assert dated(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Boeing said last month that Brazil had become its largest market.",
        "Airbus said on Monday that Germany was its biggest customer.",
        "Airbus said on Monday that its engineers had finished the new wing.",
    ],
    ids=["country-as-market", "country-as-customer", "own-staff"],
)
def test_a_company_reporting_its_business_makes_no_event(sentence):
    assert dated(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A district judge in May rejected the museum's bid to block the strike.",
         (date(2024, 5, 1), date(2024, 5, 31), "month")),
        ("The appeals court on Tuesday dismissed the landlords' case.",
         (date(2025, 3, 18), date(2025, 3, 18), "day")),
        ("A county judge last week denied the",  # the copy stops mid-sentence
         (date(2025, 3, 10), date(2025, 3, 16), "week")),
    ],
    ids=["month-between-subject-and-verb", "day-between", "cut-off-object"],
)  # fmt: skip
def test_a_court_decision_with_its_date_between_subject_and_verb(sentence, expected):
    assert dated(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The judge denied that she had met the lobbyist.",
        "A judge who in May rejected the petition retired on Friday.",
        "The tennis court in May granted free hours to schools.",
    ],
    ids=["denial-of-a-fact", "relative-clause", "not-a-court-of-law"],
)
def test_other_judges_and_courts_make_no_court_decision(sentence):
    assert all(e.event_type != "lawsuit" for e in extract_events(sentence, PUBLISHED))


@pytest.mark.parametrize(
    ("sentence", "expected", "title"),
    [
        ("The new limits add more boat types on top of curbs that have been in force since "
         "September 2023, the ministry said.",
         (date(2023, 9, 1), date(2023, 9, 30), "month"), "Curbs come into force"),
        ("Fishermen marched on Monday against the fishing ban, in place since 2019.",
         (date(2019, 1, 1), date(2019, 12, 31), "year"), "The fishing ban comes into force"),
    ],
    ids=["relative-clause", "apposition"],
)  # fmt: skip
def test_a_measure_in_force_since_a_date_came_into_force_then(sentence, expected, title):
    events = extract_events(sentence, PUBLISHED)
    assert (expected, title) in [((e.date_start, e.date_end, e.precision), e.title) for e in events]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ticket sales have been in decline since 2019.",
        "The old lighthouse has been in place since 1901.",
        "The ban will stay in force until 2030.",
    ],
    ids=["not-a-measure", "a-building", "until-not-since"],
)
def test_other_states_since_a_date_make_no_event(sentence):
    assert dated(sentence) == []


def test_a_last_line_cut_off_mid_sentence_is_read_as_the_body():
    page = (
        "Harbour fees rise\n\n"
        "The port authority raised its fees on Monday, the third rise this year.\n\n"
        "The port authority last week banned night crossings for ships carrying more than"
    )
    events = extract_page(page, PUBLISHED).events

    assert (date(2025, 3, 10), date(2025, 3, 16)) in [(e.date_start, e.date_end) for e in events]


@pytest.mark.parametrize(
    "last_line",
    ["More from Business", "Read more: Port authority raises fees", "Related Stories"],
)
def test_a_last_heading_or_link_is_not_taken_for_a_cut_sentence(last_line):
    page = (
        "Harbour fees rise\n\n"
        "The port authority raised its fees on Monday, the third rise this year.\n\n"
        f"{last_line}"
    )
    article = extract_page(page, PUBLISHED).article

    assert last_line not in article.text


def test_a_past_act_quoted_with_its_year_is_an_event_and_makes_the_answer_a_statement():
    text = (
        "“When the regulator ordered us to stop selling the lamp in Spain in 2023, we worked "
        "with them to sell it again a month later,” a Nvidia spokesperson said Friday."
    )
    events = {(e.event_type, e.date_start, e.date_end) for e in extract_events(text, PUBLISHED)}

    assert events == {
        ("restriction", date(2023, 1, 1), date(2023, 12, 31)),
        ("statement", date(2025, 3, 14), date(2025, 3, 14)),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        # No year: a speaker's loose "last week" in a quotation is not taken as a fact.
        "“When the regulator ordered us to stop selling the lamp last week, we complied,” a "
        "Nvidia spokesperson said.",
        # A plan, a hypothetical, a state: no act done.
        "“We will ban the lamps in 2026,” the minister said on Monday.",
        "“If they had banned the lamps in 2022, we would be safer,” the minister said.",
        "“The lamp was popular in 2022,” the minister said on Monday.",
    ],
    ids=["no-year", "plan", "hypothetical", "state"],
)
def test_a_quotation_without_a_dated_past_act_adds_nothing(sentence):
    assert [e for e in extract_events(sentence, PUBLISHED) if e.date_end.year < 2025] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The harbour board will be the first to use the rules since the port agency gained "
         "new powers this year.", (date(2025, 1, 1), date(2025, 12, 31), "year")),
        ("The election commission was granted sweeping powers in 2023.",
         (date(2023, 1, 1), date(2023, 12, 31), "year")),
    ],
    ids=["since-clause", "passive"],
)  # fmt: skip
def test_a_body_given_powers_at_a_date_is_an_event(sentence, expected):
    assert expected in dated(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["The wizard gained magical powers.", "The engine gained power as it warmed up in 2023."],
    ids=["undated", "not-powers"],
)
def test_other_powers_make_no_event(sentence):
    assert dated(sentence) == []
