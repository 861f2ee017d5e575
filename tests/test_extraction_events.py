"""Event candidates from sentences: type, date, actors, evidence, and what is left out."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline.extraction.dates import Timex
from timeline.extraction.events import (
    TITLE_MAX,
    EventCandidate,
    extract,
    extract_events,
    extract_page,
    present_tense,
)

# Thursday 20 March 2025.
PUBLISHED = date(2025, 3, 20)


def only_event(text: str, published: date | None = PUBLISHED) -> EventCandidate:
    events = extract_events(text, published)
    assert len(events) == 1, [event.title for event in events]
    return events[0]


@pytest.mark.parametrize(
    ("sentence", "event_type", "start", "end", "precision", "date_text", "initiator"),
    [
        (
            "The Commerce Department on Tuesday added 12 companies to its entity list.",
            "export_control", date(2025, 3, 18), date(2025, 3, 18), "day", "on Tuesday",
            "U.S. Department of Commerce",
        ),
        (
            "Senator Jane Holloway introduced a bill on Monday that would ban the sale of "
            "facial recognition software to police.",
            "legislation", date(2025, 3, 17), date(2025, 3, 17), "day", "on Monday",
            "Jane Holloway",
        ),
        (
            "The European Commission opened an investigation into Voltra's pricing on Wednesday.",
            "investigation", date(2025, 3, 19), date(2025, 3, 19), "day", "on Wednesday",
            "European Commission",
        ),
        (
            "Quillon sued the Federal Trade Commission on March 3 over the new rule.",
            "lawsuit", date(2025, 3, 3), date(2025, 3, 3), "day", "on March 3", "Quillon",
        ),
        (
            "Japan and India signed a trade agreement in February.",
            "agreement", date(2025, 2, 1), date(2025, 2, 28), "month", "in February",
            "Japanese government",
        ),
        (
            "Foreign Ministry spokesperson Lin Wei said on Thursday that Beijing firmly opposes "
            "the new tariffs.",
            "statement", PUBLISHED, PUBLISHED, "day", "on Thursday", "Lin Wei",
        ),
        (
            "On March 3, Reuters reported that the Treasury Department is weighing sanctions "
            "on Voltra.",
            "proposal", date(2025, 3, 3), date(2025, 3, 3), "day", "On March 3",
            "U.S. Department of the Treasury",
        ),
        (
            "The ban, in force since January 2024, was extended by the Interior Ministry on "
            "Monday.",
            "ban", date(2025, 3, 17), date(2025, 3, 17), "day", "on Monday",
            "Ministry of Interior",
        ),
        (
            "The Harbour Safety Act, which bans jet skis near ferries, was signed on Monday "
            "by former Prime Minister Ivo Tamm.",
            "legislation", date(2025, 3, 17), date(2025, 3, 17), "day", "on Monday", "Ivo Tamm",
        ),
        (
            "Senator Ada Brooks testified before the Senate Banking Committee last week.",
            "hearing", date(2025, 3, 10), date(2025, 3, 16), "week", "last week", "Ada Brooks",
        ),
        (
            "The regulator's board approved new restrictions on short selling on 4 March 2025.",
            "restriction", date(2025, 3, 4), date(2025, 3, 4), "day", "on 4 March 2025", None,
        ),
    ],
    ids=[
        "export-control-weekday",
        "bill-date-in-own-clause",
        "investigation",
        "lawsuit-by-acting-company",
        "agreement-month",
        "statement-stance-on-measure",
        "reported-proposal",
        "passive-agent-since-ignored",
        "passive-agent-with-a-role",
        "hearing-last-week",
        "restriction-absolute-date",
    ],
)  # fmt: skip
def test_policy_actions_become_dated_candidates(
    sentence, event_type, start, end, precision, date_text, initiator
):
    event = only_event(sentence)

    assert (event.event_type, event.date_start, event.date_end) == (event_type, start, end)
    assert (event.precision, event.date_text, event.date_basis) == (precision, date_text, "stated")
    leading = [actor.name for actor in event.actors if actor.role == "initiator"]
    assert (leading[0] if leading else None) == initiator
    assert event.sentence == sentence
    assert (event.start, event.end) == (0, len(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry did not ban the app on Friday.",
        "The agency declined to restrict exports of the chips on Monday.",
        "Analysts said on Friday that a ban would be unworkable.",
        "Professor Ana Ruiz, an economist at Lindqvist University, said on Monday the "
        "sanctions would fail.",
        '"We will not accept these restrictions," the trade minister said.',
        "The agency had proposed similar rules.",
        "Voltra, which was banned from federal contracts in 2022, reported record profits on "
        "Monday.",
        "If the council bans the cups, traders will suffer, a trader told the paper on Monday.",
        "Banning the app would be more symbolic than practical, one source said on Monday.",
        "The White House did not immediately respond to a request for comment on Tuesday.",
        "Share this article",
        "Sign up for our newsletter to get the latest news on Monday.",
        "Officials met on Tuesday to discuss the weather.",
        "Voltra faces fines of up to 4% of its turnover, the regulator said on Monday.",
    ],
    ids=[
        "negated",
        "declined",
        "analysts",
        "expert-with-role",
        "undated-full-quote",
        "past-perfect-background",
        "relative-clause",
        "conditional",
        "hypothetical-gerund",
        "no-comment",
        "chrome-share",
        "chrome-newsletter",
        "no-policy-action",
        "potential-fine",
    ],
)
def test_background_opinion_negation_and_chrome_make_no_event(sentence):
    assert extract_events(sentence, PUBLISHED) == []


def test_an_undated_present_perfect_action_takes_the_publication_date():
    event = only_event("Voltra has suspended sales of its routers in Canada.")

    assert (event.date_start, event.date_end, event.precision) == (PUBLISHED, PUBLISHED, "day")
    assert (event.date_basis, event.date_text) == ("publication", None)
    assert event.event_type == "restriction"


def test_a_stated_date_is_more_certain_than_the_publication_date():
    stated = only_event("Voltra suspended sales of its routers in Canada on Monday.")
    undated = only_event("Voltra has suspended sales of its routers in Canada.")

    assert stated.confidence > undated.confidence
    assert 0 <= undated.confidence <= 1


def test_a_day_within_a_named_year_dates_the_event_rather_than_the_year():
    """ "the Safety Plan 2025 ... on Friday, March 14": the year names the plan, the day
    is when the regulator acted."""
    event = only_event(
        "The Federal Aviation Administration announced the Safety Plan 2025 on Friday, March 14."
    )

    assert (event.date_start, event.precision) == (date(2025, 3, 14), "day")


def test_without_a_publication_date_only_absolute_dates_date_events():
    text = (
        "The Commerce Department added 12 companies to its entity list on Tuesday.\n\n"
        "The Senate passed the chip security bill on March 3, 2025."
    )

    events = extract_events(text, None)

    assert [(e.event_type, e.date_start) for e in events] == [("legislation", date(2025, 3, 3))]


def test_a_past_tense_report_dated_after_publication_is_dropped_but_a_future_one_is_kept():
    misdated = extract_events("The ministry banned the drones on April 1, 2025.", PUBLISHED)
    future = extract_events("The ban takes effect on April 1.", PUBLISHED)

    assert misdated == []
    assert [(e.event_type, e.date_start) for e in future] == [("ban", date(2025, 4, 1))]


def test_one_event_told_twice_is_one_candidate_with_the_best_evidence():
    text = (
        "The Transport Ministry reportedly banned the drones from airports on Tuesday.\n\n"
        "Transport Ministry officials banned the drones from airports on Tuesday, citing two "
        "near-misses at the capital's main airport, Voltra said."
    )

    events = extract_events(text, PUBLISHED)

    assert len(events) == 1
    assert events[0].event_type == "ban"
    assert events[0].start == text.index("Transport Ministry officials")  # not the hedged one
    assert {actor.name for actor in events[0].actors} >= {"Ministry of Transport", "Voltra"}


def test_an_undated_retelling_merges_into_the_dated_telling():
    text = (
        "Senator Ada Brooks proposed a ban on the drones on Monday.\n\n"
        "Brooks proposed that the five agencies share their drone data."
    )

    events = extract_events(text, PUBLISHED)

    assert [(e.event_type, e.date_start, e.date_basis) for e in events] == [
        ("proposal", date(2025, 3, 17), "stated")
    ]


def test_two_actors_acting_on_the_same_day_are_two_events():
    text = (
        "The Transport Ministry banned the drones from airports on Tuesday.\n\n"
        "The Interior Ministry banned the drones from stadiums on Tuesday."
    )

    events = extract_events(text, PUBLISHED)

    assert [e.actors[0].name for e in events] == ["Ministry of Transport", "Ministry of Interior"]


def test_date_is_the_expression_nearest_the_action_not_a_deadline():
    event = only_event(
        "The Senate passed the bill on Tuesday, which gives companies until June 30 to comply."
    )

    assert (event.date_start, event.date_text) == (date(2025, 3, 18), "on Tuesday")


def test_durations_and_sets_never_date_an_event():
    sentence = "The Commerce Department imposed a 90-day ban on the exports on Tuesday."
    duration, day = sentence.index("90-day"), sentence.index("Tuesday")
    tuesday = date(2025, 3, 18)
    timexes = [
        # Even with a range attached, a duration says how long, not when.
        Timex(
            duration, duration + 6, "90-day", "DURATION", "P90D", None, tuesday, date(2025, 6, 15)
        ),  # fmt: skip
        Timex(day, day + 7, "Tuesday", "DATE", "2025-03-18", "day", tuesday, tuesday),
    ]

    events = extract(sentence, PUBLISHED, timexes=timexes).events

    assert [(e.date_start, e.date_text) for e in events] == [(date(2025, 3, 18), "on Tuesday")]


def test_offsets_index_the_article_text():
    text = (
        "Ferry operator suspends night crossings\n\n"
        "(Reuters) - The Transport Ministry banned night ferries on Tuesday after two "
        "engine failures.\n\nPassengers were moved to day services."
    )

    event = only_event(text)

    assert text[event.start : event.end] == event.sentence
    # The wire's credit heading the lead is page furniture, left out of the evidence.
    assert event.sentence.startswith("The Transport Ministry banned")
    assert event.summary.startswith("The Transport Ministry banned")


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "The Commerce Department on Tuesday added 12 companies to its entity list.",
            "Commerce Department adds 12 companies to its entity list",
        ),
        (
            "Ada Brooks, the senator who chairs the panel, also raised concerns about the drones "
            "in a radio interview on Tuesday.",
            "Ada Brooks raises concerns about the drones in a radio interview",
        ),
        (
            "Foreign Ministry spokesperson Lin Wei said on Thursday that Beijing firmly opposes "
            "the new tariffs.",
            "Lin Wei says Beijing opposes the new tariffs",
        ),
        (
            "On March 3, Reuters reported that the Treasury Department is weighing sanctions "
            "on Voltra.",
            "Treasury Department is weighing sanctions on Voltra",
        ),
        (
            "Japan and India signed a trade agreement in February.",
            "Japan and India sign a trade agreement",
        ),
    ],
)
def test_titles_are_short_headlines_in_the_present_tense(sentence, title):
    assert only_event(sentence).title == title


def test_a_long_title_is_cut_at_a_phrase_boundary():
    event = only_event(
        "Bo Lind, the trade minister, told the Senate Banking Committee during a hearing on "
        "Wednesday that the government would restrict exports of advanced batteries to three "
        "countries from next year."
    )

    assert len(event.title) <= TITLE_MAX
    assert event.title == "Bo Lind tells the Senate Banking Committee during a hearing"


@pytest.mark.parametrize(
    ("past", "present"),
    [
        ("banned", "bans"),
        ("restricted", "restricts"),
        ("proposed", "proposes"),
        ("announced", "announces"),
        ("imposed", "imposes"),
        ("approved", "approves"),
        ("signed", "signs"),
        ("passed", "passes"),
        ("introduced", "introduces"),
        ("sued", "sues"),
        ("filed", "files"),
        ("launched", "launches"),
        ("released", "releases"),
        ("expressed", "expresses"),
        ("raised", "raises"),
        ("said", "says"),
        ("told", "tells"),
        ("informed", "informs"),
        ("warned", "warns"),
        ("urged", "urges"),
        ("blocked", "blocks"),
        ("agreed", "agrees"),
        ("vowed", "vows"),
        ("pushed", "pushes"),
        ("weighed", "weighs"),
        ("denied", "denies"),
        ("fined", "fines"),
        ("opened", "opens"),
        ("ruled", "rules"),
        ("voted", "votes"),
        ("unveiled", "unveils"),
        ("Added", "Adds"),
        ("retaliated", "retaliates"),
        ("negotiated", "negotiates"),
        ("evaluated", "evaluates"),
        ("created", "creates"),
        ("treated", "treats"),
        ("repeated", "repeats"),
        ("probed", "probes"),
        ("seized", "seizes"),
        ("weighing", "weighing"),
    ],
)
def test_present_tense_of_policy_verbs(past, present):
    assert present_tense(past) == present


def test_as_dict_has_exactly_the_contract_fields():
    event = only_event("The Commerce Department on Tuesday added 12 companies to its entity list.")

    assert event.as_dict() == {
        "title": "Commerce Department adds 12 companies to its entity list",
        "summary": event.sentence,
        "event_type": "export_control",
        "date_start": "2025-03-18",
        "date_end": "2025-03-18",
        "precision": "day",
        "date_text": "on Tuesday",
        "date_basis": "stated",
        "sentence": event.sentence,
        "start": 0,
        "end": len(event.sentence),
        "actors": ["U.S. Department of Commerce"],
        "confidence": event.confidence,
    }


_WORDS = st.sampled_from(
    [
        "The", "Commerce", "Department", "banned", "ban", "on", "Tuesday", "said", "Senator",
        "Ada", "Brooks", "\"", ".", ",", "that", "would", "not", "March", "3", "2025", "last",
        "week", "sued", "Quillon", "hearing", "\n\n", "(Reuters)", "-", "has", "agreed", "to",
        "restrict", "exports", "which", "if", "since", "this", "month", "Inc.", "U.S.", "?",
    ]
)  # fmt: skip


@settings(deadline=None)
@given(
    text=st.text(max_size=400) | st.lists(_WORDS, max_size=60).map(" ".join),
    published=st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
)
@example(text="A00 BANNED said 2000", published=None)  # once gave an empty title
def test_any_text_gives_valid_deterministic_candidates(text, published):
    result = extract(text, published)

    assert result == extract(text, published)
    for event in result.events:
        assert 0 <= event.start <= event.end <= len(text)
        assert text[event.start : event.end] == event.sentence
        assert event.date_start <= event.date_end
        if event.precision == "day":
            assert event.date_start == event.date_end
        assert 0 <= event.confidence <= 1
        assert event.date_basis in {"stated", "publication"}
        assert event.title and len(event.title) <= TITLE_MAX


@pytest.mark.parametrize(
    ("sentence", "event_type", "day", "initiator"),
    [
        (
            "The European Commission on Monday fined Vexa Mobile 410 million euros for "
            "breaching the Digital Markets Act.",
            "restriction", date(2025, 3, 17), "European Commission",
        ),
        (
            "A bipartisan group of senators on Monday introduced legislation that would "
            "prohibit agencies from buying the software.",
            "legislation", date(2025, 3, 17), "bipartisan group of senators",
        ),
        (
            "The U.S. Justice Department on Monday charged two men with smuggling chips to China.",
            "lawsuit", date(2025, 3, 17), "U.S. Department of Justice",
        ),
        (
            "China's commerce ministry on Monday announced export controls on rare earths, a "
            "move analysts said was a response to U.S. curbs.",
            "export_control", date(2025, 3, 17), "Ministry of Commerce of China",
        ),
        (
            "Brussels opened formal proceedings against Kairo AI on Monday.",
            "investigation", date(2025, 3, 17), "European Commission",
        ),
        (
            "The Reserve Bank of Freedonia (RBF) cut its main policy rate to 4% on Tuesday.",
            "other", date(2025, 3, 18), "Reserve Bank of Freedonia",
        ),
        (
            "On Thursday, the European Central Bank kept its key rates unchanged.",
            "other", date(2025, 3, 20), "European Central Bank",
        ),
        (
            "The Union Cabinet on Wednesday approved a radio spectrum auction of 3,000 MHz.",
            "other", date(2025, 3, 19), "Cabinet",
        ),
        (
            "Regulators at the European Commission hit Vexa Mobile yesterday with penalties "
            "of 40 million euros over its app store terms.",
            "restriction", date(2025, 3, 19), "European Commission",
        ),
        (
            "Lisbon, March 18, 2025 – Two shipping firms must pay after the European "
            "Commission imposed a €12 million fine over a cartel.",
            "restriction", date(2025, 3, 18), "European Commission",
        ),
        (
            "In a statement on Monday the European Commission said the two ferry lines had "
            "merged without approval.",
            "statement", date(2025, 3, 17), "European Commission",
        ),
        (
            "Judge Rui da Costa heard the case. Costa ordered on Monday the closure of the "
            "ferry company's ticket offices.",
            "restriction", date(2025, 3, 17), "Rui da Costa",
        ),
        (
            "The European Commission froze the shipping group's bank accounts on Tuesday.",
            "restriction", date(2025, 3, 18), "European Commission",
        ),
        (
            "The ruling was handed down on Tuesday by District Judge Ada Brooks in Denver.",
            "lawsuit", date(2025, 3, 18), "Ada Brooks",
        ),
        (
            "The European Commission accused two grocers of fixing bread prices in 2023.",
            "statement", None, "European Commission",
        ),
    ],
    ids=[
        "fine", "bill-that-would", "charged-with", "analysts-aside", "capital-metonym",
        "rate-cut", "rates-held", "cabinet-approves-auction", "hit-with-a-fine",
        "dateline-and-currency-fine", "fronted-in-a-statement", "judge-ordered-suspension",
        "froze-accounts", "ruling-handed-down-by", "accused-of",
    ],
)  # fmt: skip
def test_enforcement_and_legislative_steps_are_events(sentence, event_type, day, initiator):
    event = only_event(sentence)

    if day is None:  # a year: the whole of it
        day, last = date(2023, 1, 1), date(2023, 12, 31)
    else:
        last = day
    assert (event.event_type, event.date_start, event.date_end) == (event_type, day, last)
    leading = [actor.name for actor in event.actors if actor.role == "initiator"]
    assert (leading[0] if leading else None) == initiator


@pytest.mark.parametrize(
    "sentence",
    [
        "The Information Technology Act allows the government to block online content.",
        "The company was fined for breaching the Act in 2019, the court heard.",
    ],
    ids=["law-named-only", "law-in-a-quote-of-history"],
)
def test_a_law_named_but_not_acted_on_is_no_legislation_event(sentence):
    assert [e for e in extract_events(sentence, PUBLISHED) if e.event_type == "legislation"] == []


def test_a_trailing_clause_with_its_own_date_is_a_second_event():
    sentence = (
        "The European Parliament voted on Tuesday to delay the rules, backing a proposal the "
        "European Commission made in November."
    )

    events = extract_events(sentence, PUBLISHED)

    assert sorted((e.event_type, e.date_start, e.precision) for e in events) == [
        ("legislation", date(2025, 3, 18), "day"),
        ("proposal", date(2024, 11, 1), "month"),
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "The Federal Trade Commission opened an inquiry on Monday. Applications will be "
            "reviewed under a presumption of denial, the agency said.",
            "Agency says applications will be reviewed under a presumption of denial",
        ),
        (
            "Teresa Ribera, the Commission's executive vice-president, said on Monday the "
            "decision sent a clear message to gatekeepers.",
            "Teresa Ribera says the decision sent a clear message to gatekeepers",
        ),
        (
            "Several agencies, including NASA and the Navy, told staff in recent months not to "
            "use the app.",
            "NASA and Navy tell staff not to use the app",
        ),
    ],
    ids=["credit-at-the-end", "said-with-its-object", "list-of-actors-with-commas"],
)
def test_titles_put_the_speaker_or_actor_first(text, title):
    assert title in [event.title for event in extract_events(text, PUBLISHED)]


def test_a_clause_that_cleaning_empties_keeps_its_own_words_as_the_title():
    (event,) = extract("A00 banned said 2000", None).events

    assert event.title == "A00 banned said 2000"


@pytest.mark.parametrize(
    "sentence",
    [
        "The probe comes after Japan last week imposed a crackdown on steel imports.",
        "The fine came a day after Japan last week imposed a crackdown on steel imports.",
    ],
    ids=["comes-after", "came-a-day-after"],
)
def test_the_clause_after_comes_after_is_the_event_with_its_own_actor_and_date(sentence):
    event = only_event(sentence)

    assert (event.event_type, event.precision) == ("restriction", "week")
    assert (event.date_start, event.date_end) == (date(2025, 3, 10), date(2025, 3, 16))
    assert [actor.name for actor in event.actors if actor.role == "initiator"] == [
        "Japanese government"
    ]


def test_a_rule_named_by_its_year_and_author_is_dated_by_that_year():
    event = only_event("The finding underpinned a 2021 Labor Department overtime rule.")

    assert (event.event_type, event.precision) == ("legislation", "year")
    assert (event.date_start, event.date_end) == (date(2021, 1, 1), date(2021, 12, 31))
    assert [actor.name for actor in event.actors] == ["U.S. Department of Labor"]


def test_a_wire_dateline_a_day_before_the_page_date_anchors_the_weekdays():
    """A page stamped Friday carries a story filed "March 20" (Thursday) in Beijing: its
    "Thursday" and "starting Friday" count from the dateline, not a week from the page date."""
    page = extract_page(
        "Ministry renews duties on a chemical\n"
        "(Xinhua) 09:10, March 21, 2025\n"
        "BEIJING, March 20 (Xinhua) -- The Ministry of Commerce on Thursday announced its "
        "decision to renew anti-dumping duties on imports of a chemical from three countries.\n"
        "The duties will be levied for another five years starting Friday.",
        date(2025, 3, 21),
    )

    assert page.published == date(2025, 3, 21)
    assert sorted(event.date_start for event in page.events) == [
        date(2025, 3, 20),
        date(2025, 3, 21),
    ]


def test_a_day_in_brackets_dates_the_week_it_refines():
    """ "later this week (7 November)": the day, not the whole week."""
    published = date(2025, 11, 5)  # a Wednesday
    event = only_event(
        "The Home Office said it will ban the imports later this week (7 November).", published
    )

    assert (event.date_start, event.precision) == (date(2025, 11, 7), "day")


def test_a_date_in_a_reason_clause_does_not_date_the_action():
    """ "restricted imports as the minister said that cases rose last year": last year is when
    cases rose; the restriction has no date of its own."""
    published = date(2025, 11, 5)
    reason = "as the minister said that cases rose last year."
    undated = extract_events(
        f"The Ministry of Agriculture restricted imports of poultry {reason}", published
    )
    dated = only_event(
        f"The Ministry of Agriculture restricted imports of poultry on Monday {reason}", published
    )

    assert [event.date_text for event in undated] == []
    assert (dated.date_start, dated.date_text) == (date(2025, 11, 3), "on Monday")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Civil Aviation Authority published new guidance on drone flights on Tuesday.",
        "The Civil Aviation Authority also published a dashboard Tuesday aimed at airlines.",
    ],
)
def test_a_regulator_publishing_guidance_or_a_dashboard_is_a_dated_event(sentence):
    event = only_event(sentence, date(2025, 11, 5))

    assert (event.date_start, event.event_type) == (date(2025, 11, 4), "report")


def test_a_word_of_an_actors_name_is_no_action():
    """The "Tariff Commission" imposes no tariff by its name: the sentence's action is the new
    rate taking effect on Thursday; the 20% "announced last week" is an event of its own, of
    last week."""
    events = extract_events(
        "The new rate takes effect on Thursday in place of the 20% announced last week, the "
        "Ruritanian Tariff Commission said.",
        date(2025, 3, 19),
    )
    assert [(e.event_type, e.date_start, e.date_text) for e in events] == [
        ("restriction", date(2025, 3, 10), "last week"),
        ("other", date(2025, 3, 20), "on Thursday"),
    ]


def test_a_report_named_by_its_year_and_long_author_is_a_report_even_with_a_glued_link():
    events = extract_events(
        "According to a 2019 Ruritanian Fair Trade Commission [4]report, imports of bicycles "
        "doubled.",
        date(2025, 3, 19),
    )
    assert [(e.event_type, e.date_start, e.precision) for e in events] == [
        ("report", date(2019, 1, 1), "year")
    ]


@pytest.mark.parametrize(
    ("sentence", "actors"),
    [
        # The subject undergoes the measure: it is not the one acting.
        ("Brazil faced new tariffs last week.", []),
        ("Brazil imposed new tariffs of 60% last week.", ["Brazilian government"]),
    ],
)
def test_a_country_facing_a_tariff_does_not_impose_it(sentence, actors):
    (event,) = extract_events(sentence, date(2025, 4, 10))
    assert [actor.name for actor in event.actors] == actors


def test_a_participle_opening_dates_the_measure_the_sentence_before_told():
    text = (
        "The European Commission suspended the app on Wednesday. Signed on Thursday, the "
        "decree gives operators a day to comply."
    )

    events = extract_events(text, PUBLISHED)

    issued = [event for event in events if event.sentence.startswith("Signed")]
    assert [(e.title, e.date_start, e.actors[0].name) for e in issued] == [
        ("Decree signed", date(2025, 3, 20), "European Commission")
    ]


def test_a_verb_after_and_without_its_own_subject_shares_the_sentence_subject():
    text = (
        "The European Commission fined the ferry line in May 2023, and in January 2024, "
        "warned it about its booking fees."
    )

    events = {event.date_start: event for event in extract_events(text, PUBLISHED)}

    concerns = events[date(2024, 1, 1)]
    assert concerns.date_end == date(2024, 1, 31)
    assert concerns.actors[0].name == "European Commission"
    assert concerns.title.startswith("European Commission warns")


def test_an_ultimatum_is_dated_by_its_own_day():
    text = (
        "Judge Rui da Costa gave the ferry operator an ultimatum on Tuesday over its safety record."
    )

    event = only_event(text)

    assert (event.event_type, event.date_start) == ("restriction", date(2025, 3, 18))
    assert "Rui da Costa" in [actor.name for actor in event.actors]


@pytest.mark.parametrize(
    ("text", "title", "initiator"),
    [
        ("The ferry line ignored an ultimatum from Judge Rui da Costa on Tuesday.",
         "Rui da Costa issues an ultimatum", "Rui da Costa"),
        ("The ruling was handed down on Tuesday by District Judge Ada Brooks in Denver.",
         "Ada Brooks issues a ruling", "Ada Brooks"),
    ],
    ids=["ultimatum-from", "ruling-by"],
)  # fmt: skip
def test_a_decision_named_as_a_noun_is_credited_to_its_maker(text, title, initiator):
    event = only_event(text)

    assert (event.title, event.actors[0].name, event.actors[0].role) == (
        title,
        initiator,
        "initiator",
    )


def test_a_court_in_a_judges_title_is_not_the_actor_and_the_judges_order_is_hers():
    text = (
        "Norway's Supreme Court Justice Ada Brooks on Tuesday ordered the ferry line to stop "
        "selling tickets. Signed on Tuesday, the order gives the line a week to comply."
    )

    events = extract_events(text, PUBLISHED)

    assert [event.actors[0].name for event in events] == ["Ada Brooks", "Ada Brooks"]


def test_an_officials_undated_action_in_the_lead_is_the_days_news():
    text = (
        "Justice Ada Brooks ordered the ferry line to stop selling tickets, in a case brought "
        "by passengers. The line has five days to appeal."
    )

    event = only_event(text)

    assert (event.date_start, event.date_basis) == (PUBLISHED, "publication")
    assert event.actors[0].name == "Ada Brooks"


@pytest.mark.parametrize(
    ("sentence", "event_type", "day", "initiator"),
    [
        # A measure in force since a day was taken that day.
        ("The ferry booking site has been blocked since the morning of March 14, the European "
         "Commission said.", "restriction", date(2025, 3, 14), "European Commission"),
        ("Access to the betting app has been restricted since March 12.",
         "restriction", date(2025, 3, 12), None),
        ("The messaging service had remained suspended since Friday for reasons nobody gave.",
         "restriction", date(2025, 3, 14), None),
        ("The ferry app has been unavailable in Norway since early Saturday morning, the "
         "European Commission said.", "other", date(2025, 3, 15), "European Commission"),
        # A fronted time of day without "on".
        ("The European Commission began unblocking the ferry app Saturday evening after talks.",
         "other", date(2025, 3, 15), "European Commission"),
        ("Tuesday evening Interior Minister Ana Ruiz remarked that the ferry line broke the law.",
         "statement", date(2025, 3, 18), "Ana Ruiz"),
        # A weekday after a name, and a remark named as a noun and credited with "by".
        ("Interior Minister Ana Ruiz on Tuesday hit out at the ferry line, accusing it of "
         "ignoring safety rules.", "statement", date(2025, 3, 18), "Ana Ruiz"),
        ("The decision follows remarks on Monday by Interior Minister Ana Ruiz, who criticised "
         "the ferry line.", "statement", date(2025, 3, 17), "Ana Ruiz"),
        # A request, told in the past perfect with its own date.
        ("President Luis Mora earlier this week had asked his supporters to delete the ferry "
         "app.", "statement", (date(2025, 3, 17), date(2025, 3, 20)), "Luis Mora"),
        ("On Monday, Prime Minister Ana Ruiz had already asked companies to stop using the "
         "software.", "statement", date(2025, 3, 17), "Ana Ruiz"),
        ("On Sunday, Prime Minister Ana Ruiz asked lawyers for opinions on regulating ferries.",
         "statement", date(2025, 3, 16), "Ana Ruiz"),
        ("On Monday, the European Commission requested that the ferry line publish its fares.",
         "statement", date(2025, 3, 17), "European Commission"),
        ("On august 17, the European Commission announced it would fine the ferry line.",
         "statement", date(2024, 8, 17), "European Commission"),
        ("The European Commission fined the ferry line on 17 august.",
         "restriction", date(2024, 8, 17), "European Commission"),
        # Halting and shutting down are measures.
        ("The ferry registration drive was halted on Tuesday over security concerns.",
         "restriction", date(2025, 3, 18), None),
        ("Norway shut down the ferry app on Friday, citing national security.",
         "restriction", date(2025, 3, 14), "Norwegian government"),
        # A decision to take a measure is the measure.
        ("The European Commission has decided to temporarily block the ferry app, it said on "
         "March 14.", "restriction", date(2025, 3, 14), "European Commission"),
    ],
    ids=[
        "since-the-morning-of", "since-a-day", "remained-since-a-weekday", "unavailable-since",
        "evening-without-on",
        "fronted-evening-remark", "weekday-after-a-name", "remarks-by", "past-perfect-request",
        "past-perfect-request-weekday", "asked-for-opinions", "requested-that",
        "month-in-small-letters", "small-letters-day-first", "halted", "shut-down",
        "decided-to-block",
    ],
)  # fmt: skip
def test_news_ways_of_telling_a_dated_action(sentence, event_type, day, initiator):
    event = only_event(sentence)

    start, end = day if isinstance(day, tuple) else (day, day)
    assert (event.event_type, event.date_start, event.date_end) == (event_type, start, end)
    assert event.date_basis == "stated"
    leading = [actor.name for actor in event.actors if actor.role == "initiator"]
    assert (leading[0] if leading else None) == initiator


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("The European Commission ordered the ferry line to stop selling tickets on the "
         "morning of March 14.", "European Commission orders the ferry line to stop selling "
         "tickets"),
        ("The European Commission suspended the ferry line's licence in the early hours of "
         "Saturday.", "European Commission suspends the ferry line's licence"),
    ],
    ids=["morning-of", "early-hours-of"],
)  # fmt: skip
def test_a_time_of_day_around_the_date_leaves_the_title(sentence, title):
    assert only_event(sentence).title == title


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        # "since" still marks a limit when nothing is in force since that day.
        ("Ferry fares have risen since Friday, the European Commission said on Monday.",
         [date(2025, 3, 17)]),
        ("The ban, in force since January 2024, was extended by the Interior Ministry on Monday.",
         [date(2025, 3, 17)]),
        # A reporter asking for comment makes no request.
        ("Reuters asked the Interior Ministry for comment on Monday.", []),
        # A site down since a year tells no day anything was done.
        ("The ferry website has been offline since 2019.", []),
    ],
    ids=["risen-since", "in-force-since-a-month", "asked-for-comment", "offline-since-a-year"],
)  # fmt: skip
def test_since_and_asked_for_comment_keep_their_limits(sentence, dates):
    events = extract_events(sentence, PUBLISHED)

    assert [event.date_start for event in events] == dates


@pytest.mark.parametrize(
    ("sentence", "title", "start", "end"),
    [
        ("The new rate takes effect on Thursday in place of the 34% announced last week, the "
         "European Commission said in a statement shortly after the ferry lines protested.",
         "European Commission announces 34%", date(2025, 3, 10), date(2025, 3, 16)),
        ("Ferry fares rose after the strike and are added to an existing 10% port levy "
         "introduced on March 5.", "Existing 10% port levy introduced", date(2025, 3, 5),
         date(2025, 3, 5)),
    ],
    ids=["credited", "without-actor"],
)  # fmt: skip
def test_a_measure_named_with_the_day_it_was_made_is_an_event_of_that_day(
    sentence, title, start, end
):
    events = extract_events(sentence, PUBLISHED)

    made = [e for e in events if (e.date_start, e.date_end) == (start, end)]
    assert [(e.title, e.event_type) for e in made] == [(title, "restriction")]


def test_a_measure_named_without_its_day_is_no_event_of_its_own():
    events = extract_events(
        "The European Commission said on Monday it will scrap the 34% announced by its "
        "predecessor.",
        PUBLISHED,
    )

    assert [(e.event_type, e.date_start) for e in events] == [("statement", date(2025, 3, 17))]


def test_a_consequence_told_as_a_participle_is_another_actors_act_of_that_day():
    sentence = (
        "Spain's new port fees came into force early Wednesday, prompting Portugal to respond "
        "by raising its own tariffs on Spanish ships to 40%."
    )

    events = extract_events(sentence, PUBLISHED)

    assert [(e.title, e.date_start, e.actors[0].name) for e in events] == [
        ("Spain's new port fees came into force, prompting Portugal to respond by raising its "
         "own tariffs", date(2025, 3, 19), "Spanish government"),
        ("Portugal responds by raising its own tariffs on Spanish ships to 40%",
         date(2025, 3, 19), "Portuguese government"),
    ]  # fmt: skip


def test_a_consequence_without_an_actor_of_its_own_is_no_second_event():
    events = extract_events(
        "Spain's new port fees came into force early Wednesday, prompting long queues at the "
        "ferry terminals.",
        PUBLISHED,
    )

    assert len(events) == 1


MONDAY = date(2025, 3, 17)
RESTRICTION_BY_COMMISSION = ("restriction", MONDAY, "European Commission")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The European Commission revoked the ferry line's licence on Monday.",
         RESTRICTION_BY_COMMISSION),
        ("The European Commission on Monday ordered internet providers to block the ferry app.",
         RESTRICTION_BY_COMMISSION),
        ("On Monday, the European Commission gave the ferry line 24 hours to comply.",
         RESTRICTION_BY_COMMISSION),
        ("The block, which began on March 2, was lifted on Monday.", ("other", MONDAY, None)),
        ("The ferry app was taken offline in Norway on Monday.", ("other", MONDAY, None)),
    ],
    ids=["revoked", "ordered-to-block", "deadline-given", "block-lifted", "taken-offline"],
)  # fmt: skip
def test_a_measure_revoked_ordered_lifted_or_a_deadline_given_is_a_dated_event(sentence, expected):
    event = only_event(sentence)

    initiator = next((a.name for a in event.actors if a.role == "initiator"), None)
    assert (event.event_type, event.date_start, initiator) == expected


def test_a_measure_that_gives_a_deadline_describes_itself_and_is_no_deadline_set():
    (event,) = extract_events(
        "Signed on Thursday, the decree gives operators a day to comply.", PUBLISHED
    )

    assert event.event_type == "other"


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        (
            "The Ruritanian trade ministry announced the start of its investigations against "
            "Freedonia's tariffs on Thursday.",
            "investigation",
        ),
        (
            "The Freedonian Data Protection Board announced on Monday that a final decision "
            "had been made following an inquiry into the app maker.",
            "statement",
        ),
    ],
    ids=["tariffs-investigated", "decision-after-inquiry"],
)
def test_a_measure_or_inquiry_another_action_is_about_does_not_type_it(sentence, event_type):
    """The tariffs an inquiry looks into are not the action; nor is the inquiry a decision
    concluded."""
    assert only_event(sentence).event_type == event_type


def test_two_inquiries_of_one_actor_into_different_things_stay_two_events():
    """The same ministry's probe of the month and its investigation of a day in it are one
    event only when nothing tells them apart; what each is into does."""
    text = (
        "The Ruritanian trade ministry announced the start of its investigations against "
        "Freedonia's tariffs on Thursday. The Ruritanian trade ministry also announced a probe "
        "into Freedonia's grain imports earlier this month."
    )
    events = extract_events(text, PUBLISHED)
    assert sorted((e.event_type, e.precision) for e in events) == [
        ("investigation", "day"),
        ("investigation", "month"),
    ]


def test_an_actors_announcement_of_a_decision_on_the_day_of_its_measure_is_that_measure():
    text = (
        "The Freedonian Data Protection Board fined Acme 5 million euros. The organisation "
        "announced today that a final decision had been made following an inquiry into the "
        "company."
    )
    event = only_event(text)
    assert event.date_text == "today"
    assert event.actors[0].name == "Freedonian Data Protection Board"


@pytest.mark.parametrize(
    ("text", "date_text", "day"),
    [
        # "CITY (Outlet / Wire - date)" says who filed the story and when: the event is dated
        # by its own "on Sunday".
        (
            "TOKYO (Freedonia Daily / Wire Agency - 16th March, 2025) Japan's restrictions on "
            "exports of chip equipment went into effect on Sunday, the trade ministry said.",
            "on Sunday",
            date(2025, 3, 16),
        ),
        # With no date of its own, the sentence tells the news of the day it was filed.
        (
            "OSTRAVA, March 12 (Wire Agency) - Freedonia said its competition authority would "
            "block the merger of two grain traders.",
            "March 12",
            date(2025, 3, 12),
        ),
    ],
    ids=["own-day", "dateline-day"],
)
def test_a_parenthesised_dateline_dates_only_a_sentence_without_a_day_and_credits_no_one(
    text, date_text, day
):
    event = only_event(text)
    assert (event.date_text, event.date_start) == (date_text, day)
    assert "Wire Agency" not in {actor.name for actor in event.actors}


def test_a_country_and_its_body_acting_on_one_target_the_same_day_are_one_event():
    """ "Norway has fined the carmaker" in the lead and "the Norwegian watchdog on Monday fined
    the carmaker" below: one fine told at two levels, dated by the sentence that dates it."""
    text = (
        "Norway has slapped Acme Motors with a 5 million euro fine. The Norwegian data "
        "protection watchdog on Monday fined Acme Motors for transferring data."
    )
    event = only_event(text)
    assert (event.date_text, event.actors[0].name) == (
        "on Monday",
        "Norwegian data protection watchdog",
    )
    # Another target: two fines.
    other = text.replace("watchdog on Monday fined Acme Motors", "watchdog on Monday fined Zentrix")
    assert len(extract_events(other, PUBLISHED)) == 2


def test_a_measure_published_in_the_gazette_that_puts_something_on_hold_is_dated_by_its_day():
    event = only_event(
        "The European Commission's preventive measure was published in the official gazette "
        "on Tuesday and puts on hold the processing of drivers' data."
    )
    assert (event.event_type, event.date_start) == ("restriction", date(2025, 3, 18))
    assert event.actors[0].name == "European Commission"


def test_a_statement_credited_by_name_and_day_is_its_authors():
    """ "..., according to a statement by the regulator on Thursday": the regulator spoke that
    day, whoever the sentence names before; said of the decision behind the lead's fine, it is
    that fine."""
    event = only_event(
        "The fine was the largest so far, according to a statement by the European Commission "
        "on Thursday."
    )
    assert (event.event_type, event.date_start) == ("statement", date(2025, 3, 20))
    assert event.actors[0].name == "European Commission"
    text = (
        "Norway's data protection commission fined Acme Motors 5 million euros. The decision "
        "also includes an order for Acme Motors to bring its processing into compliance, "
        "according to a statement by the Norwegian data protection commission on Thursday."
    )
    assert only_event(text).date_text == "on Thursday"


def test_advice_given_to_another_party_is_a_statement():
    event = only_event(
        "Freedonian Trade Minister Ana Soto encouraged Ruritania to do the same during a "
        "meeting on Sunday."
    )
    assert (event.event_type, event.date_start) == ("statement", date(2025, 3, 16))
    assert event.actors[0].name == "Ana Soto"


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("The curfew was signed into law in May by the Freedonian governor.", "legislation"),
        ("The preferred version of the curfew was signed into law in May.", "legislation"),
        (
            "The ban, which passed the state Senate earlier this year, aims to keep the app "
            "off phones in Freedonia.",
            "legislation",
        ),
        (
            "The Ruritanian Competition Authority vetoed Acme's purchase of Zentrix in March.",
            "restriction",
        ),
    ],
    ids=["signed-by-in-may", "signed-in-may", "passed-a-chamber", "deal-vetoed"],
)
def test_the_act_done_to_a_measure_types_the_event_rather_than_the_measure_named(
    sentence, event_type
):
    """A ban signed into law is legislation, a deal vetoed is a restriction: the verb is the
    event, the noun only what it acts on; and "May" after the verb is a month, not a modal."""
    assert only_event(sentence, date(2025, 12, 1)).event_type == event_type


def test_a_bodys_stated_opposition_on_the_day_it_blocks_a_deal_is_that_decision():
    """The body that blocks a purchase says that day that it opposed the deal: one decision."""
    text = (
        "The Ruritanian Competition Authority on Wednesday moved to block Acme's purchase of "
        "Zentrix. The authority said it opposed the deal because fares for riders would rise."
    )
    event = only_event(text, date(2025, 3, 19))
    assert (event.event_type, event.date_start) == ("restriction", date(2025, 3, 19))


@pytest.mark.parametrize(
    "sentence",
    [
        "Internet access across the port city was cut on Tuesday, residents said.",
        "Mobile data in the north and in two other provinces was cut Tuesday while the council "
        "met.",
        "The Freedonian government cut off mobile data in three provinces on Tuesday.",
    ],
)
def test_a_service_cut_is_a_restriction_even_without_its_agent(sentence):
    event = only_event(sentence)
    assert (event.event_type, event.date_start) == ("restriction", date(2025, 3, 18))


def test_a_day_that_names_another_thing_does_not_date_the_action():
    """ "the April 2 election" is the election's day; the measure taken against the
    protests over its postponement is dated by the report."""
    event = only_event(
        "The Freedonian government has curbed mobile data after crowds rallied over the plan to "
        "delay the April 2 general election."
    )
    assert (event.date_start, event.date_basis) == (PUBLISHED, "publication")


def test_a_companys_reply_to_a_regulators_penalty_is_a_statement_of_its_day():
    reply = "Acme on Tuesday said the regulator's move to fine the firm was unfair "
    (event,) = extract_events(reply + "to its drivers.", PUBLISHED)
    first = event.actors[0].name
    assert (event.event_type, event.date_start, first) == ("statement", date(2025, 3, 18), "Acme")
    # A company's word on anything else is no policy event.
    assert not extract_events("Acme on Tuesday said that its sales rose in March.", PUBLISHED)


def test_a_platform_removing_an_officials_post_is_an_event_of_its_fronted_week():
    event = only_event("This week, Chirper took down two videos posted by Mayor Jane Roe.")
    assert (event.event_type, event.precision) == ("other", "week")
    assert event.date_start <= PUBLISHED <= event.date_end


def test_a_complaint_told_as_a_noun_from_its_author_is_a_lawsuit_of_its_month():
    event = only_event("The charges come after an earlier complaint by the CFTC in February.")
    assert (event.event_type, event.precision, event.date_start) == (
        "lawsuit",
        "month",
        date(2025, 2, 1),
    )
    assert "Commodity Futures Trading Commission" in {a.name for a in event.actors}
    # Complaints of people about something are no suit.
    assert extract_events("Residents sent complaints from the town in February.", PUBLISHED) == []


def test_an_appeal_lodged_by_the_end_of_the_days_weekday_is_that_days():
    event = only_event("Acme will lodge an appeal by the end of Thursday against the ruling.")
    assert (event.event_type, event.date_start) == ("lawsuit", PUBLISHED)


@pytest.mark.parametrize(
    "sentence",
    [
        "Quillon could not be accessed on Wednesday in Apple or Google app stores in Norway.",
        "On Wednesday, users in Norway found Quillon inaccessible on Apple and Google app stores.",
    ],
    ids=["negated-passive", "users-found"],
)
def test_a_service_found_cut_off_on_a_day_is_a_restriction_of_that_day(sentence):
    """The effect of a block, seen on a day: a restriction dated by it, and the country where
    users found it is no actor."""
    event = only_event(sentence)
    assert (event.event_type, event.date_start) == ("restriction", date(2025, 3, 19))
    assert "Norwegian government" not in {actor.name for actor in event.actors}


def test_a_service_cut_off_keeps_the_request_of_the_day_before_as_its_own_event():
    events = extract_events(
        "The ferry app could not be downloaded on Wednesday in Norway, the day after the "
        "authority, known also as the Harbour Authority, requested information on its use "
        "of data.",
        PUBLISHED,
    )
    assert sorted((e.event_type, e.date_start) for e in events) == [
        ("restriction", date(2025, 3, 19)),
        ("statement", date(2025, 3, 18)),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Minister Jan Kowal on Monday banned the app. Tuesday evening the minister "
            "mentioned violations of the broadcasting rules.",
            "Jan Kowal",
        ),
        (
            "President Ana Ruiz on Monday banned the app. On Wednesday the president said "
            "the ban would stay.",
            "Ana Ruiz",
        ),
    ],
)
def test_a_statement_by_an_official_named_by_role_alone_is_the_official_named_before(text, speaker):
    """ "the minister mentioned": the name came a sentence earlier; the statement is kept and
    credited to the official last named."""
    statements = [e for e in extract_events(text, PUBLISHED) if e.event_type == "statement"]
    assert len(statements) == 1
    assert statements[0].actors[0].name == speaker


@pytest.mark.parametrize(
    "text",
    [
        # An expert by role, not an official.
        "Professor Jan Kowal on Monday criticised the ban. The professor on Tuesday said the "
        "rules were too strict.",
        # An official by role with nobody named before: no one to credit.
        "Tuesday evening the minister mentioned violations of the broadcasting rules.",
        # The role is the object of a preposition, not the subject.
        "Minister Jan Kowal on Monday banned the app. A source close to the minister said on "
        "Tuesday the rules were too strict.",
    ],
)
def test_a_statement_by_a_role_that_is_no_officials_subject_stays_out(text):
    assert [e for e in extract_events(text, PUBLISHED) if e.event_type == "statement"] == []


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        (
            "Prime Minister Ana Ruiz announced the ban on Monday, four months after President "
            "Jan Kowal announced similar plans.",
            date(2024, 11, 1), date(2024, 11, 30), "month",
        ),
        (
            "The Harbour Authority fined the operator on Wednesday, two weeks after the "
            "Transport Ministry banned night crossings.",
            date(2025, 3, 3), date(2025, 3, 9), "week",
        ),
        (
            "The Harbour Authority fined the operator on Wednesday, a day after the Transport "
            "Ministry banned night crossings.",
            date(2025, 3, 18), date(2025, 3, 18), "day",
        ),
    ],
)  # fmt: skip
def test_a_clause_counted_in_weeks_or_months_is_dated_to_the_week_or_month_it_falls_in(
    text, start, end, precision
):
    """ "..., four months after X announced": the earlier act is dated from the main clause's
    day, to the precision its count allows, instead of taking the main clause's own day."""
    events = extract_events(text, PUBLISHED)
    assert len(events) == 2
    earlier = events[0]
    assert (earlier.date_start, earlier.date_end, earlier.precision) == (start, end, precision)


def test_an_uncounted_months_after_is_still_a_clause_of_its_own():
    """ "in the months after the ministry banned ...": no count, so "after" opens a clause and
    the main clause keeps its own action; the clause's act is an event of its own, dated by
    its own "in May" (which never dates the fine)."""
    text = (
        "The Harbour Authority fined the operator in the months after the Transport Ministry "
        "banned night crossings in May."
    )
    events = extract_events(text, PUBLISHED)
    assert [(e.event_type, e.date_basis) for e in events] == [
        ("ban", "stated"),
        ("restriction", "publication"),
    ]
    assert events[0].date_start == date(2024, 5, 1)


def test_a_relative_clause_set_off_by_dashes_ends_at_the_closing_dash():
    """ "after the Data Act — which the court upheld — came into effect": the mask of the
    relative clause stops at its dash, so the main clause's verb after it is still read."""
    text = (
        "On Sunday, users found the app gone after the Data Act — which was upheld by the "
        "Supreme Court — came into effect."
    )
    assert [e.date_start for e in extract_events(text, PUBLISHED)] == [date(2025, 3, 16)]


def test_a_relative_clause_still_masks_its_own_words_up_to_the_dash():
    """What the relative clause tells is the clause's own event, not the main clause's."""
    text = "The app — which the Transport Ministry banned in May — is popular."
    event = only_event(text)
    assert (event.event_type, event.date_start) == ("ban", date(2024, 5, 1))


def test_a_measure_threatened_if_a_condition_fails_is_no_measure_taken():
    """ "sell by June or face a ban": the ruling is the event, the ban a threat."""
    events = extract_events(
        "Voltra must sell its router unit by June or face a ban, a Polish court ruled on Friday.",
        PUBLISHED,
    )
    assert [event.event_type for event in events] == ["lawsuit"]


def test_a_court_upholding_a_law_is_a_ruling_even_with_its_day_between():
    event = only_event(
        "A federal appeals court on Friday upheld the law requiring Voltra to sell its unit."
    )
    assert (event.event_type, event.date_start) == ("lawsuit", date(2025, 3, 14))


@pytest.mark.parametrize(
    "text",
    [
        "Ankara imposed a 20% duty on Voltra routers on Tuesday.",
        "Nairobi slapped new levies on imported routers on Tuesday.",
    ],
)
def test_a_capital_imposing_a_duty_is_its_government_taking_a_trade_measure(text):
    event = only_event(text)
    assert event.event_type == "restriction"
    assert event.actors[0].role == "initiator" and event.actors[0].kind == "government"


def test_a_capitals_own_mayor_is_not_the_national_government():
    events = extract_events(
        "Warsaw's mayor banned diesel cars from the centre on Tuesday.", PUBLISHED
    )
    assert all(actor.kind != "government" for event in events for actor in event.actors)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The Ruritanian government raised the export duty on crude oil on Monday.", "restriction"),
        (
            "The Lebanese government imposed a 10% tax on imported routers on Thursday.",
            "restriction",
        ),
        ("Bolivia nationalised the country's lithium reserves in 2008.", "other"),
        ("The Tunisian president dissolved parliament in July 2021.", "other"),
    ],
)
def test_duties_raised_taxes_imposed_nationalisations_and_dissolutions_are_events(text, event_type):
    assert only_event(text).event_type == event_type


@pytest.mark.parametrize(
    ("act", "event_type"),
    [
        ("withdrew Voltra's operating licence", "restriction"),
        ("cleared Voltra's takeover of Quillon", "other"),
        ("raided Voltra's offices", "investigation"),
        ("summoned the Ruritanian ambassador", "other"),
        ("expelled two Ruritanian diplomats", "other"),
        ("repealed the data law", "legislation"),
    ],
)
def test_licences_clearances_raids_envoys_and_repeals_are_events(act, event_type):
    event = only_event(f"Poland's digital ministry {act} on Tuesday.")
    assert (event.event_type, event.date_start) == (event_type, date(2025, 3, 18))


def test_it_taking_effect_is_the_measure_not_the_body_named_before():
    events = extract_events(
        "The Ruritanian parliament passed the ban on Monday. It is due to take effect on 1 May.",
        PUBLISHED,
    )
    in_force = next(event for event in events if "effect" in event.title)
    assert not in_force.actors


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Apple removed the Voltra app from its App Store in China on Monday.", "restriction"),
        ("The Council of the EU adopted the regulation on Tuesday.", "legislation"),
    ],
)
def test_apps_taken_down_and_regulations_adopted_are_events(text, event_type):
    assert only_event(text).event_type == event_type


@pytest.mark.parametrize(
    ("text", "investigates"),
    [
        ("The Data Protection Board sent a request for information to the app maker on Monday.",
         True),
        ("Chilean authorities sent an official request to the app maker on Monday demanding "
         "details of its data practices.", True),
        ("The Data Protection Board sent a formal request to the app maker on Monday asking for "
         "information on its algorithms.", True),
        ("The app maker sent a request to the court on Monday asking for a delay.", False),
    ],
    ids=["request-for-information", "official-request-demanding-details",
         "formal-request-asking-for-information", "request-for-a-delay"],
)  # fmt: skip
def test_questions_put_formally_are_a_step_of_an_inquiry(text, investigates):
    """A body's formal request for information is an investigation step; a request for
    something else is not."""
    types = [event.event_type for event in extract_events(text, PUBLISHED)]
    assert ("investigation" in types) is investigates


@pytest.mark.parametrize(
    ("text", "government"),
    [
        ("The latest Chilean countermeasures take effect on Thursday.", "Chilean government"),
        ("New Dutch export controls on chip machines took effect on Saturday.",
         "Dutch government"),
        ("Russian sanctions took effect on Monday.", None),
        ("Chilean tariffs took effect on Monday.", None),
    ],
    ids=["countermeasures", "export-controls", "sanctions-on-or-by", "tariffs-on-or-by"],
)  # fmt: skip
def test_a_measure_only_the_country_takes_is_its_governments(text, government):
    """Countermeasures and export controls named with a demonym are that country's; sanctions
    and tariffs so named may be against it, and are credited to no one."""
    (event,) = extract_events(text, PUBLISHED)
    initiators = [actor.name for actor in event.actors if actor.role == "initiator"]
    assert initiators == ([government] if government else [])


def test_one_measure_coming_into_force_told_by_its_government_and_its_head_is_one_event():
    """The same figure's tariffs taking effect on one day, once as the country's, once as its
    president's: one event, with the first telling's evidence."""
    events = extract_events(
        "Spain vowed to respond after Portugal's tariffs totalling 40 per cent came into effect "
        "Wednesday. On Wednesday, Portuguese President Ana Costa's tariffs of 40 per cent went "
        "into effect on Spanish goods.",
        PUBLISHED,
    )
    assert [(e.date_start, e.event_type) for e in events] == [(date(2025, 3, 19), "restriction")]
    assert {a.name for a in events[0].actors} >= {"Portuguese government", "Ana Costa"}


@pytest.mark.parametrize(
    ("sentence", "title", "day"),
    [
        ("Interior Minister Ana Ruiz resigned on Tuesday.", "Ana Ruiz resigns", date(2025, 3, 18)),
        ("Prime Minister Ana Ruiz appointed Luis Mora as finance minister on Monday.",
         "Ana Ruiz appoints Luis Mora as finance minister", date(2025, 3, 17)),
        ("Voltra Motors named Luis Mora as its new chief executive on Monday.",
         "Voltra Motors names Luis Mora as its new chief executive", date(2025, 3, 17)),
    ],
    ids=["resigned", "appointed-as", "named-as"],
)  # fmt: skip
def test_taking_and_leaving_office_are_events(sentence, title, day):
    event = only_event(sentence)

    assert (event.title, event.date_start) == (title, day)


def test_a_measure_owning_something_is_no_act():
    """ "the deal's fiercest critic" tells of the critic, not of a deal made."""
    assert extract_events("Senator Ana Ruiz has been the deal's fiercest critic.", PUBLISHED) == []


def test_a_launch_or_release_naming_another_noun_is_no_release():
    """ "its launch customer", "the release date" name no launch."""
    text = "Deliveries to Quillon Airlines, its launch customer, are not due until October."
    assert extract_events(text, PUBLISHED) == []


def test_a_relative_clause_tells_of_the_noun_it_hangs_on_not_an_actor_further_back():
    """ "the old van, which was launched in 2019" tells of the van, not of the company whose
    event was named before it."""
    text = (
        "Voltra Motors unveiled its Q5 van at a Kestrel Labs event on Monday to replace the old "
        "van, which was launched in 2019."
    )

    events = extract_events(text, PUBLISHED)

    assert [(event.title, event.date_start) for event in events] == [
        (
            "Voltra Motors unveils its Q5 van at a Kestrel Labs event to replace the old van",
            date(2025, 3, 17),
        )
    ]


def test_a_relative_clause_right_after_an_actor_tells_of_that_actor():
    text = "The minister praised the Quillon Data Commission, which was launched in September."

    assert only_event(text).actors[0].name == "Quillon Data Commission"


def test_the_title_names_a_company_as_the_text_wrote_it():
    """ "Apple Computer sued" is headlined "Apple Computer sues", though the actor's canonical
    name is shorter ("Apple")."""
    event = only_event("Apple Computer sued the Quillon Data Commission on Monday.")

    assert (event.title, event.actors[0].name) == (
        "Apple Computer sues the Quillon Data Commission",
        "Apple",
    )


def test_a_date_after_but_belongs_to_the_contrasting_clause():
    """ "had agreed to lease the vans, but in 2003 a scandal erupted": 2003 is the scandal's."""
    text = "Voltra Motors had agreed to lease 100 vans, but in 2003 a scandal erupted."

    assert extract_events(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # The article before a season goes with the date.
        ("Voltra Motors launched the service in the spring.", "Voltra Motors launches the service"),
        # A name with a small first letter keeps it at the head of a title.
        ("eVolt 11 was released on Monday as a paid upgrade.",
         "eVolt 11 is released as a paid upgrade"),
    ],
    ids=["in-the-season", "small-first-letter"],
)  # fmt: skip
def test_titles_drop_the_whole_date_phrase_and_keep_names_as_written(sentence, title):
    assert only_event(sentence).title == title


@pytest.mark.parametrize(
    ("sentence", "event_type", "day", "date_text"),
    [
        # A judgment delivered, with a weekday and a full date and no "on".
        ("The Maritime Court delivered its judgment Monday March 17, 2025, upholding the fine.",
         "lawsuit", date(2025, 3, 17), "Monday March 17, 2025"),
        ("The Maritime Court today handed down its verdict in the ferry case.",
         "lawsuit", PUBLISHED, "today"),
        # A trial's final arguments, told in the pluperfect.
        ("Lawyers for the Harbour Board and the ferry operator had made their final arguments "
         "on February 4, 2025.", "hearing", date(2025, 2, 4), "on February 4, 2025"),
    ],
    ids=["judgment-weekday-full-date", "verdict-today", "final-arguments"],
)  # fmt: skip
def test_court_steps_told_with_common_verbs(sentence, event_type, day, date_text):
    event = only_event(sentence)
    assert (event.event_type, event.date_start, event.date_end, event.date_text) == (
        event_type,
        day,
        day,
        date_text,
    )


def test_a_measure_named_by_its_month_and_its_maker_is_an_event_of_that_month():
    """ "dismissing the appeal against the October 2024 order issued by the board": the order
    is the board's, of October 2024; the appeal is not dated by the order's month."""
    text = (
        "The Maritime Court delivered its judgment on Monday, dismissing the operator's appeal "
        "against the October 2024 safety order issued by the Harbour Board."
    )
    events = sorted(extract_events(text, PUBLISHED), key=lambda e: e.date_start)

    assert [(e.event_type, e.date_start, e.date_end, e.precision) for e in events] == [
        ("other", date(2024, 10, 1), date(2024, 10, 31), "month"),
        ("lawsuit", date(2025, 3, 17), date(2025, 3, 17), "day"),
    ]
    assert events[0].actors[0].name == "Harbour Board"


@pytest.mark.parametrize(
    "sentence",
    [
        # No maker named: a month that names a thing is no event of its own.
        "Fishermen protested on Monday against the October 2024 quota cuts.",
        # A month before a noun never dates the act about that noun.
        "The Harbour Board on Monday withdrew the October 2024 safety order.",
    ],
)
def test_a_month_naming_another_thing_makes_no_event_of_that_month(sentence):
    assert all(e.date_start.year == 2025 for e in extract_events(sentence, PUBLISHED))


def test_a_statement_fronted_with_its_full_date_is_the_subjects():
    text = (
        "In a statement on Tuesday, March 18, 2025, the Harbour Board's head of communications "
        "described the operator's threat to end night crossings over the fine as a bluff."
    )
    event = only_event(text)

    assert (event.event_type, event.date_start, event.actors[0].name) == (
        "statement",
        date(2025, 3, 18),
        "Harbour Board",
    )


def test_a_fronted_statement_by_people_who_make_no_policy_is_no_event():
    text = (
        "In a statement on Tuesday, March 18, 2025, local fishermen described the "
        "operator's threat to end night crossings as a bluff."
    )
    assert extract_events(text, PUBLISHED) == []


def test_a_disclosure_told_in_the_passive_is_its_agents_statement():
    event = only_event("The new timetable was disclosed on Monday by the Harbour Board.")

    assert (event.event_type, event.date_start, event.actors[0].name) == (
        "statement",
        date(2025, 3, 17),
        "Harbour Board",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The timetable was revealed on Monday by a local newspaper.",
        "The leak was revealed by accident on Monday.",
    ],
)
def test_a_disclosure_without_a_policy_agent_is_no_event(sentence):
    assert extract_events(sentence, PUBLISHED) == []


def test_today_under_a_press_release_date_line_is_that_day():
    raw = (
        "Tuesday, March 18, 2025:\n"
        "The Maritime Court today delivered its judgment in the appeal filed by the ferry "
        "operator against the Harbour Board.\n"
    )
    page = extract_page(raw)

    assert [(e.event_type, e.date_start, e.date_text) for e in page.events] == [
        ("lawsuit", date(2025, 3, 18), "today")
    ]


def test_an_announcement_dated_by_the_day_of_the_month_alone():
    event = only_event(
        "Voltra Motors announced on the 12th that it would close its plant over the new tariffs."
    )
    assert (event.date_start, event.date_text) == (date(2025, 3, 12), "on the 12th")


@pytest.mark.parametrize(
    ("sentence", "day", "date_text"),
    [
        ("The rule will effectively prevent sales of the drones as of May 1, the agency said.",
         date(2025, 5, 1), "as of May 1"),
        ("The new tariffs will apply from April 1.", date(2025, 4, 1), "from April 1"),
    ],
    ids=["as-of", "from"],
)  # fmt: skip
def test_a_scheduled_measure_is_dated_by_its_first_day(sentence, day, date_text):
    event = only_event(sentence)
    assert (event.date_start, event.date_text) == (day, date_text)
    assert event.event_type != "proposal"


@pytest.mark.parametrize(
    "sentence",
    [
        # A plan is no measure yet: it is not dated by the day it would start.
        "The ministry plans to prevent sales of the drones as of May 1.",
        # Past tense: "as of" tells a state of things, not a start.
        "As of Monday, the ministry had banned 40 websites.",
    ],
)
def test_as_of_dates_only_a_measure_scheduled_to_start(sentence):
    assert all(e.date_text is None or "as of" not in e.date_text for e in extract_events(sentence))


def test_a_title_keeps_a_manner_adverb_before_a_modal_verb():
    event = only_event("The rule will effectively prevent sales of the drones as of May 1.")
    assert event.title.startswith("Rule effectively prevents sales")


def test_a_lead_under_a_wire_dateline_takes_the_weekday_the_next_sentence_tells():
    """ "March 20 (Wire) -- The board announced a ban ... The board said Wednesday ...": the
    story was filed on the 20th; the ban was announced on Wednesday."""
    text = (
        "March 20 (Wire) -- The Harbour Board announced a ban on night crossings by the ferry "
        "operator. The Harbour Board said Wednesday that the ban would stay in place until the "
        "crews are trained."
    )
    events = sorted(extract_events(text, PUBLISHED), key=lambda e: e.start)

    assert [(e.event_type, e.date_start, e.date_text) for e in events] == [
        ("ban", date(2025, 3, 19), "Wednesday"),
        ("statement", date(2025, 3, 19), "Wednesday"),
    ]
    assert events[0].sentence.startswith("The Harbour Board announced")
    assert text[events[0].start : events[0].end] == events[0].sentence


def test_a_lead_under_a_wire_dateline_keeps_its_day_when_the_next_paragraph_tells_another():
    text = (
        "March 20 (Wire) -- The Harbour Board announced a ban on night crossings by the ferry "
        "operator.\n\nThe Harbour Board said Wednesday that the ban would stay in place until the "
        "crews are trained."
    )
    lead = min(extract_events(text, PUBLISHED), key=lambda e: e.start)

    assert (lead.date_start, lead.date_text) == (date(2025, 3, 20), "March 20")
    assert lead.sentence.startswith("The Harbour Board announced")


def test_a_measure_named_by_no_kind_takes_the_kind_from_the_sentence_before_into_its_summary():
    """ "The latest countermeasures are effective Friday" says when, not what: the sentence
    before, naming the duties, opens its summary (its evidence stays its own sentence)."""
    before = (
        "Ruritania retaliated on Wednesday against Bordurian steel quotas, saying it would "
        "raise duties on Bordurian cheese to 60%."
    )
    vague = "The latest Ruritanian countermeasures are effective Friday, the cabinet said."
    events = extract_events(f"{before} {vague}", PUBLISHED)
    later = next(event for event in events if event.date_start == date(2025, 3, 21))
    assert later.sentence == vague
    assert later.summary == f"{before} {vague}"
    # A sentence naming its own kind keeps its own summary.
    named = "The Ruritanian tariffs are effective Friday, the cabinet said."
    own = next(e for e in extract_events(f"{before} {named}", PUBLISHED) if e.sentence == named)
    assert own.summary == named
    # A sentence before that names no kind lends nothing.
    talks = "Ruritania held talks with Borduria on Wednesday about cheese and steel."
    alone = next(e for e in extract_events(f"{talks} {vague}", PUBLISHED) if e.sentence == vague)
    assert alone.summary == vague
