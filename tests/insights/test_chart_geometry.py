"""Chart geometry: bars scale to the axis, empty series stay drawable, round ticks."""

import pytest

from lms_insights.charts import (
    BOTTOM,
    HEIGHT,
    TOP,
    Series,
    axis_max,
    axis_ticks,
    bar_chart,
    scale,
    stacked_bar_chart,
)

PLOT_HEIGHT = HEIGHT - BOTTOM - TOP
BASELINE = HEIGHT - BOTTOM


def test_the_tallest_bar_reaches_the_top_of_a_round_axis():
    chart = bar_chart(["a", "b", "c"], [2, 8, 4])

    tallest = max(chart.bars, key=lambda bar: bar.value)
    assert chart.axis_max == 8
    assert tallest.height == PLOT_HEIGHT
    assert tallest.y == TOP


def test_bars_are_proportional_to_their_values():
    chart = bar_chart(["a", "b"], [2, 8])

    short, tall = chart.bars
    assert short.height == pytest.approx(tall.height / 4, abs=0.01)


def test_bars_stand_on_the_baseline():
    chart = bar_chart(["a", "b"], [3, 5])

    assert all(bar.y + bar.height == pytest.approx(BASELINE) for bar in chart.bars)


def test_a_chart_of_zeros_has_an_axis_of_one_and_flat_bars():
    chart = bar_chart(["a", "b"], [0, 0])

    assert chart.axis_max == 1
    assert [tick.value for tick in chart.ticks] == [0, 1]
    assert all(bar.height == 0 for bar in chart.bars)


def test_a_chart_without_categories_is_still_drawable():
    chart = bar_chart([], [])

    assert chart.bars == []
    assert chart.axis_max == 1


def test_nothing_is_scaled_against_a_zero_axis():
    assert scale(5, 0, 100) == 0


@pytest.mark.parametrize(
    ("largest", "top"),
    [(0, 1), (1, 1), (3, 3), (7, 8), (9, 10), (27, 30), (200, 200), (201, 300)],
)
def test_the_axis_ends_at_the_largest_value_rounded_up_to_a_whole_step(largest, top):
    assert axis_max(largest) == top


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (8, [0, 2, 4, 6, 8]),
        (30, [0, 10, 20, 30]),
        (300, [0, 100, 200, 300]),
    ],
)
def test_ticks_are_whole_round_numbers_from_zero_to_the_top(top, ticks):
    assert axis_ticks(top) == ticks


def test_ticks_are_drawn_from_the_baseline_up_to_the_top():
    chart = bar_chart(["a"], [4])

    assert chart.ticks[0].y == BASELINE
    assert chart.ticks[-1].y == TOP


def test_stacked_segments_sit_on_each_other_and_the_column_total_sets_the_axis():
    chart = stacked_bar_chart(
        ["session"], [Series("In the room", [3], "first"), Series("Online", [1])]
    )

    room, online = chart.bars
    assert chart.axis_max == 4
    assert room.y + room.height == pytest.approx(BASELINE)
    assert online.y + online.height == pytest.approx(room.y)
    assert online.y == TOP
    assert chart.rows[0].values == [3, 1]
    assert chart.rows[0].total == 4


def test_only_every_nth_label_is_shown_when_there_are_many_categories():
    categories = [f"week {n}" for n in range(26)]

    chart = bar_chart(categories, [1] * 26, most_labels=7)

    assert [label.text for label in chart.labels] == [
        "week 0",
        "week 4",
        "week 8",
        "week 12",
        "week 16",
        "week 20",
        "week 24",
    ]


def test_short_axis_labels_replace_the_categories_under_the_bars_only():
    chart = bar_chart(["0–10 %", "10–20 %"], [1, 2], axis_labels=["0–10", "10–20"])

    assert [label.text for label in chart.labels] == ["0–10", "10–20"]
    assert [row.category for row in chart.rows] == ["0–10 %", "10–20 %"]


def test_bars_stay_inside_the_view_box():
    chart = bar_chart([str(n) for n in range(30)], list(range(30)))

    assert all(0 <= bar.x and bar.x + bar.width <= chart.width for bar in chart.bars)
    assert chart.viewbox == f"0 0 {chart.width} {chart.height}"


def test_a_label_at_the_right_edge_ends_inside_the_chart():
    chart = bar_chart([str(n) for n in range(30)], [1] * 30, most_labels=30)

    last = chart.labels[-1]
    assert last.anchor == "end"
    assert last.x < chart.width
    assert chart.labels[0].anchor == "middle"
