"""Grouping candidates of different articles that report one real-world event."""

from datetime import date

import pytest

from timeline.extraction.grouping import GroupItem, group_items, link, types_compatible


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
                date(2025, 3, 10),
                end=date(2025, 3, 16),
                precision="week",
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


def test_loose_chains_do_not_merge_two_events():
    """A links to B and B to C, but A and C are not one event: C stays out (complete linkage)."""
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
