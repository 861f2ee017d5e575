"""Grouping candidates of different articles that report one real-world event."""

from dataclasses import replace
from datetime import date

import pytest

from timeline.extraction.grouping import (
    GroupItem,
    actor_fields,
    apart_reason,
    compatible,
    group_items,
    link,
    stored_types_compatible,
    types_compatible,
)
from timeline.extraction.similarity import set_similarity


def item(key, source, title, start, *, end=None, precision="day", event_type="ban", actors=()):
    return GroupItem(
        key=key,
        source=source,
        title=title,
        date_start=start,
        date_end=end or start,
        precision=precision,
        event_type=event_type,
        actors=actors,
    )


BAN = item(
    "a",
    "outlet-a",
    "Transport Ministry bans recreational drones from airports",
    date(2025, 3, 18),
    actors=("Transport Ministry",),
)


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        # Another outlet, same day, same actor, other words for the same ban.
        (
            item(
                "b",
                "outlet-b",
                "Ministry of Transport bars drones at airports",
                date(2025, 3, 18),
                event_type="restriction",
                actors=("transport ministry",),
            ),
            (
                "same day",
                "compatible types (ban, restriction)",
                "shared actors: Transport Ministry",
            ),
        ),
        # A vaguer source ("last week") whose week holds the day.
        (
            item(
                "b",
                "outlet-b",
                "Drones banned from airports by the Transport Ministry",
                date(2025, 3, 17),
                end=date(2025, 3, 23),
                precision="week",
                actors=("Transport Ministry",),
            ),
            ("overlapping dates", "same type (ban)"),
        ),
        # A fuzzy source ("in recent weeks") ending two days before the day.
        (
            item(
                "b",
                "outlet-b",
                "Drones banned from airports by the Transport Ministry",
                date(2025, 2, 14),
                end=date(2025, 3, 16),
                precision="approximate",
                actors=("Transport Ministry",),
            ),
            ("dates within 2 days, one source vaguer", "same type (ban)"),
        ),
    ],
)
def test_reports_of_one_ban_are_linked_with_their_reasons(other, expected):
    """The link says why: the date reason, the types, the shared actors, the wording."""
    found = link(BAN, other)
    assert found is not None
    assert found.reasons[: len(expected)] == expected
    assert found.reasons[-1].startswith("similar wording")


@pytest.mark.parametrize(
    "other",
    [
        # Same article: never grouped with itself.
        item("b", "outlet-a", "Transport Ministry bans drones from airports", date(2025, 3, 18)),
        # Two day-precise dates one day apart are two events.
        item(
            "b",
            "outlet-b",
            "Transport Ministry bans drones from airports",
            date(2025, 3, 19),
            actors=("Transport Ministry",),
        ),
        # "Last week" ending two days before: a week holds its event, this Tuesday is not in it.
        item(
            "b",
            "outlet-b",
            "Transport Ministry bans drones from airports",
            date(2025, 3, 10),
            end=date(2025, 3, 16),
            precision="week",
            actors=("Transport Ministry",),
        ),
        # A vaguer date too far away.
        item(
            "b",
            "outlet-b",
            "Transport Ministry bans drones from airports",
            date(2025, 2, 1),
            end=date(2025, 2, 28),
            precision="month",
            actors=("Transport Ministry",),
        ),
        # Incompatible types: a hearing is not a ban.
        item(
            "b",
            "outlet-b",
            "Transport Ministry drones airports hearing",
            date(2025, 3, 18),
            event_type="hearing",
            actors=("Transport Ministry",),
        ),
        # Same day, a shared actor, but another action in other words.
        item(
            "b",
            "outlet-b",
            "Transport Ministry appoints a new chief of staff",
            date(2025, 3, 18),
            event_type="other",
            actors=("Transport Ministry",),
        ),
    ],
)
def test_different_events_are_not_linked(other):
    assert link(BAN, other) is None


@pytest.mark.parametrize(
    ("first", "second", "compatible"),
    [
        ("ban", "export_control", True),
        ("statement", "legislation", True),
        ("other", "lawsuit", True),
        ("hearing", "lawsuit", False),
        ("legislation", "ban", False),
    ],
)
def test_type_compatibility(first, second, compatible):
    assert types_compatible(first, second) is compatible
    assert types_compatible(second, first) is compatible


TYPES = (
    *("ban", "restriction", "export_control", "legislation", "hearing", "statement", "report"),
    *("investigation", "proposal", "agreement", "lawsuit", "other", ""),
)
# Titles that make grouping read legislation as another type, and one that does not.
TITLES = ("Council signs executive order on exports", "Council enacts 34% tariff", "Council acts")


def test_stored_types_let_through_every_pair_grouping_may_link():
    """What the database narrows by (the types the extractor gave) never leaves out a pair whose
    types grouping reads as compatible, whatever their titles."""
    for first, second in [(a, b) for a in TYPES for b in TYPES]:
        for title, other_title in [(a, b) for a in TITLES for b in TITLES]:
            one = item("a", "outlet-a", title, date(2025, 3, 18), event_type=first)
            other = item("b", "outlet-b", other_title, date(2025, 3, 18), event_type=second)
            if types_compatible(one.features.event_type, other.features.event_type):
                assert stored_types_compatible(first, second)
    assert not stored_types_compatible("hearing", "lawsuit")
    assert stored_types_compatible("legislation", "lawsuit")  # an executive order is "other"


def test_a_group_takes_one_candidate_per_article_and_the_closest_one():
    """Two candidates of one sentence both resemble a third report: the closer title wins."""
    day = date(2025, 4, 9)
    took_effect = item(
        "a1",
        "a",
        "Trump confirms a 104 percent reciprocal tariff on China took effect",
        day,
        event_type="restriction",
        actors=("Donald Trump",),
    )
    paused = item(
        "b1",
        "b",
        "Donald Trump pauses the reciprocal tariffs on China for 90 days",
        day,
        event_type="restriction",
        actors=("Donald Trump",),
    )
    went_into_effect = item(
        "b2",
        "b",
        "Reciprocal tariff on China took effect",
        day,
        event_type="other",
        actors=("Donald Trump",),
    )
    groups = group_items([paused, took_effect, went_into_effect])
    assert [group.keys for group in groups] == [("a1", "b2")]
    assert group_items([went_into_effect, paused, took_effect]) == groups


def test_two_steps_told_in_one_sentence_each_join_the_step_of_the_same_dates():
    """One report: "the curfew was passed earlier this year and signed into law in March"; the
    other tells each step in its own sentence. Both steps overlap both dates: the closer dates
    pair them."""
    year = {"end": date(2025, 6, 1), "precision": "approximate", "event_type": "legislation"}
    march = {"end": date(2025, 3, 31), "precision": "month", "event_type": "legislation"}
    sentence = "The curfew was passed by lawmakers earlier this year and signed into law"
    passed = item("a1", "a", sentence, date(2025, 1, 1), actors=("Jane Roe",), **year)
    signed = item("a2", "a", sentence, date(2025, 3, 1), actors=("Jane Roe",), **march)
    passed_too = replace(passed, key="b1", source="b", title="The curfew passed the legislature")
    passed_too = replace(passed_too, date_end=date(2025, 6, 5))
    signed_too = replace(signed, key="b2", source="b", title="Jane Roe signed the curfew into law")
    groups = group_items([passed, signed, passed_too, signed_too])
    assert sorted(group.keys for group in groups) == [("a1", "b1"), ("a2", "b2")]


def test_loose_chains_do_not_merge_two_events():
    """A links to B and B to C, but A and C, one body's two actions that day, share no words:
    C, linked to half the group, stays out."""
    day = date(2025, 3, 18)
    ban = item("a", "a", "Ministry bans drones from airports", day, actors=("Ministry",))
    both = item(
        "b",
        "b",
        "Ministry bans drones from airports and fines operators",
        day,
        actors=("Ministry",),
    )
    fines = item("c", "c", "Ministry fines operators heavily", day, actors=("Ministry",))
    assert link(ban, fines) is None
    groups = group_items([ban, both, fines])
    assert len(groups) == 1
    assert "c" not in groups[0].keys
    assert len(groups[0].links) == 1


def test_a_report_linked_to_half_a_group_joins_it_when_compatible_with_the_rest():
    """A report naming no actor is linked to the report worded like it, not to the other one;
    nothing rules out the other and they share words: all three are one event."""
    day = date(2025, 3, 18)
    ministry = ("Transport Ministry",)
    ban = item("a", "a", "Transport Ministry bans recreational drones from airports", day,
               actors=ministry)  # fmt: skip
    announced = item("b", "b", "Transport Ministry announces a ban on drones near airports", day,
                     actors=ministry)  # fmt: skip
    in_force = item("c", "c", "The ban on recreational drones takes effect", day,
                    event_type="other")  # fmt: skip
    assert link(in_force, ban) and not link(in_force, announced)
    assert compatible(in_force, announced)
    assert [group.keys for group in group_items([ban, announced, in_force])] == [("a", "b", "c")]


def test_a_law_is_not_told_apart_from_the_measure_it_enacts():
    """ "The law takes effect" names the instrument, a ban what it does: one event may be both,
    while a ban and a tax are two."""
    day = date(2025, 1, 19)
    law = item("a", "a", "The drone law takes effect", day, event_type="other")
    ban = item("b", "b", "Ruritania's drone ban takes effect", day)
    tax = item("c", "c", "Ruritania's drone tax takes effect", day, event_type="other")
    assert compatible(law, ban) and compatible(law, tax)
    assert not compatible(ban, tax)


def test_a_report_linked_to_half_a_group_stays_out_when_another_member_rules_it_out():
    """Linked to one member but dated apart from the other, or naming another kind of measure
    than the other does: out."""
    day = date(2025, 3, 18)
    ministry = ("Transport Ministry",)
    ban = item("a", "a", "Transport Ministry bans recreational drones from airports", day,
               actors=ministry)  # fmt: skip
    in_force = item("c", "c", "The ban on recreational drones takes effect", day,
                    event_type="other")  # fmt: skip
    for other in (
        item("b", "b", "Transport Ministry announces a ban on drones near airports",
             date(2025, 3, 25), actors=ministry),
        item("b", "b", "Transport Ministry announces a tax on recreational drones", day,
             actors=ministry),
    ):  # fmt: skip
        assert not compatible(in_force, other)
        keys = [group.keys for group in group_items([ban, other, in_force])]
        assert ("a", "b", "c") not in keys


def test_one_body_acting_on_one_target_is_one_event_in_any_words():
    """The same kind of action by the same body against the same company: the words differ."""
    described = item(
        "a",
        "a",
        "Competition and Markets Authority launches an investigation into Voltra",
        date(2025, 6, 2),
        event_type="investigation",
        actors=("Competition and Markets Authority", "Voltra"),
    )
    named = item(
        "b",
        "b",
        "CMA first began looking into the chipmaker's conduct",
        date(2025, 6, 1),
        end=date(2025, 6, 30),
        precision="month",
        event_type="investigation",
        actors=("Competition and Markets Authority", "Voltra"),
    )
    found = link(described, named)
    assert found is not None
    assert "shared actors: Competition and Markets Authority, Voltra" in found.reasons
    # One shared actor is not enough without common wording: a body acts on many companies.
    other_target = item(
        "c",
        "c",
        "CMA first began looking into the chipmaker's conduct",
        date(2025, 6, 1),
        end=date(2025, 6, 30),
        precision="month",
        event_type="investigation",
        actors=("Competition and Markets Authority", "Nordlys"),
    )
    assert link(described, other_target) is None


def test_a_bureau_and_its_government_are_related_actors():
    """A bureau is part of its department, which is part of the government: a weaker signal."""
    bureau = item(
        "a",
        "a",
        "Bureau of Industry and Security announces rules curbing drone exports to Ruritania",
        date(2025, 3, 4),
        event_type="export_control",
        actors=("Bureau of Industry and Security",),
    )
    government = item(
        "b",
        "b",
        "U.S. government orders a halt to drone exports in a new crackdown",
        date(2025, 3, 3),
        end=date(2025, 3, 9),
        precision="week",
        event_type="export_control",
        actors=("U.S. government",),
    )
    found = link(bureau, government)
    assert found is not None
    assert "related actors: Bureau of Industry and Security within U.S. government" in found.reasons
    # Two bodies of one government are not one actor: the bureau is not part of the FTC.
    sibling = item(
        "c",
        "c",
        "Federal Trade Commission orders a halt to drone exports in a new crackdown",
        date(2025, 3, 4),
        event_type="export_control",
        actors=("Federal Trade Commission",),
    )
    assert link(bureau, sibling) is None


@pytest.mark.parametrize(
    ("other", "linked"),
    [
        # The same named act, the same day: the actorless candidate joins.
        (
            item(
                "b",
                "b",
                "Port Security Act takes effect",
                date(2025, 7, 1),
                event_type="other",
            ),
            True,
        ),
        # A headline's capitalised run ends with the act's name.
        (
            item(
                "b",
                "b",
                "Ferry Rules Tighten As Port Security Act Takes Effect",
                date(2025, 7, 1),
                event_type="other",
            ),
            True,
        ),
        # Another act whose name ends the same way.
        (
            item(
                "b",
                "b",
                "Data Security Act takes effect",
                date(2025, 7, 1),
                event_type="other",
            ),
            False,
        ),
        # Another named act the same day.
        (
            item(
                "b",
                "b",
                "Harbour Pilots Act takes effect",
                date(2025, 7, 1),
                event_type="other",
            ),
            False,
        ),
        # The same act a day later is another step.
        (
            item(
                "b",
                "b",
                "Port Security Act takes effect",
                date(2025, 7, 2),
                event_type="other",
            ),
            False,
        ),
    ],
)
def test_a_candidate_without_an_actor_joins_by_its_measures_name(other, linked):
    with_actor = item(
        "a",
        "a",
        "Ferry operators must comply as the Port Security Act kicks in",
        date(2025, 7, 1),
        event_type="legislation",
        actors=("Transport Ministry",),
    )
    found = link(with_actor, other)
    assert (found is not None) is linked
    if linked:
        assert "same measure: Port Security Act" in found.reasons


def test_a_head_of_government_and_the_government_they_head_are_one_actor():
    """ "U.S. President Maria Olsen's tariffs came into force" and "the U.S. government started
    collecting the tariffs": the president acts for the government."""
    president = GroupItem(
        key="a",
        source="a",
        title="Maria Olsen's tariffs on foreign bicycles take effect",
        date_start=date(2025, 6, 4),
        date_end=date(2025, 6, 4),
        event_type="restriction",
        actors=("Maria Olsen",),
        heads=(("Maria Olsen", "U.S. government"),),
    )
    government = item(
        "b",
        "b",
        "U.S. government starts collecting tariffs on imported bicycles",
        date(2025, 6, 4),
        event_type="restriction",
        actors=("U.S. government",),
    )
    found = link(president, government)
    assert found is not None
    assert "shared actors: U.S. government" in found.reasons
    # Without the office the person is another actor, and the wording alone is too far.
    assert link(replace(president, heads=()), government) is None
    # Two of her actions the same day are still told apart by their words.
    other_action = replace(
        government, title="U.S. government appoints a new ambassador to Ruritania"
    )
    assert link(president, other_action) is None


def test_a_person_named_in_full_is_the_head_of_government_another_report_names_him():
    """One report names "Prime Minister Jane Roe" without her country, another as Ruritania's
    prime minister: the same person heads the same government in both, and her unnamed "move"
    is the government's tariff of that day."""
    bare = bicycle_duties(
        "a",
        "Jane Roe announced the move at a cabinet retreat",
        actors=("Jane Roe",),
        initiator="Jane Roe",
        event_type="statement",
        sentence="Prime Minister Jane Roe announced the move at a cabinet retreat on Monday.",
    )
    # The other report names her with her country: she heads its government.
    government = "Ruritanian government"
    known = replace(
        bicycle_duties("b", "Ruritania will impose tariffs on imported bicycles"),
        actors=(government, "Jane Roe"),
        initiator=government,
        heads=(("Jane Roe", government),),
    )
    found = link(bare, known)
    assert found is not None
    assert "one actor's unnamed move and its measure" in found.reasons
    # One surname is no full name; another acting government is another actor.
    assert link(replace(bare, actors=("Roe",), initiator="Roe"), known) is None
    # Her own report's country stands: another report's is not borrowed over it.
    own = replace(bare, heads=(("Jane Roe", "Bordurian government"),))
    assert link(own, known) is None
    # A move named elsewhere as no measure ("the talks") is not the tariff.
    assert link(replace(known, title="Ruritania will hold talks on bicycles"), bare) is None


def bicycle_duties(key, title, *, actors=("Ruritanian government",), initiator="", **fields):
    return GroupItem(
        key=key,
        source=key,
        title=title,
        date_start=date(2025, 6, 4),
        date_end=date(2025, 6, 4),
        event_type=fields.pop("event_type", "restriction"),
        actors=actors,
        initiator=initiator,
        **fields,
    )


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        # One figure of one kind of measure, written two ways, the same day.
        (
            bicycle_duties("a", "Ruritania imposes duties of 45 per cent on bicycles", actors=()),
            bicycle_duties("b", "Importers face a 45% levy as the new regime starts", actors=()),
            "same figure: 45%",
        ),
        # Two reports that the measure came into force that day, by one government.
        (
            bicycle_duties("a", "Ruritanian bicycle duties took effect at midnight"),
            bicycle_duties(
                "b",
                "Customs officers began collecting the tariffs at every border post",
                event_type="other",
            ),
            "both say it came into force: tariff",
        ),
    ],
)
def test_a_shared_figure_or_coming_into_force_links_reports_in_other_words(first, second, reason):
    found = link(first, second)
    assert found is not None
    assert reason in found.reasons


@pytest.mark.parametrize(
    "second",
    [
        # The same figure of another kind of measure.
        bicycle_duties("b", "Ruritania bans 45% of bicycle imports", actors=()),
        # The same figure the next day.
        replace(
            bicycle_duties("b", "Importers face a 45% levy as the new regime starts", actors=()),
            date_start=date(2025, 6, 5),
            date_end=date(2025, 6, 5),
        ),
        # Another government's measure coming into force that day.
        bicycle_duties(
            "b", "Borduria's tariffs on steel took effect", actors=("Bordurian government",)
        ),
    ],
)
def test_a_figure_or_coming_into_force_alone_is_not_enough(second):
    first = bicycle_duties("a", "Ruritania's duties of 45 per cent on bicycles took effect")
    assert link(first, second) is None


def test_measures_named_by_no_kind_come_into_force_as_the_kind_the_other_report_names():
    """ "Ruritania's sweeping measures went into force" names no kind of measure; with the
    government in common, the same day, it is the duties the other report says took effect."""
    duties = bicycle_duties("a", "Ruritanian bicycle duties took effect at midnight")
    measures = bicycle_duties(
        "b", "Ruritania's sweeping measures went into force overnight", event_type="other"
    )
    found = link(duties, measures)
    assert found is not None
    assert "both say it came into force: measures" in found.reasons
    # Without the government in common, unnamed measures are anyone's.
    assert link(duties, replace(measures, actors=())) is None


def test_two_reports_with_different_actors_acting_are_not_linked():
    """ "Borduria retaliated to the tariffs Ruritania imposed" names Ruritania too, but Borduria
    acts: not Ruritania's own step that day."""
    ruritania = bicycle_duties(
        "a",
        "Ruritania pauses its duties on bicycles for 90 days",
        initiator="Ruritanian government",
    )
    borduria = bicycle_duties(
        "b",
        "Borduria retaliates to the duties on bicycles imposed by Ruritania",
        actors=("Bordurian government", "Ruritanian government"),
        initiator="Bordurian government",
    )
    assert link(ruritania, borduria) is None
    assert link(ruritania, replace(borduria, initiator="")) is not None


def test_one_government_acting_on_one_kind_of_measure_the_same_day_is_one_step():
    """ "Ruritania announces higher levies" and "Ruritania retaliates by raising its duties":
    one actor, one kind of measure named in each title, one day."""
    levies = bicycle_duties(
        "a",
        "Ruritania announces higher levies on imports from Borduria",
        event_type="statement",
        initiator="Ruritanian government",
    )
    duties = bicycle_duties(
        "b",
        "Ruritania retaliates, raising its duties on Bordurian goods",
        initiator="Ruritanian government",
    )
    found = link(levies, duties)
    assert found is not None
    # A tariff named only in the evidence sentence, in another clause, is not the action's own.
    promise = replace(
        duties,
        title="Ruritania promises a forceful response",
        sentence="Ruritania promised a forceful response after Bordurian tariffs took effect.",
    )
    assert link(levies, promise) is None


def test_a_body_within_a_government_and_one_target_make_two_actors_in_common():
    """The market regulator and "Ruritania" (its government) acting on one company, the same
    kind of action the same month: one investigation, in any words."""
    regulator = item(
        "a",
        "a",
        "Market regulator began looking into Nordlys's conduct back then",
        date(2025, 3, 1),
        end=date(2025, 3, 31),
        precision="month",
        event_type="investigation",
        actors=("Ministry of Commerce of China", "Nordlys"),
    )
    government = item(
        "b",
        "b",
        "China announces it was opening a probe of Nordlys on suspicion of abuse",
        date(2025, 3, 12),
        event_type="investigation",
        actors=("Chinese government", "Nordlys"),
    )
    found = link(regulator, government)
    assert found is not None
    assert (
        "related actors: Ministry of Commerce of China within Chinese government" in found.reasons
    )
    # The same day, a statement of the regulator and the government's ban of the company are
    # one step too; a statement of some day that month is not.
    ban = replace(government, event_type="ban")
    statement = replace(regulator, event_type="statement")
    one_day = replace(statement, date_start=date(2025, 3, 12), date_end=date(2025, 3, 12))
    assert link(one_day, ban) is not None
    assert link(statement, ban) is None


def test_a_tariff_enacted_is_a_restriction_for_grouping():
    """ "Ruritania enacts a 45 percent tariff" may be typed legislation; the tariff taking effect
    that day is a restriction: one measure."""
    enacted = bicycle_duties(
        "a",
        "Ruritania enacts a 45 percent tariff on bicycles",
        event_type="legislation",
        actors=("Ruritanian government",),
    )
    in_force = bicycle_duties("b", "Ruritanian customs said the 45% tariff applies from today")
    assert link(enacted, in_force) is not None
    # A law on another matter stays legislation.
    law = replace(enacted, title="Ruritania enacts a law on bicycle lanes")
    assert link(law, in_force) is None


def test_an_executive_order_is_no_legislation_for_grouping():
    """ "Olsen signs an executive order pausing the ban" (typed legislation) and "Olsen issues an
    order letting the app operate" (a restriction) are one order."""
    signed = item(
        "a",
        "a",
        "Olsen signs an executive order pausing the app ban law",
        date(2025, 1, 20),
        event_type="legislation",
        actors=("Maria Olsen", "Appco"),
    )
    issued = item(
        "b",
        "b",
        "Olsen issues an order that lets Appco keep operating despite the ban",
        date(2025, 1, 20),
        event_type="restriction",
        actors=("Maria Olsen", "Appco"),
    )
    assert link(signed, issued) is not None
    assert link(replace(signed, title="Olsen signs the app ban law"), issued) is None


def test_one_actors_figure_links_a_day_to_the_week_that_holds_it():
    """ "Ruritania imposed a 10 per cent tariff on April 2" and "Ruritania last week announced
    a baseline 10% tariff": one actor, one figure, the day within the week."""
    day = bicycle_duties(
        "a", "Ruritania imposes a 10 per cent global tariff", initiator="Ruritanian government"
    )
    week = replace(
        bicycle_duties(
            "b",
            "Ruritania announces a baseline 10% tariff and higher rates for others",
            initiator="Ruritanian government",
        ),
        date_start=date(2025, 6, 2),
        date_end=date(2025, 6, 8),
        precision="week",
    )
    found = link(day, week)
    assert found is not None
    assert "same figure: 10%" in found.reasons
    # Without the actor in common the week is too loose for a figure alone.
    stranger = replace(week, actors=("Bordurian government",), initiator="")
    assert link(day, stranger) is None


def acting(key, title, initiator, kind, **fields):
    """A report of 4 June 2025 whose ``initiator`` (of ``kind``) acts."""
    actors = fields.pop("actors", (initiator,) if initiator else ())
    return bicycle_duties(
        key, title, actors=actors, initiator=initiator, initiator_kind=kind, **fields
    )


def test_a_minister_is_part_of_the_government_they_act_for():
    """ "Interior Minister Ana Soto suspended the app" and "the Chilean government suspended the
    app": a minister heads no government but acts for it, as a ministry does."""
    minister = acting(
        "a",
        "Ana Soto suspends the Quillon payments app",
        "Ana Soto",
        "person",
        serves=(("Ana Soto", "Chilean government"),),
    )
    government = acting(
        "b",
        "Chilean government suspends payments app Quillon for 90 days",
        "Chilean government",
        "government",
        event_type="statement",
    )
    found = link(minister, government)
    assert found is not None
    assert "related actors: Ana Soto within Chilean government" in found.reasons
    # Nothing ties the person to a government: two different actors acting.
    assert link(replace(minister, serves=()), government) is None


def test_actor_fields_tie_a_minister_of_a_known_country_to_its_government():
    fields = actor_fields(
        [
            ("Ana Soto", "initiator", "minister", "CL", "person"),
            ("Jo Park", "subject", "Acme Robotics President", "", "person"),
        ]
    )
    assert fields["initiator"] == "Ana Soto"
    assert fields["initiator_kind"] == "person"
    assert fields["serves"] == (("Ana Soto", "Chilean government"),)
    assert fields["heads"] == ()


def test_actor_fields_tie_a_minister_to_the_ministry_their_title_names():
    """ "Finance Minister" of a known country acts for that country's finance ministry, which
    is part of its government."""
    fields = actor_fields([("Ana Soto", "initiator", "Finance Minister", "CL", "person")])
    assert fields["serves"] == (("Ana Soto", "Ministry of Finance of Chile"),)


def serving(name, role, country):
    """``GroupItem.serves`` of a person of ``role`` and ``country``."""
    return actor_fields([(name, "initiator", role, country, "person")])["serves"]


def test_a_minister_acts_for_the_ministry_their_title_names():
    """ "Interior Minister Ana Soto suspended the app", "Chile's interior ministry suspended the
    app" and "the Chilean government suspended the app": the minister is part of the
    ministry, which is part of the government. Another ministry stays another actor."""
    minister = acting(
        "a",
        "Ana Soto suspends the Quillon payments app",
        "Ana Soto",
        "person",
        serves=serving("Ana Soto", "Interior Minister", "CL"),
    )
    ministry = acting(
        "b",
        "Chile's interior ministry suspends payments app Quillon",
        "Ministry of Interior of Chile",
        "government",
    )
    government = acting(
        "c",
        "Chilean government suspends payments app Quillon for 90 days",
        "Chilean government",
        "government",
        event_type="statement",
    )
    found = link(minister, ministry)
    assert found is not None
    assert "related actors: Ana Soto within Ministry of Interior of Chile" in found.reasons
    assert link(minister, government) is not None
    finance = replace(ministry, actors=("Ministry of Finance of Chile",),
                      initiator="Ministry of Finance of Chile")  # fmt: skip
    assert apart_reason(minister, finance) == "different acting actors"


def test_a_secretary_acts_for_the_department_and_its_bureaus():
    """ "Homeland Security Secretary Tom Reyes" is related to the Department of Homeland
    Security and to an agency of it; a secretary of another department, and an official whose
    title names no department, stay apart from the agency."""
    secretary = acting(
        "a",
        "Tom Reyes says the grid operator poses an undue risk to the network",
        "Tom Reyes",
        "person",
        event_type="statement",
        serves=serving("Tom Reyes", "Homeland Security Secretary", "US"),
    )
    agency = "Cybersecurity and Infrastructure Security Agency"
    bureau = acting(
        "b",
        "Agency says the grid operator poses an undue risk to the network",
        agency,
        "government",
        event_type="statement",
    )
    department = replace(
        bureau,
        actors=("U.S. Department of Homeland Security",),
        initiator="U.S. Department of Homeland Security",
    )
    assert link(secretary, department) is not None
    found = link(secretary, bureau)
    assert found is not None
    assert f"related actors: {agency} within Tom Reyes" in found.reasons
    other = replace(secretary, serves=serving("Tom Reyes", "Labor Secretary", "US"))
    assert apart_reason(other, bureau) == "different acting actors"
    official = replace(secretary, serves=serving("Tom Reyes", "official", "US"))
    assert apart_reason(official, bureau) == "different acting actors"


def test_a_secretary_is_one_actor_against_the_department_and_its_agency():
    """The secretary related to the department and to its agency is one actor in common, not
    two: two statements of one day in other words stay apart."""
    secretary = acting(
        "a",
        "Tom Reyes says border checks on freight will double next month",
        "Tom Reyes",
        "person",
        event_type="statement",
        serves=serving("Tom Reyes", "Homeland Security Secretary", "US"),
    )
    agency = acting(
        "b",
        "Agency warns hospitals of a phishing campaign using fake invoices",
        "U.S. Department of Homeland Security",
        "government",
        event_type="statement",
        actors=(
            "U.S. Department of Homeland Security",
            "Cybersecurity and Infrastructure Security Agency",
        ),
    )
    assert apart_reason(secretary, agency) != "different acting actors"
    assert link(secretary, agency) is None


PLATFORM = acting(
    "a",
    "Nordgram blocks access for users in Chile",
    "Nordgram",
    "company",
    sentence="Nordgram was blocked for users in Chile on Friday, the access monitor said.",
    event_type="ban",
)
REGULATOR = acting(
    "b",
    "Telecoms regulator blocks access to Nordgram",
    "Chilean telecoms regulator",
    "government",
    sentence="The telecoms regulator blocked access to Nordgram on Friday without giving a reason.",
)


def test_a_company_credited_with_the_block_it_suffered_is_the_regulators_target():
    """One report reads "Nordgram was blocked" as Nordgram acting; the other credits the
    regulator and names Nordgram: the company is the target, not another actor acting."""
    found = link(PLATFORM, REGULATOR)
    assert found is not None
    assert "shared actors: Nordgram" in found.reasons
    # The other report names no such company: two actors acting.
    unnamed = replace(
        REGULATOR,
        title="Telecoms regulator blocks access to a messaging service",
        sentence="The telecoms regulator blocked a messaging service on Friday.",
    )
    assert link(PLATFORM, unnamed) is None
    # Two companies acting stay two actors, whoever is named.
    rival = replace(REGULATOR, initiator="Vistaline", actors=("Vistaline",))
    assert link(PLATFORM, replace(rival, initiator_kind="company")) is None


def test_a_country_however_written_is_not_common_wording():
    """ "Türkiye", "Turkey" and "Turkish" are one country, and a country is an actor or the
    setting: none of them is common wording between two reports."""
    first = item("a", "a", "Türkiye restricts drones near airports", date(2025, 3, 18))
    second = item("b", "b", "Turkish officials restrict drones near airports", date(2025, 3, 18))
    third = item("c", "c", "Turkey restricts drones near airports", date(2025, 3, 18))
    assert set_similarity(first.features.words, second.features.words) == set_similarity(
        third.features.words, second.features.words
    )
    assert not any("turk" in word for word in third.features.words)


def test_a_name_both_sentences_hold_stands_for_the_target_neither_lists():
    """The same body and the same type the same day, and both sentences name "Quillon", which
    neither lists as an actor: the body acting on one target, in any words."""
    bank = ("Central Bank of Chile",)
    first = acting(
        "a",
        "Payments regulator orders a halt",
        "",
        "",
        actors=bank,
        sentence="The Central Bank of Chile told Quillon to halt new sign-ups.",
    )
    second = acting(
        "b",
        "Central bank suspends payments start-up",
        "",
        "",
        actors=bank,
        sentence="Regulators at the Central Bank of Chile suspended start-up Quillon.",
    )
    elsewhere = replace(
        second,
        title="Central bank fines a lender",
        sentence="The Central Bank of Chile fined the lender Vistaline on Wednesday.",
    )
    found = link(first, second)
    assert found is not None
    assert "named in both: quillon" in found.reasons
    assert link(first, elsewhere) is None
    # A name opening a sentence may be any word; inside it, it is the same name.
    also = "The Central Bank of Chile fined the lenders Vistaline and Quillon on Wednesday."
    assert link(first, replace(elsewhere, sentence=also)) is not None


def test_a_product_or_unit_named_after_its_company_is_part_of_it():
    """ "Quillon Pay halts sign-ups" and "Quillon halts sign-ups": the name that extends the
    other's whole words is a part of it, not another actor acting."""
    unit = acting("a", "Quillon Pay halts new sign-ups after a data request", "Quillon Pay", "")
    company = replace(
        unit, key="b", source="b", title="Quillon halts new sign-ups", initiator="Quillon"
    )
    company = replace(company, actors=("Quillon",))
    assert "related actors: Quillon Pay within Quillon" in link(unit, company).reasons
    assert link(replace(unit, initiator="Quillonia", actors=("Quillonia",)), company) is None


def test_a_body_of_a_known_country_is_part_of_that_countrys_government():
    """ "Bhutan's Cabinet decided to ban the app" and "the Government of Bhutan banned the app":
    a cabinet, a ministry or a regulator of a country belongs to its government."""
    fields = actor_fields([("Cabinet", "initiator", "", "BT", "government")])
    assert fields["serves"] == (("Cabinet", "Government of Bhutan"),)
    cabinet = acting(
        "a", "Cabinet decides to ban the Quillon app", "Cabinet", "", serves=fields["serves"]
    )
    government = acting("b", "Government bans the Quillon app", "Government of Bhutan", "")
    reasons = link(cabinet, government).reasons
    assert "related actors: Cabinet within Government of Bhutan" in reasons
    assert link(replace(cabinet, serves=()), government) is None


def test_two_bodies_of_one_government_stating_one_figure_tell_one_step():
    """ "Ruritania's finance ministry announced a 34 percent tariff" and "the tariff commission
    announced 34% last week": two bodies of one government, one figure of one kind of measure,
    the day within the week. Without the figure, two bodies acting are two actors."""
    ministry = bicycle_duties(
        "a",
        "Finance Ministry announces a 34 percent tariff on all Bordurian goods",
        actors=("Ruritanian Finance Ministry",),
        initiator="Ruritanian Finance Ministry",
        serves=(("Ruritanian Finance Ministry", "Ruritanian government"),),
    )
    commission = replace(
        bicycle_duties(
            "b",
            "Tariff Commission replaces the 34% announced last week",
            actors=("Ruritanian Tariff Commission",),
            initiator="Ruritanian Tariff Commission",
            serves=(("Ruritanian Tariff Commission", "Ruritanian government"),),
        ),
        date_start=date(2025, 6, 2),
        date_end=date(2025, 6, 8),
        precision="week",
    )
    found = link(ministry, commission)
    assert found is not None
    assert "same figure: 34%" in found.reasons
    other_figure = replace(commission, title="Tariff Commission replaces the 20% of last week")
    assert link(ministry, other_figure) is None
    other_government = replace(
        commission, serves=(("Ruritanian Tariff Commission", "Bordurian government"),)
    )
    assert link(ministry, other_government) is None


def recalled_probe(key, start, end, precision, **fields):
    return replace(
        bicycle_duties(
            key,
            fields.pop("title", "Data Commission opened an inquiry"),
            actors=fields.pop("actors", ("Data Commission",)),
            initiator="Data Commission",
            event_type="investigation",
            **fields,
        ),
        date_start=start,
        date_end=end,
        precision=precision,
    )


def test_a_report_recalling_the_event_at_a_coarser_date_is_linked_by_actor_and_type():
    """ "The commission initiated its probe last month" and "on 31 January it sent an inquiry":
    the same acting actor and specific type, the month holding the day, in other words."""
    day = recalled_probe(
        "a", date(2025, 1, 31), date(2025, 1, 31), "day", title="Commission sent a questionnaire"
    )
    month = recalled_probe(
        "b",
        date(2025, 1, 1),
        date(2025, 1, 31),
        "month",
        title="Initiated its probe into Quillon",
        actors=("Data Commission", "Quillon"),
    )
    found = link(day, month)
    assert found is not None
    assert "the same actor and type, one date holding the other" in found.reasons
    # Both at one precision: the wording must show it.
    assert link(day, replace(month, precision="day", date_start=day.date_start)) is None
    # Something that tells them apart: other targets, other figures, another kind of measure.
    assert link(replace(day, actors=("Data Commission", "Zentrix")), month) is None
    fined = replace(month, title="Initiated its probe into Quillon, which paid $2 million")
    assert link(day, fined) is not None
    assert link(replace(day, title="Commission sought a 5% cut"), fined) is None
    tariffs = replace(day, title="Commission sent questions on tariffs")
    assert link(tariffs, month) is not None
    assert link(tariffs, replace(month, title="Initiated its probe of the ban")) is None
    # What each probe is into: one target's pricing and its imports are two probes, whatever
    # country both name.
    pricing = replace(day, title="Commission opened an inquiry into Kenya's Quillon pricing")
    assert link(pricing, month) is not None
    imports = replace(month, title="Initiated its probe into Kenya's grain imports")
    assert link(pricing, imports) is None
    # Another actor acting, or another type.
    assert link(replace(day, initiator="", actors=()), month) is None
    assert link(replace(day, event_type="statement"), month) is None


def test_a_body_named_with_its_country_or_its_demonym_is_one_actor():
    """ "Norway's data protection board" and "the Norwegian data protection board" (or in
    capitals) are one body; another country's board is another."""

    def board(key, name, title, event_type="restriction"):
        return bicycle_duties(
            key, title, actors=(name, "Acme Motors"), initiator=name, event_type=event_type
        )

    first = board("a", "Norway's data protection board", "Data protection board fines Acme")
    for name in ("NORWAY’S Data Protection Board", "the Norwegian data protection board"):
        assert link(first, board("b", name, "A decision was announced", "statement")) is not None
    swedish = board("b", "Swedish data protection board", "A decision was announced", "statement")
    assert link(first, swedish) is None


def test_a_regulator_named_by_its_function_in_other_words_is_one_actor():
    """ "Norway's privacy watchdog" and "the Norwegian data protection authority" name one
    body by what it does; "Norway's competition regulator" is another."""

    def regulator(key, name):
        return bicycle_duties(
            key,
            "Regulator asks Acme Motors for information",
            actors=(name,),
            initiator=name,
            event_type="statement",
        )

    privacy = regulator("a", "Norway's privacy watchdog")
    assert link(privacy, regulator("b", "the Norwegian data protection authority")) is not None
    assert link(privacy, regulator("b", "Norway's competition regulator")) is None


def test_a_merger_prohibited_and_an_acquisition_blocked_share_their_wording():
    """News names one takeover a merger, an acquisition or a deal, and stopping it blocking,
    prohibiting or vetoing: two reports of one regulator's decision share those words."""
    day = date(2025, 4, 9)
    blocked = item(
        "a",
        "a",
        "Ruritanian competition regulator moves to block Acme's acquisition of Zentrix",
        day,
        event_type="restriction",
        actors=("Ruritanian Competition Authority",),
    )
    prohibited = item(
        "b",
        "b",
        "Authority says it must prohibit the merger to keep competition in ride hailing",
        day,
        actors=("Ruritanian Competition Authority",),
    )
    found = link(blocked, prohibited)
    assert found is not None
    assert "shared actors: Ruritanian Competition Authority" in found.reasons


def test_apart_reason_names_the_first_test_that_fails():
    """What the scoring command prints for a missed pair: the types, the dates, the acting
    actors or the missing evidence, in that order; nothing for a linked pair."""
    day = date(2025, 3, 18)
    ministry = ("Transport Ministry",)
    ban = item("a", "a", "Transport Ministry bans recreational drones from airports", day,
               actors=ministry)  # fmt: skip
    assert apart_reason(ban, replace(ban, key="b", source="b")) == ""
    assert apart_reason(ban, replace(ban, key="b")) == "one article"
    hearing = replace(ban, key="b", source="b", event_type="hearing")
    assert apart_reason(ban, hearing) == "types (ban, hearing)"
    later = replace(ban, key="b", source="b", date_start=date(2025, 5, 1),
                    date_end=date(2025, 5, 1))  # fmt: skip
    assert apart_reason(ban, later) == "dates apart"
    other = item("b", "b", "Ruritania's navy tests a new frigate", day, actors=("Ruritania",))
    assert apart_reason(ban, other).startswith("no evidence of one action (common wording 0.")


def test_measures_are_effective_says_they_come_into_force():
    """ "The duties are effective Thursday" is the measure coming into force, as "took effect"."""
    effective = bicycle_duties("a", "Ruritania's bicycle duties are effective from today")
    collecting = bicycle_duties(
        "b",
        "Customs officers began collecting the tariffs at every border post",
        event_type="other",
    )
    found = link(effective, collecting)
    assert found is not None
    assert "both say it came into force: tariff" in found.reasons
    # Said of something else than a measure in force: no figure, no kind, no link.
    assert link(replace(effective, title="Ruritania says its bicycle lanes are effective"),
                collecting) is None  # fmt: skip


def test_unnamed_countermeasures_are_the_kind_their_summary_names_from_the_sentence_before():
    """ "The latest countermeasures are effective" whose summary opens with the sentence before
    ("... raise duties on bicycles to 45%") is the duties coming into force, not another kind
    of measure of the same government taking effect that day."""
    vague = bicycle_duties(
        "a",
        "Ruritanian countermeasures are effective",
        event_type="other",
        summary="Ruritania said it would raise duties on Bordurian bicycles to 45%. "
        "The latest Ruritanian countermeasures are effective Thursday.",
        sentence="The latest Ruritanian countermeasures are effective Thursday.",
        initiator="Ruritanian government",
    )
    duties = bicycle_duties(
        "b", "Ruritania's 45% duties on bicycles go into effect", initiator="Ruritanian government"
    )
    controls = bicycle_duties(
        "c",
        "Trade ministry puts eight chip makers on its export control list from Thursday",
        event_type="export_control",
        actors=("Ruritanian trade ministry",),
        initiator="Ruritanian trade ministry",
        serves=(("Ruritanian trade ministry", "Ruritanian government"),),
    )
    found = link(vague, duties)
    assert found is not None
    assert "both say it came into force: tariff" in found.reasons
    assert link(vague, controls) is None
    # Its own sentence alone names no kind: nothing says which measure it is.
    assert link(replace(vague, summary=vague.sentence), controls) is None


def test_an_announcement_recalled_as_a_measure_of_its_kind_at_a_coarser_date_is_linked():
    """ "Ruritania launched a crackdown on chip exports last week" and "the trade bureau on
    Monday announced rules curbing chip sales": one government, one kind of measure (curbs),
    the week holding the day, though typed a restriction and a statement."""
    week = replace(
        bicycle_duties(
            "a",
            "Ruritania launches a crackdown on Bordurian chip exports",
            initiator="Ruritanian government",
        ),
        date_start=date(2025, 6, 2),
        date_end=date(2025, 6, 8),
        precision="week",
    )
    day = bicycle_duties(
        "b",
        "Trade bureau announced rules aimed at curbing sales of advanced processors",
        event_type="statement",
        actors=("Ruritanian trade bureau",),
        initiator="Ruritanian trade bureau",
        serves=(("Ruritanian trade bureau", "Ruritanian government"),),
    )
    found = link(week, day)
    assert found is not None
    assert "the same actor and kind of measure, one date holding the other" in found.reasons
    # Another kind of measure announced, another government, or one precision: no link.
    assert link(week, replace(day, title="Trade bureau announced new duties on processors")) is None
    other = replace(day, serves=(("Ruritanian trade bureau", "Bordurian government"),))
    assert link(week, other) is None
    assert link(replace(week, precision="day", date_start=day.date_start), day) is None


def test_a_figure_in_common_makes_a_link_stronger():
    """Of two links otherwise alike, the one whose reports state one figure is the stronger."""
    first = bicycle_duties(
        "a", "Ruritania imposes a 45% tariff on bicycles", initiator="Ruritanian government"
    )
    second = bicycle_duties(
        "b", "Ruritania sets a 45 per cent duty on bicycles", initiator="Ruritanian government"
    )
    other = bicycle_duties(
        "c", "Ruritania sets a 30 per cent duty on bicycles", initiator="Ruritanian government"
    )
    assert link(first, second).score > link(first, other).score


# One article may tell one event twice: a minister's statement and the ministry's own step.
_FISHERIES_DAY = date(2025, 5, 14)
_LOPES = ("Ana Lopes", "initiator", "Minister of Fisheries", "PT", "person")
_PORTUGUESE_GOVERNMENT = ("Portuguese government", "participant", "", "PT", "government")
_FISHERIES_MINISTRY = ("Ministry of Fisheries of Portugal", "initiator", "", "PT", "government")


def _said(key, source, title, sentence, event_type, actors):
    return GroupItem(
        key=key,
        source=source,
        title=title,
        date_start=_FISHERIES_DAY,
        date_end=_FISHERIES_DAY,
        event_type=event_type,
        sentence=sentence,
        **actor_fields(actors),
    )


_CLOSED = _said(
    "a1",
    "outlet-a",
    "Ana Lopes says the government closed the northern cod fishery to trawlers",
    "Fisheries minister Ana Lopes said on Wednesday the government closed the northern cod "
    "fishery to trawlers until stocks recover.",
    "statement",
    [_LOPES, _PORTUGUESE_GOVERNMENT],
)
_HAS_CLOSED = _said(
    "b1",
    "outlet-b",
    "Government has closed the northern cod fishery to all trawlers",
    "\u201cThe government has closed the northern cod fishery to all trawlers until stocks "
    "recover,\u201d Ana Lopes said.",
    "statement",
    [_LOPES],
)
_WORRIED = _said(
    "c2",
    "outlet-c",
    "Ana Lopes says the government was worried about the trawlers",
    "Lopes said the government was worried about the trawlers and inspectors would check "
    "their catches.",
    "statement",
    [_LOPES, _PORTUGUESE_GOVERNMENT],
)
_SHUT = _said(
    "c1",
    "outlet-c",
    "Fisheries ministry says it shut the northern cod fishery",
    "The fisheries ministry said on Wednesday it had shut the northern cod fishery while "
    "scientists count the fish.",
    "restriction",
    [_FISHERIES_MINISTRY],
)


def test_an_articles_better_linked_candidate_takes_its_place_in_a_group():
    # The minister's worry shares her name with the other reports and links first; the
    # ministry's closure tells what they tell, and takes the place of its article's worry.
    worried_links = [link(_WORRIED, other).score for other in (_CLOSED, _HAS_CLOSED)]
    shut_links = [link(_SHUT, other).score for other in (_CLOSED, _HAS_CLOSED)]
    assert min(worried_links) > max(shut_links)
    items = [_CLOSED, _HAS_CLOSED, _WORRIED, _SHUT]
    groups = group_items(items)
    assert [group.keys for group in groups] == [("a1", "b1", "c1")]
    assert group_items(reversed(items)) == groups


def test_an_articles_candidate_not_linked_to_every_member_keeps_out():
    # Told in fewer common words, the closure is linked to one report only: the worry stays.
    shut = replace(
        _SHUT,
        title="Fisheries ministry says it shut the cod fishery",
        sentence="The fisheries ministry said on Wednesday it had shut the cod fishery in the "
        "north while scientists count the fish.",
    )
    assert link(shut, _HAS_CLOSED) is None
    groups = group_items([_CLOSED, _HAS_CLOSED, _WORRIED, shut])
    assert [group.keys for group in groups] == [("a1", "b1", "c2")]


def test_an_articles_candidate_of_another_day_keeps_out():
    shut = replace(_SHUT, date_start=date(2025, 5, 13), date_end=date(2025, 5, 13))
    groups = group_items([_CLOSED, _HAS_CLOSED, _WORRIED, shut])
    assert [group.keys for group in groups] == [("a1", "b1", "c2")]


# One person's step told in other words: "criticized the app" and "commented on Tuesday".
_MORA = ("Lena Mora", "initiator", "", "", "person")
_CRITICIZED = GroupItem(
    key="x",
    source="outlet-x",
    title="Ban follows comments by port commissioner Lena Mora",
    date_start=date(2025, 9, 2),
    date_end=date(2025, 9, 2),
    event_type="statement",
    sentence="The ban follows comments on Tuesday by port commissioner Lena Mora, criticizing "
    "the app for what she called its choice to hide harbour reviews about the long strike at "
    "the northern docks during the busy summer months when ferries and fishing boats crowd the "
    "quay, leaving visitors, residents and traders unsure which berths remain open this autumn.",
    **actor_fields([_MORA, ("Glimt", "participant", "", "", "company")]),
)
_COMMENTED = GroupItem(
    key="y",
    source="outlet-y",
    title="Officials acted after port commissioner Lena Mora commented",
    date_start=date(2025, 9, 2),
    date_end=date(2025, 9, 2),
    event_type="statement",
    sentence="Officials acted after port commissioner Lena Mora commented on Tuesday.",
    **actor_fields([_MORA]),
)


def test_one_persons_step_of_one_type_that_day_links_in_other_words():
    assert set_similarity(_CRITICIZED.features.words, _COMMENTED.features.words) < 0.12
    found = link(_CRITICIZED, _COMMENTED)
    assert found is not None
    assert "one person's step of one type that day, nothing telling them apart" in found.reasons


@pytest.mark.parametrize(
    "other",
    [
        # Her comment on another participant's fares: the other actors tell them apart.
        replace(
            _COMMENTED,
            title="Port commissioner Lena Mora commented on fares",
            sentence="Port commissioner Lena Mora commented on Tuesday on the fares of the "
            "Ferry Union.",
            **actor_fields([_MORA, ("Ferry Union", "participant", "", "", "other")]),
        ),
        # Another type of step, another day, or a body, not a person.
        replace(_COMMENTED, event_type="restriction"),
        replace(_COMMENTED, date_start=date(2025, 9, 3), date_end=date(2025, 9, 3)),
        replace(_COMMENTED, initiator_kind="other"),
        # Only the day in common.
        replace(
            _COMMENTED,
            title="Lena Mora opened the new ferry terminal",
            sentence="Lena Mora opened the new ferry terminal on Tuesday.",
        ),
    ],
)
def test_one_persons_steps_stay_apart_when_something_tells_them_apart(other):
    assert link(_CRITICIZED, other) is None


_PERSON = "person"


def test_the_office_the_acting_person_heads_does_not_tell_her_steps_apart():
    # "The head of the Harbour Office, Lena Mora, commented": her office is hers, not another
    # participant against the app the other report names.
    head = replace(
        _COMMENTED,
        sentence="Officials acted after the head of the Harbour Office, Lena Mora, commented "
        "on Tuesday.",
        **actor_fields(
            [
                ("Lena Mora", "initiator", "head of the Harbour Office of Portugal", "PT", _PERSON),
                ("Harbour Office of Portugal", "participant", "", "PT", "government"),
            ]
        ),
    )
    assert compatible(_CRITICIZED, head)
    found = link(_CRITICIZED, head)
    assert found is not None
    assert "one person's step of one type that day, nothing telling them apart" in found.reasons
