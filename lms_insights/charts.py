"""Chart geometry: series of counts turned into the shapes an SVG template draws.

Coordinates are in the units of a fixed viewBox about a phone's width: the SVG is
100 % wide, so on a phone its text stays close to the size it is written in.
"""

import math
from dataclasses import dataclass

WIDTH = 320
HEIGHT = 200
# Room for the tick labels on the left, the axis title above, category labels and
# the axis title below.
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 24, 40
# The share of a category's band that its bar fills, up to a widest bar.
BAR_SHARE = 0.7
WIDEST_BAR = 40
# Half the width of a short category label ("22 Feb"), to keep it inside the chart.
LABEL_ROOM = 20


@dataclass(frozen=True)
class Series:
    """One run of counts, one per category, drawn in one colour (a CSS class)."""

    name: str
    values: list[int]
    css_class: str = "first"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    category: str
    series: str
    css_class: str


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class CategoryLabel:
    text: str
    x: float
    anchor: str = "middle"  # SVG text-anchor


@dataclass(frozen=True)
class Row:
    """One category as the data table shows it: its label and a count per series."""

    category: str
    values: list[int]
    total: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    ticks: list[Tick]
    labels: list[CategoryLabel]
    series: list[Series]
    rows: list[Row]
    axis_max: int
    width: int = WIDTH
    height: int = HEIGHT
    left: float = LEFT
    right: float = WIDTH - RIGHT
    top: float = TOP
    bottom: float = HEIGHT - BOTTOM
    stacked: bool = False

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def middle(self) -> float:
        """The horizontal middle of the plot, where the category axis title goes."""
        return round((self.left + self.right) / 2, 2)

    @property
    def tick_x(self) -> float:
        """Where the value labels end, just left of the plot."""
        return self.left - 4

    @property
    def label_y(self) -> float:
        return self.bottom + 14

    @property
    def axis_title_y(self) -> float:
        return self.height - 6


def bar_chart(
    categories: list[str],
    values: list[int],
    *,
    name: str = "",
    axis_labels: list[str] | None = None,
    most_labels: int = 10,
) -> BarChart:
    """One bar per category, scaled so the tallest reaches the top of the axis."""
    return stacked_bar_chart(
        categories,
        [Series(name, values)],
        axis_labels=axis_labels,
        most_labels=most_labels,
    )


def stacked_bar_chart(
    categories: list[str],
    series: list[Series],
    *,
    axis_labels: list[str] | None = None,
    most_labels: int = 10,
) -> BarChart:
    """One column per category with a segment per series, the first at the bottom.

    ``axis_labels`` are the short texts under the columns (the categories otherwise);
    only every n-th is shown when there are more than ``most_labels``.
    """
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    top = axis_max(max(totals, default=0))
    plot_height = HEIGHT - BOTTOM - TOP
    band = (WIDTH - RIGHT - LEFT) / max(len(categories), 1)
    bar_width = min(band * BAR_SHARE, WIDEST_BAR)
    bars = []
    for index, category in enumerate(categories):
        x = LEFT + index * band + (band - bar_width) / 2
        base = HEIGHT - BOTTOM
        for one in series:
            value = one.values[index]
            height = scale(value, top, plot_height)
            base -= height
            bars.append(
                Bar(
                    x=round(x, 2),
                    y=round(base, 2),
                    width=round(bar_width, 2),
                    height=round(height, 2),
                    value=value,
                    category=category,
                    series=one.name,
                    css_class=one.css_class,
                )
            )
    shown = axis_labels if axis_labels is not None else categories
    return BarChart(
        bars=bars,
        ticks=value_ticks(top, plot_height),
        labels=category_labels(shown, band, most_labels),
        series=series,
        rows=[
            Row(category=category, values=[s.values[i] for s in series], total=total)
            for i, (category, total) in enumerate(zip(categories, totals, strict=True))
        ],
        axis_max=top,
        stacked=len(series) > 1,
    )


def value_ticks(top: int, plot_height: float) -> list[Tick]:
    """The ticks of the value axis, placed from the baseline up."""
    return [
        Tick(value=value, y=round(HEIGHT - BOTTOM - scale(value, top, plot_height), 2))
        for value in axis_ticks(top)
    ]


def category_labels(texts: list[str], band: float, most: int) -> list[CategoryLabel]:
    """Labels centred under their columns; only every n-th when there are more than
    ``most`` of them, so they never overlap. One too close to the right edge to be
    centred ends at the edge instead."""
    every = math.ceil(len(texts) / most) if texts else 1
    labels = []
    for index, text in enumerate(texts):
        if index % every:
            continue
        centre = LEFT + (index + 0.5) * band
        if centre > WIDTH - LABEL_ROOM:
            labels.append(CategoryLabel(text=text, x=WIDTH - 1, anchor="end"))
        else:
            labels.append(CategoryLabel(text=text, x=round(centre, 2)))
    return labels


def tick_step(largest: int, most_steps: int = 4) -> int:
    """The step between ticks: a whole 1, 2 or 5 × 10ⁿ, at most ``most_steps`` of them
    to reach ``largest``."""
    needed = largest / most_steps
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            if multiple * magnitude >= needed:
                return multiple * magnitude
        magnitude *= 10


def axis_max(largest: int) -> int:
    """The top of the value axis: ``largest`` rounded up to a whole step, 1 at least
    (so an empty chart still has an axis and nothing is divided by zero)."""
    step = tick_step(largest)
    return max(step * math.ceil(largest / step), 1)


def axis_ticks(top: int) -> list[int]:
    """The values marked on an axis that ends at ``top`` (from ``axis_max``)."""
    step = tick_step(top)
    return list(range(0, top + 1, step))


def scale(value: int, top: int, length: float) -> float:
    """How long ``value`` is drawn on an axis of ``length`` units that ends at
    ``top``."""
    if top <= 0:
        return 0.0
    return length * min(value, top) / top
