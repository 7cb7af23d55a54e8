"""Printable picket-line posters: a QR code that opens the bot, in English and Spanish.

A poster is public — anyone, the employer included, can photograph it — so its code is
the bot's plain link, never an invite: scanning it only opens the bot, and people still
verify as members (their own phone number, or a steward vouching for them).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import segno
from matplotlib import pyplot as plt

from bot.charts import UNION_COLOR
from bot.i18n import catalog

LETTER = (8.5, 11.0)  # inches, portrait
PNG_DPI = 150


def slug(text: str) -> str:
    """'Downey Medical Center' -> 'downey-medical-center' (accents folded) for file names."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "poster"


def _text(language: str, key: str, **values: str) -> str:
    return catalog(language)[key].format(**values)


def poster(link: str, union: str, worksite: str | None, base: Path) -> list[Path]:
    """Write `<base>.pdf` (to print) and `<base>.png`; return both paths."""
    qr = segno.make(link, error="m")  # medium error correction: survives rain and tape
    matrix = [list(row) for row in qr.matrix_iter(scale=1, border=4)]
    figure = plt.figure(figsize=LETTER)
    figure.patch.set_facecolor("white")
    figure.add_artist(
        plt.Rectangle((0, 0.955), 1, 0.045, color=UNION_COLOR, transform=figure.transFigure)
    )
    figure.text(0.5, 0.915, union, ha="center", va="center", fontsize=28, weight="bold")
    figure.text(
        0.5,
        0.865,
        _text("en", "poster.headline"),
        ha="center",
        va="center",
        fontsize=24,
        weight="bold",
        color=UNION_COLOR,
    )
    figure.text(
        0.5,
        0.825,
        _text("es", "poster.headline"),
        ha="center",
        va="center",
        fontsize=22,
        weight="bold",
        color=UNION_COLOR,
        style="italic",
    )
    if worksite:
        figure.text(0.5, 0.785, worksite, ha="center", va="center", fontsize=16)
    side = 0.5 * LETTER[0]  # the code's side in inches, kept square
    axes = figure.add_axes((0.25, 0.755 - side / LETTER[1], 0.5, side / LETTER[1]))
    axes.imshow(matrix, cmap="binary", interpolation="nearest", vmin=0, vmax=1)
    axes.set_axis_off()
    below = 0.755 - side / LETTER[1] - 0.02
    figure.text(0.5, below, link, ha="center", va="center", fontsize=14, family="monospace")
    for column, language in ((0.07, "en"), (0.53, "es")):
        figure.text(
            column,
            below - 0.04,
            _text(language, "poster.title"),
            ha="left",
            va="top",
            fontsize=13,
            weight="bold",
        )
        lines = []
        for step in _text(language, "poster.steps").splitlines():
            lines += textwrap.wrap(step, 46, subsequent_indent="   ")
        lines += ["", *textwrap.wrap(_text(language, "poster.note"), 48)]
        figure.text(
            column,
            below - 0.07,
            "\n".join(lines),
            ha="left",
            va="top",
            fontsize=10.5,
            linespacing=1.4,
        )
    written = []
    for suffix, options in ((".pdf", {}), (".png", {"dpi": PNG_DPI})):
        path = base.with_suffix(suffix)
        figure.savefig(path, format=suffix[1:], facecolor="white", **options)
        written.append(path)
    plt.close(figure)
    return written
