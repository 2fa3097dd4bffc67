"""Bar charts drawn on the server as inline SVG: readable on a phone, no script to download."""

from dataclasses import dataclass

from django.utils.formats import number_format


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    value_text: str
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one row each; the template draws them (coops/_bar_chart.html)."""

    title: str
    bars: list[Bar]
    width: int
    height: int
    bar_height: int
    label_width: int

    @property
    def plot_width(self) -> int:
        return self.width - self.label_width


def bar_chart(
    *, title: str, rows: list[tuple[str, int]], width: int = 480, bar_height: int = 26, label_width: int = 170
) -> BarChart:
    """Scale ``rows`` of (label, value in đồng) to bars; the longest bar fills 60% of the plot,
    leaving room for its value written after it."""
    largest = max((value for _, value in rows), default=0) or 1
    plot = width - label_width
    bars = [
        Bar(
            label=label,
            value=value,
            value_text=number_format(value, force_grouping=True) + " ₫",
            y=index * (bar_height + 8),
            width=round(plot * 0.6 * value / largest, 1),
        )
        for index, (label, value) in enumerate(rows)
    ]
    height = max(len(bars), 1) * (bar_height + 8)
    return BarChart(
        title=title, bars=bars, width=width, height=height, bar_height=bar_height, label_width=label_width
    )
