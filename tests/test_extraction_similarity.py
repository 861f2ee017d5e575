"""Whether a candidate and a published event are one real-world event."""

from datetime import date

import pytest

from timeline.extraction.similarity import EventSketch, likeness, measure_kinds, word_similarity

MAR = 3


def sketch(title, day, *, end=None, actors=(), event_type="ban", summary=""):
    return EventSketch(
        title=title,
        summary=summary,
        date_start=date(2025, MAR, day),
        date_end=date(2025, MAR, end or day),
        event_type=event_type,
        actors=actors,
    )


PUBLISHED = sketch(
    "Commerce Department bars DeepSeek from government devices",
    7,
    actors=("U.S. Department of Commerce", "DeepSeek"),
)


@pytest.mark.parametrize(
    ("candidate", "reasons"),
    [
        (
            sketch("Commerce bureaus ban DeepSeek on staff devices", 7, actors=("DeepSeek",)),
            ("overlapping dates", "shared actors: DeepSeek", "same type", "similar wording"),
        ),
        (
            sketch(
                "DeepSeek banned on devices",
                5,
                actors=("U.S. Department of Commerce",),
                event_type="other",
            ),
            (
                "dates within 3 days",
                "shared actors: U.S. Department of Commerce",
                "similar wording",
            ),
        ),
        (  # a month-long range that contains the day
            sketch("Government devices: DeepSeek barred", 1, end=31, actors=("Deepseek",)),
            ("overlapping dates", "shared actors: Deepseek", "same type", "similar wording"),
        ),
        (  # no shared actor, but the same words
            sketch("Commerce Department bars DeepSeek from government devices", 8),
            ("dates within 3 days", "same type", "similar wording"),
        ),
    ],
)
def test_events_alike_are_recognised_with_their_reasons(candidate, reasons):
    found = likeness(candidate, PUBLISHED)

    assert found is not None
    assert found.reasons == reasons
    assert 0 < found.score <= 1


@pytest.mark.parametrize(
    "candidate",
    [
        # the same actors and words, but two weeks apart: another event
        sketch(
            "Commerce Department bars DeepSeek from government devices", 21, actors=("DeepSeek",)
        ),
        # the same day and an actor in common, but nothing else
        sketch("DeepSeek releases a new model", 7, actors=("DeepSeek",), event_type="other"),
        # the same day, nothing in common
        sketch("Senate confirms a nominee", 7, actors=("U.S. Senate",), event_type="hearing"),
    ],
)
def test_events_that_only_share_a_date_or_an_actor_are_not_alike(candidate):
    assert likeness(candidate, PUBLISHED) is None


def test_more_in_common_scores_higher():
    close = sketch(
        "Commerce Department bars DeepSeek from devices",
        7,
        actors=("U.S. Department of Commerce", "DeepSeek"),
    )
    looser = sketch("DeepSeek ban", 5, actors=("DeepSeek",))

    assert likeness(close, PUBLISHED).score > likeness(looser, PUBLISHED).score


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Agency bans the app", "agency banned apps", 1.0),
        ("barred", "bars", 1.0),
        ("the and of", "the and of", 0.0),
        ("", "anything", 0.0),
        ("export controls on chips", "chips export rules", 0.5),
    ],
)
def test_word_similarity_compares_content_words_with_a_light_stem(first, second, expected):
    assert word_similarity(first, second) == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("launched a crackdown on chip exports", {"control"}),
        ("announced rules aimed at curbing chip sales", {"law", "control"}),
        ("raised duties and levies on steel", {"tariff"}),
        ("held talks on the measures", set()),
    ],
)
def test_measure_kinds_name_one_kind_in_many_words(text, kinds):
    assert measure_kinds(text) == kinds
