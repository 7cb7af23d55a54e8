"""Tallies people can read: text bars for chat, PNG charts for sharing.

matplotlib runs with the non-interactive Agg backend: no display needed on a server.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from bot.i18n import format_number, share_of

BAR_WIDTH = 10
UNION_COLOR = "#c8102e"


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
    figure.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def bar_chart(
    title: str, labels: Sequence[str], values: Sequence[float], *, note: str | None = None
) -> bytes:
    """A horizontal bar chart as PNG bytes, largest first as given."""
    height = 1.2 + 0.45 * max(1, len(labels))
    figure, axes = plt.subplots(figsize=(7, height))
    positions = range(len(labels))
    axes.barh(list(positions), list(values), color=UNION_COLOR)
    axes.set_yticks(list(positions), labels=list(labels))
    axes.invert_yaxis()
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
    total = sum(values)
    for position, value in zip(positions, values, strict=True):
        share = f" {value:,.0f} ({percent(int(value), int(total))})" if total else ""
        axes.text(value, position, share, va="center", fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    if note:
        figure.text(0.01, 0.01, note, fontsize=8, color="#555555")
    return _png(figure)


def histogram(title: str, values: Sequence[float], bins: int = 10, unit: str = "") -> bytes:
    """A histogram of numeric answers as PNG bytes."""
    figure, axes = plt.subplots(figsize=(7, 3.5))
    axes.hist(list(values), bins=bins, color=UNION_COLOR, edgecolor="white")
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
    if unit:
        axes.set_xlabel(unit)
    axes.set_ylabel("responses")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)
