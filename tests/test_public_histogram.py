"""The histogram's bars: periods, clipping to the requested dates, geometry. No database."""

from datetime import date

from timeline.public.histogram import HEIGHT, PLOT_HEIGHT, TALLEST_BAR, WIDTH, build_histogram


def test_months_between_the_first_and_last_event_all_get_a_bar():
    histogram = build_histogram({"2024-11": 4, "2025-02": 2})

    assert histogram.unit == "month"
    assert [(bar.label, bar.period, bar.count) for bar in histogram.bars] == [
        ("Nov 2024", "2024-11", 4),
        ("Dec 2024", "2024-12", 0),
        ("Jan 2025", "2025-01", 0),
        ("Feb 2025", "2025-02", 2),
    ]
    assert histogram.total == 6


def test_bar_heights_are_proportional_and_fit_the_drawing():
    histogram = build_histogram({"2025-01": 100, "2025-02": 50, "2025-03": 1, "2025-05": 1})

    tallest, half, tiny, empty, _ = histogram.bars
    assert tallest.height == TALLEST_BAR
    assert half.height == TALLEST_BAR / 2
    assert tiny.height == 2.0  # still visible next to the busiest month
    assert empty.height == 0.0
    for bar in histogram.bars:
        assert bar.y + bar.height == PLOT_HEIGHT
        assert bar.x >= 0 and bar.x + bar.width <= WIDTH
    assert histogram.height == HEIGHT


def test_events_starting_before_the_requested_period_count_in_its_first_month():
    histogram = build_histogram(
        {"2024-01": 3, "2025-02": 1, "2025-04": 9},
        clip_start=date(2025, 2, 1),
        clip_end=date(2025, 3, 31),
    )

    assert [(bar.period, bar.count) for bar in histogram.bars] == [("2025-02", 4), ("2025-03", 9)]


def test_spans_longer_than_four_years_are_shown_per_year():
    histogram = build_histogram({"2015-03": 2, "2015-09": 1, "2024-01": 5})

    assert histogram.unit == "year"
    assert [bar.period for bar in histogram.bars] == [str(year) for year in range(2015, 2025)]
    assert histogram.bars[0].count == 3
    assert all(bar.tick for bar in histogram.bars)


def test_month_ticks_name_each_year_once_or_each_month_within_a_year():
    long = build_histogram({"2024-11": 1, "2026-01": 1})
    short = build_histogram({"2024-11": 1, "2025-02": 1})

    assert [bar.tick for bar in long.bars if bar.tick] == ["2024", "2025", "2026"]
    assert [bar.tick for bar in long.bars].index("2025") == 2
    assert [bar.tick for bar in short.bars] == ["Nov 2024", "Dec", "Jan 2025", "Feb"]


def test_description_summarises_the_chart_for_screen_readers():
    histogram = build_histogram({"2025-01": 3, "2025-02": 7})

    assert histogram.description == (
        "10 events per month, Jan 2025 to Feb 2025; the busiest month is Feb 2025 with 7."
    )
    assert build_histogram({}).bars == ()


def test_ticks_a_phone_leaves_out_are_months_without_their_year_and_most_years():
    months = build_histogram({"2024-11": 1, "2025-02": 1})
    years = build_histogram({"2010-01": 1, "2024-06": 1})

    assert [(bar.tick, bar.minor) for bar in months.bars] == [
        ("Nov 2024", False), ("Dec", True), ("Jan 2025", False), ("Feb", True),
    ]  # fmt: skip
    assert [bar.tick for bar in years.bars if bar.tick and not bar.minor] == [
        "2010", "2015", "2020",
    ]  # fmt: skip
