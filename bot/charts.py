"""Tallies people can read: text bars for chat, PNG charts for sharing.

matplotlib runs with the non-interactive Agg backend: no display needed on a server.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.ticker import MaxNLocator

from bot.i18n import format_number, share_of

BAR_WIDTH = 10
UNION_COLOR = "#c8102e"
WIDTH, DPI = 7.0, 120  # inches, dots per inch: 840 pixels wide, readable on a phone
TITLE_SIZE, TITLE_X, TITLE_LINE = 12, 0.02, 0.25  # bold 12 pt, 2% margins, inches a line
_MEASURE = TextToPath()  # text widths in points, without drawing
LINE_WIDTH = WIDTH * 72 * (1 - 2 * TITLE_X)  # points a title or footnote line may take
NOTE_SIZE, NOTE_GAP = 8, 6  # the footnote, 6 points under the x axis's labels


def text_bar(count: int, total: int, width: int = BAR_WIDTH) -> str:
    """'▓▓▓▓▓▓░░░░' for 60%."""
    filled = 0 if total <= 0 else min(width, round(width * count / total))
    return "▓" * filled + "░" * (width - filled)


def percent(count: int, total: int) -> str:
    """For the PNG charts (whose digits read the same in en and es_US); chat text uses
    bot.i18n.share_of."""
    return "0%" if total <= 0 else f"{100 * count / total:.0f}%"


def text_bars(rows: Sequence[tuple[str, int]], total: int, *, language: str = "en") -> list[str]:
    """One line per option: label, bar, percentage and count (labels are not escaped)."""
    lines = []
    for label, n in rows:
        share, count = share_of(language, n, total), format_number(language, n)
        lines.append(f"{label}\n{text_bar(n, total)} {share} ({count})")
    return lines


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.15)
    plt.close(figure)
    return buffer.getvalue()


def _figure(title: str, height: float) -> tuple[Figure, Axes]:
    """A figure `height` inches tall plus room for its whole title, which is wrapped to
    the figure's width above the chart (never cut)."""
    font = FontProperties(size=TITLE_SIZE, weight="bold")
    lines = wrap(title, font, LINE_WIDTH)
    extra = TITLE_LINE * lines.count("\n")
    figure, axes = plt.subplots(figsize=(WIDTH, height + extra), layout="constrained")
    figure.suptitle(lines, x=TITLE_X, ha="left", fontproperties=font, linespacing=1.3)
    return figure, axes


def wrap(text: str, font: FontProperties, width: float) -> str:
    """`text` in lines no wider than `width` points in `font`, broken between words (a
    word longer than a line is broken inside)."""

    def fits(line: str) -> bool:
        return _MEASURE.get_text_width_height_descent(line, font, ismath=False)[0] <= width

    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] += f" {word}"
            continue
        while len(word) > 1 and not fits(word):
            cut = next((n for n in range(len(word) - 1, 1, -1) if fits(word[:n])), 1)
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return "\n".join(lines)


def _note(axes: Axes, note: str | None) -> None:
    """A footnote under everything the axes draw (tick labels, axis label), never over it."""
    if not note:
        return
    axes.annotate(
        wrap(note, FontProperties(size=NOTE_SIZE), LINE_WIDTH),
        xy=(0, 0),  # the left of the y tick labels, the bottom of the x axis's labels
        xycoords=(axes.yaxis.get_tightbbox, axes.xaxis.get_tightbbox),
        xytext=(0, -NOTE_GAP),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=NOTE_SIZE,
        color="#555555",
    )


def bar_figure(
    title: str, labels: Sequence[str], values: Sequence[float], *, note: str | None = None
) -> Figure:
    """A horizontal bar chart, largest first as given (see `bar_chart`)."""
    figure, axes = _figure(title, 1.2 + 0.45 * max(1, len(labels)))
    positions = range(len(labels))
    axes.barh(list(positions), list(values), color=UNION_COLOR)
    axes.set_yticks(list(positions), labels=list(labels))
    axes.invert_yaxis()
    total = sum(values)
    for position, value in zip(positions, values, strict=True):
        share = f" {value:,.0f} ({percent(int(value), int(total))})" if total else ""
        axes.text(value, position, share, va="center", fontsize=9)
    axes.margins(x=0.15)  # room for the count after the longest bar
    axes.spines[["top", "right"]].set_visible(False)
    _note(axes, note)
    return figure


def bar_chart(
    title: str, labels: Sequence[str], values: Sequence[float], *, note: str | None = None
) -> bytes:
    """A horizontal bar chart as PNG bytes, largest first as given."""
    return _png(bar_figure(title, labels, values, note=note))


def histogram(
    title: str, values: Sequence[float], *, counted: str, bins: int = 10, unit: str = ""
) -> bytes:
    """A histogram of numeric answers as PNG bytes; `counted` names the y axis (\"answers\")."""
    figure, axes = _figure(title, 3.5)
    axes.hist(list(values), bins=bins, color=UNION_COLOR, edgecolor="white")
    if unit:
        axes.set_xlabel(unit)
    axes.set_ylabel(counted)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of people: whole
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)
