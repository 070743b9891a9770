"""Bar charts drawn on the server as SVG: no script, no CDN, readable by a screen reader
(title and description) and printable."""

import math
from dataclasses import dataclass

from django.template.loader import render_to_string

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 16, 40


@dataclass
class Bar:
    label: str
    value: float | None
    x: float
    y: float
    width: float
    height: float
    text_x: float


@dataclass
class Chart:
    title: str  # also shown above the chart (figcaption)
    svg: str


def count_scale(counts):
    """A scale for counts whose four steps are whole numbers."""
    return max(4, math.ceil(max(counts, default=0) / 4) * 4)


def bar_chart(title, description, values, maximum, ident):
    """An SVG of one bar per (label, value); a missing value (None) leaves its slot empty.

    ``ident`` makes the title's and description's ids unique on the page."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(values), 1)
    bars = []
    for index, (label, value) in enumerate(values):
        share = min(max((value or 0) / maximum, 0), 1) if maximum else 0
        height = round(plot_height * share, 1)
        x = LEFT + index * slot
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(x + slot * 0.15, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
                text_x=round(x + slot / 2, 1),
            )
        )
    ticks = [
        (round(TOP + plot_height - plot_height * step / 4, 1), _tick(maximum * step / 4))
        for step in range(5)
    ]
    svg = render_to_string(
        "feedback/bar_chart.svg",
        {
            "title": title,
            "description": description,
            "bars": bars,
            "ticks": ticks,
            "ident": ident,
            "width": WIDTH,
            "height": HEIGHT,
            "left": LEFT,
            "right": WIDTH - RIGHT,
            "baseline": TOP + plot_height,
            "label_y": HEIGHT - BOTTOM + 16,
        },
    )
    return Chart(title, svg)


def _tick(value):
    return f"{value:g}"
