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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # The fine is the main clause's; the ban, in the "after" clause, has its own date.
            "Sweden's trade ministry fined the importer on Wednesday, after Norway banned "
            "Swedish timber imports last week.",
            {
                ("restriction", date(2025, 3, 19), "Ministry of Trade of Sweden"),
                ("ban", date(2025, 3, 10), "Norwegian government"),
            },
        ),
        (
            # A statement in the main clause is not displaced by a stronger verb after "after".
            "The Harbour Authority said on Tuesday it would review the ferry licences, after "
            "the Transport Ministry banned night crossings last week.",
            {
                ("statement", date(2025, 3, 18), "Harbour Authority"),
                ("ban", date(2025, 3, 10), "Ministry of Transport"),
            },
        ),
    ],
    ids=["fine-after-ban", "statement-after-ban"],
)
def test_the_main_clause_keeps_its_own_action_actor_and_date(sentence, expected):
    events = extract_events(sentence, PUBLISHED)
    found = {
        (e.event_type, e.date_start, next(a.name for a in e.actors if a.role == "initiator"))
        for e in events
    }
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "ban_day"),
    [
        (
            "The Harbour Authority fined the operator on Wednesday, a day after the Transport "
            "Ministry banned night crossings.",
            date(2025, 3, 18),
        ),
        (
            "The Harbour Authority fined the operator on Wednesday, two days after the Transport "
            "Ministry banned night crossings.",
            date(2025, 3, 17),
        ),
        (
            "The Harbour Authority fined the operator on Monday, three days before the Transport "
            "Ministry banned night crossings.",
            date(2025, 3, 20),
        ),
        (
            "The Harbour Authority fined the operator on Wednesday, four days after the Transport "
            "Ministry banned night crossings.",
            date(2025, 3, 15),
        ),
        (
            "The Harbour Authority fined the operator on Wednesday, 10 days after the Transport "
            "Ministry banned night crossings.",
            date(2025, 3, 9),
        ),
        (
            "The Harbour Authority fined the operator on Wednesday, just a day after the Transport "
            "Ministry banned night crossings.",
            date(2025, 3, 18),
        ),
    ],
    ids=[
        "a-day-after",
        "two-days-after",
        "three-days-before",
        "four-days-after",
        "ten-days-after",
        "just-a-day-after",
    ],
)
def test_a_clause_counted_in_days_is_dated_from_the_main_clause(sentence, ban_day):
    events = {e.event_type: e for e in extract_events(sentence, PUBLISHED)}
    assert events["ban"].date_start == ban_day
    assert events["ban"].sentence == sentence
    assert events["restriction"].date_start != ban_day
    assert "," not in events["restriction"].title  # the count is not part of the fine's title


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # An undated "after" clause gives no event and does not date the main one.
            "The Harbour Authority fined the operator on Wednesday, after the Transport Ministry "
            "banned night crossings.",
            ("restriction", date(2025, 3, 19)),
        ),
        (
            # The main clause's day counts even when the main clause tells no event (an app
            # that "could not be downloaded" that day is one: a restriction seen by its effect).
            "Ferry queues were long on Wednesday in Norway, the day after the authority, known "
            "also as the Harbour Authority, requested information on its use of data.",
            ("statement", date(2025, 3, 18)),
        ),
    ],
    ids=["undated-after-clause", "main-clause-day-without-event"],
)
def test_the_one_event_of_a_sentence_of_two_clauses(sentence, expected):
    events = extract_events(sentence, PUBLISHED)
    assert [(e.event_type, e.date_start) for e in events] == [expected]


def test_the_next_sentence_points_back_to_the_main_clause_not_the_counted_one():
    events = extract_events(
        "The Harbour Authority announced Friday new limits on night ferries, a day after the "
        "Transport Ministry tightened its own rules. The measure, which will take effect on "
        "Saturday, is set to hit the ferry operators.",
        date(2025, 3, 21),
    )
    step = next(e for e in events if e.date_start == date(2025, 3, 22))
    assert [a.name for a in step.actors if a.role == "initiator"] == ["Harbour Authority"]


def test_the_main_clause_runs_on_through_a_verb_sharing_its_subject():
    events = extract_events(
        "Following the review, the ferry company expressed its regret to the ministry, and "
        "suspended night crossings on Tuesday.",
        PUBLISHED,
    )
    assert any(e.event_type == "restriction" for e in events)


def test_announcing_a_fine_is_imposing_it():
    events = extract_events(
        "The Harbour Authority announced the fine on Friday following years of inquiry into "
        "the operator.",
        PUBLISHED,
    )
    assert [(e.event_type, e.date_start) for e in events] == [("restriction", date(2025, 3, 14))]


@pytest.mark.parametrize(
    ("sentence", "fine_day"),
    [
        (
            "The Transport Ministry banned night crossings on Tuesday, the day after the Harbour "
            "Authority fined the operator.",
            date(2025, 3, 17),
        ),
        (
            "The Transport Ministry banned night crossings on Tuesday. The move came a day after "
            "the Harbour Authority fined the operator.",
            date(2025, 3, 17),
        ),
    ],
    ids=["the-day-after", "the-move-came-a-day-after"],
)
def test_a_day_counted_from_the_event_the_clause_hangs_on(sentence, fine_day):
    events = {e.event_type: e for e in extract_events(sentence, PUBLISHED)}
    assert events["ban"].date_start == date(2025, 3, 18)
    assert events["restriction"].date_start == fine_day


def test_a_day_is_counted_only_from_the_sentence_just_before():
    events = extract_events(
        "The Transport Ministry banned night crossings on Tuesday. Ferry owners protested. "
        "The move came a day after the Harbour Authority fined the operator.",
        PUBLISHED,
    )
    assert [e.event_type for e in events] == ["ban"]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "The Transport Ministry banned night crossings on Tuesday, days after the Harbour "
            "Authority fined the operator.",
            "Transport Ministry bans night crossings",
        ),
        (
            # "before a panel" is a place, not a clause of its own: the headline keeps it.
            "The harbour master gave testimony before a Senate panel on Tuesday.",
            "Harbour master gave testimony before a Senate panel",
        ),
    ],
    ids=["days-after", "before-a-panel"],
)
def test_the_headline_is_the_main_clause(sentence, title):
    events = extract_events(sentence, PUBLISHED)
    assert events[0].title == title


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        (
            "The council voted on the day after the election.",
            ["The council voted on the day after the election."],
        ),
        (
            "The ministry acted just hours after the court ruled.",
            ["The ministry acted", "just hours after the court ruled."],
        ),
    ],
    ids=["the-day-after-is-a-date", "just-hours-after"],
)
def test_counted_connectives(sentence, clauses):
    assert [clause.text for clause in split_clauses(sentence)] == clauses


def test_a_clause_that_sets_the_time_takes_no_actor_from_the_main_clause():
    events = extract_events(
        "The Harbour Authority fined the operator on Wednesday, after duties of 40 per cent on "
        "ferry tickets came into effect on Monday.",
        PUBLISHED,
    )
    step = next(e for e in events if e.date_start == date(2025, 3, 17))
    assert step.actors == ()


def test_a_pronoun_in_a_clause_that_sets_the_time_points_back():
    events = extract_events(
        "According to the Transport Ministry, the Harbour Safety Act has been discussed for over "
        "four years since it was proposed in July 2020.",
        PUBLISHED,
    )
    assert (date(2020, 7, 1), "month") in {(e.date_start, e.precision) for e in events}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Transport Ministry said on Wednesday it had fined the operator on Monday.",
            [(date(2025, 3, 17), "Transport Ministry fines the operator")],
        ),
        (
            # "announced on Wednesday to open": the announcement is the act, dated Wednesday.
            "The Transport Ministry announced on Wednesday to open an investigation into ferry "
            "fares starting from April 1.",
            [(date(2025, 3, 19), None)],
        ),
    ],
    ids=["said-on-wednesday-it-had", "announced-to-open"],
)
def test_the_day_after_said_is_the_statements_and_the_action_keeps_its_own(sentence, expected):
    events = extract_events(sentence, PUBLISHED)
    found = [(e.date_start, e.title if expected[0][1] else None) for e in events]
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Senate passed the bill on Tuesday, and President Ana Costa signed it into law "
            "on Wednesday.",
            [
                (date(2025, 3, 18), "Senate passes the bill"),
                (date(2025, 3, 19), "Ana Costa signs it into law"),
            ],
        ),
        (
            # "while" before a subject and its verb opens a clause without a comma.
            "The Norwegian duty on Swedish cars will come into effect on April 1 while the "
            "timber surtax will be applied on April 15.",
            [
                (date(2025, 4, 1), "Norwegian duty on Swedish cars comes into effect"),
                (date(2025, 4, 15), "Timber surtax is applied"),
            ],
        ),
    ],
    ids=["and-president-signed", "while-the-surtax"],
)
def test_a_coordinated_clause_with_its_own_subject_is_its_own_event_and_headline(
    sentence, expected
):
    events = extract_events(sentence, PUBLISHED)
    assert [(e.date_start, e.title) for e in events] == expected


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("President Ana Costa signed the bill into law on Wednesday, after the Senate passed it "
         "on Monday.", 2),
        ("The ministry passed it on to the regulator on Monday.", 0),
    ],
    ids=["passed-it-on-monday", "passed-it-on-to"],
)  # fmt: skip
def test_a_bill_named_before_by_a_pronoun(sentence, count):
    assert len(extract_events(sentence, PUBLISHED)) == count


def test_a_counted_clause_is_dated_by_the_count_not_by_a_date_inside_it():
    events = extract_events(
        "Sweden announced new duties on Monday. The announcement came a day after Norway urged "
        "Sweden to adopt the duties already put in place by Prime Minister Ana Costa's "
        "government in May.",
        PUBLISHED,
    )
    found = {(e.date_start, e.precision, e.title) for e in events}
    assert (date(2025, 3, 16), "day", "Norway urges Sweden to adopt the duties put in place by "
            "Prime Minister Ana Costa's government in May") in found  # fmt: skip
    # The duties' own step, with its maker, from the participle after the noun.
    assert (date(2024, 5, 1), "month", "Costa government puts in place duties") in found


def test_a_measure_kicks_in_on_its_day():
    events = extract_events(
        "The Swedish duty has been delayed until at least September, while Norway's will kick "
        "in Oct. 1.",
        PUBLISHED,
    )
    assert date(2025, 10, 1) in {e.date_start for e in events}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The inquiry, which began in 2018, examined the ferry operator's use of passenger "
            "data.",
            (date(2018, 1, 1), "year"),
        ),
        ("The probe, which was opened on Monday, covers ferry fares.", (date(2025, 3, 17), "day")),
    ],
    ids=["began-in", "was-opened-on"],
)
def test_a_relative_clause_after_the_measure_tells_when_it_began(sentence, expected):
    events = extract_events(sentence, PUBLISHED)
    assert [(e.date_start, e.precision) for e in events] == [expected]


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        (
            "Lisbon criticised the ban which took effect on March 3.",
            ["Lisbon criticised the ban", "which took effect on March 3."],
        ),
        (
            "Norway welcomed the port rules that were announced last week by the agency.",
            ["Norway welcomed the port rules", "that were announced last week by the agency."],
        ),
        (
            "The shippers condemned the duties that the Transport Ministry imposed on Friday.",
            [
                "The shippers condemned the duties",
                "that the Transport Ministry imposed on Friday.",
            ],
        ),
        # A complement clause after a verb, or a relative clause that tells no act, stays.
        (
            "The ministry said that the duties were unfair.",
            ["The ministry said that the duties were unfair."],
        ),
        (
            "Lisbon proposed a law that would ban night ferries.",
            ["Lisbon proposed a law that would ban night ferries."],
        ),
    ],
    ids=["which-took-effect", "that-were-announced", "that-subject-imposed", "said-that", "would"],
)
def test_a_relative_clause_telling_what_was_done_with_a_measure_is_a_clause(sentence, clauses):
    assert [clause.text for clause in split_clauses(sentence)] == clauses


def _found(sentence: str) -> set[tuple[str, date, str, str | None]]:
    return {
        (
            e.event_type,
            e.date_start,
            e.date_basis,
            next((a.name for a in e.actors if a.role == "initiator"), None),
        )
        for e in extract_events(sentence, PUBLISHED)
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # The vow has no date of its own: "Wednesday" is the duties', not the vow's.
            "Lisbon vowed swift countermeasures after Spain's duties on Portuguese cork came "
            "into effect on Wednesday.",
            {("other", date(2025, 3, 19), "stated", "Spanish government")},
        ),
        (
            "Sweden's trade ministry said on Wednesday it would respond to the duties that "
            "Norway imposed on Monday.",
            {
                ("statement", date(2025, 3, 19), "stated", "Ministry of Trade of Sweden"),
                ("restriction", date(2025, 3, 17), "stated", "Norwegian government"),
            },
        ),
        (
            "Ferrovia said it would appeal the fine, which the Transport Ministry imposed on "
            "March 4.",
            {("restriction", date(2025, 3, 4), "stated", "Ministry of Transport")},
        ),
        (
            # A relative clause with its own subject: the Commission acts, not Lisbon.
            "Lisbon criticised the decision, which the European Commission announced on Tuesday.",
            {("statement", date(2025, 3, 18), "stated", "European Commission")},
        ),
        (
            # A company named before the measure did not make it.
            "Ferrovia said it would comply with the port law that took effect on Sunday.",
            {
                ("other", date(2025, 3, 16), "stated", None),
                ("statement", PUBLISHED, "publication", "Ferrovia"),
            },
        ),
    ],
    ids=["after-clause", "that-subject", "which-subject", "own-subject", "company-before"],
)
def test_a_subordinate_clause_holding_a_dated_act_is_its_own_event(sentence, expected):
    assert _found(sentence) == expected


def test_a_clause_hours_after_the_main_one_is_on_its_day():
    """ "..., hours after Spain's duties took effect": another actor's act on the main clause's
    day, kept apart from the main clause's own act of the same type."""
    found = _found(
        "Portugal announced retaliatory tariffs on Tuesday, hours after Spain's 25% tariffs on "
        "Portuguese cork took effect."
    )
    assert found == {
        ("restriction", date(2025, 3, 18), "stated", "Portuguese government"),
        ("restriction", date(2025, 3, 18), "stated", "Spanish government"),
    }


def test_a_subordinate_clause_is_dated_in_its_own_tense_not_the_main_clauses():
    """ "said on Monday it would appeal": the future of the main clause does not make the
    court's "Friday" next Friday."""
    found = _found(
        "Lisbon said on Monday it would appeal the ruling, after the Harbour Court struck down "
        "the port fees on Friday."
    )
    assert ("lawsuit", date(2025, 3, 14), "stated", "Harbour Court") in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ferrovia said on Monday it would comply with the order issued on Friday by the "
            "Transport Ministry.",
            ("other", date(2025, 3, 14), "Ministry of Transport"),
        ),
        (
            "Ferrovia said it would appeal the judgment handed down by the Supreme Court on "
            "Tuesday.",
            ("lawsuit", date(2025, 3, 18), "U.S. Supreme Court"),
        ),
    ],
    ids=["order-issued-by", "judgment-handed-down"],
)
def test_a_ruling_or_order_named_with_its_maker_and_day_is_their_event(sentence, expected):
    found = {(t, day, initiator) for t, day, basis, initiator in _found(sentence)}
    assert expected in found


def test_a_limit_after_the_maker_is_not_the_day_the_measure_was_made():
    """ "the orders issued by the President since January": no event of January."""
    found = _found("The court blocked the tariff orders issued by Ana Costa since January.")
    assert all(day != date(2025, 1, 1) for _, day, _, _ in found)


def test_an_adverb_opening_the_sentence_stays_with_its_clause():
    """ "Shortly after ...": the adverb is no clause of its own, so the clause it opens stays
    the main one and a later "after" clause is still subordinate."""
    sentence = (
        "Shortly after taking office on Monday, Ana Costa signed an order, after the port law "
        "came into effect on Friday."
    )
    assert [c.lead for c in split_clauses(sentence)] == ["", "after"]
    assert [c.text for c in split_clauses(sentence)][1] == (
        "after the port law came into effect on Friday."
    )


def test_a_measures_own_dated_step_is_not_the_date_of_the_reaction_to_it():
    """ "criticised the duties that were imposed last week": last week is when the duties were
    imposed; the criticism does not take that date."""
    found = _found("Portugal's trade ministry criticised the duties that were imposed last week.")
    assert found == {("restriction", date(2025, 3, 10), "stated", None)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Lisbon said on Friday it would respond, after a federal judge blocked the port "
            "law on Tuesday.",
            {date(2025, 3, 18)},
        ),
        (
            "Lisbon said on Friday it would respond, after the two sides signed a trade deal "
            "on Tuesday.",
            {date(2025, 3, 18)},
        ),
        # Who acted is no public body: not a policy act of the clause.
        (
            "Lisbon said on Friday it would respond, after the protesters blocked the road on "
            "Tuesday.",
            set(),
        ),
    ],
    ids=["judge", "two-sides", "protesters"],
)
def test_a_temporal_clause_may_name_its_public_actor_by_description(sentence, expected):
    days = {e.date_start for e in extract_events(sentence, PUBLISHED)}
    assert days - {date(2025, 3, 14)} == expected  # Lisbon's own statement, on Friday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "After Spain imposed duties on Portuguese cork on Monday, Portugal vowed on Tuesday "
            "to retaliate.",
            {
                ("restriction", date(2025, 3, 17), "stated", "Spanish government"),
                ("statement", date(2025, 3, 18), "stated", "Portuguese government"),
            },
        ),
        (
            "Since Spain's duties took effect on March 3, Portugal has filed two complaints.",
            {("other", date(2025, 3, 3), "stated", "Spanish government")},
        ),
    ],
    ids=["after-then-main", "since-then-main"],
)
def test_a_subordinate_clause_opening_the_sentence_is_its_own_event(sentence, expected):
    """The main clause after it keeps its own actor, date and headline."""
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        (
            "After Spain imposed duties on Monday, Portugal vowed to retaliate.",
            [
                ("after", "After Spain imposed duties on Monday"),
                ("", "Portugal vowed to retaliate."),
            ],
        ),
        # A phrase without a verb, or without a subject, opens no clause of its own.
        (
            "Following the ruling on Monday, Portugal vowed to retaliate.",
            [("", "Following the ruling on Monday, Portugal vowed to retaliate.")],
        ),
        (
            "When asked about the duties, the minister declined to comment.",
            [("", "When asked about the duties, the minister declined to comment.")],
        ),
    ],
    ids=["fronted-clause", "fronted-phrase", "no-subject"],
)
def test_a_fronted_subordinate_clause_ends_at_its_comma(sentence, clauses):
    assert [(c.lead, c.text) for c in split_clauses(sentence)] == clauses
