"""Accessible bar charts as server-side SVG (no JavaScript, no inline CSS).

Each chart has role="img", a <title> and a <desc> that says what it shows in words;
the page also shows the same numbers as a table. Bars carry their value as text,
so nothing is told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from krampe.plural import count

# Sized for a phone: the SVG scales to the column width (about 360 px on a phone), so a
# viewBox unit is about a CSS pixel there and the labels stay at 15-16 px.
WIDTH, HEIGHT = 360, 230
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 30, 22, 26, 36
LABEL_SIZE, VALUE_SIZE = 15, 16
BAR_FILL = "#1d5f8a"  # 7.0:1 against white
AXIS = "#444444"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    # A shorter label under the bar when `label` is too wide for a phone ("21" for "21-24").
    tick: str | None = None


def bar_chart(chart_id: str, title: str, desc: str, bars: list[Bar],
              every_nth_label: int = 1) -> Markup:
    n = max(len(bars), 1)
    top = max([b.value for b in bars] + [1])
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = plot_w / n
    bar_w = max(slot * 0.7, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'class="chart" id="{chart_id}">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<line x1="{PAD_LEFT}" y1="{PAD_TOP + plot_h}" x2="{WIDTH - PAD_RIGHT}" '
        f'y2="{PAD_TOP + plot_h}" stroke="{AXIS}" stroke-width="1"/>',
        f'<text x="{PAD_LEFT - 6}" y="{PAD_TOP + 5}" text-anchor="end" '
        f'font-size="{LABEL_SIZE}" fill="{AXIS}">{top}</text>',
        f'<text x="{PAD_LEFT - 6}" y="{PAD_TOP + plot_h}" text-anchor="end" '
        f'font-size="{LABEL_SIZE}" fill="{AXIS}">0</text>',
    ]
    for i, bar in enumerate(bars):
        h = plot_h * bar.value / top
        x = PAD_LEFT + i * slot + (slot - bar_w) / 2
        y = PAD_TOP + plot_h - h
        cx = x + bar_w / 2
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                     f'fill="{BAR_FILL}"/>')
        if bar.value:
            parts.append(f'<text x="{cx:.1f}" y="{y - 5:.1f}" text-anchor="middle" '
                         f'font-size="{VALUE_SIZE}" fill="{AXIS}">{bar.value}</text>')
        if (len(bars) - 1 - i) % every_nth_label == 0:  # always label the latest bar
            parts.append(f'<text x="{cx:.1f}" y="{HEIGHT - PAD_BOTTOM + 20}" '
                         f'text-anchor="middle" font-size="{LABEL_SIZE}" fill="{AXIS}">'
                         f'{escape(bar.tick or bar.label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def describe_counts(bars: list[Bar], unit: str) -> str:
    """A plain Danish sentence for <desc>: total, highest and lowest."""
    if not bars or not any(b.value for b in bars):
        return f"Ingen kramper registreret i perioden ({len(bars)} {unit})."
    total = sum(b.value for b in bars)
    peak = max(bars, key=lambda b: b.value)
    return (f"I alt {count(total, 'krampe', 'kramper')} over {len(bars)} {unit}. "
            f"Flest i {peak.label} med {peak.value}. "
            "Tallene står også i tabellen under grafen.")
