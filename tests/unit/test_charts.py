"""Chart layout: the whole title wraps inside the picture and the footnote sits under the
axis, whatever the length of the question or the language."""

from __future__ import annotations

import struct

import pytest
from matplotlib import pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg

from bot import charts
from bot.votes import messages
from bot.votes.definition import MAJORITY
from bot.votes.tally import Tally

QUESTION = (
    "Do you authorize the bargaining team to call a strike if management won't cap "
    "caseloads and restore protected hours for clinical documentation?"
)
NOTE = "500 ballots of 612 eligible (82% turnout)"


def png_width(png: bytes) -> int:
    return struct.unpack(">II", png[16:24])[0]


def test_a_long_title_is_whole_and_wraps_within_the_figure() -> None:
    figure = charts.bar_figure(f"#1 {QUESTION}", ["Yes", "No"], [412, 88], note=NOTE)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    title = figure.get_suptitle()
    assert title.replace("\n", " ") == f"#1 {QUESTION}"  # nothing cut
    assert title.count("\n") >= 1  # wrapped
    box = figure._suptitle.get_window_extent(renderer)  # type: ignore[union-attr]
    assert box.x0 >= 0 and box.x1 <= figure.bbox.width
    plt.close(figure)
    # Nor does the picture grow sideways to hold it.
    png = charts.bar_chart(f"#1 {QUESTION}", ["Yes", "No"], [412, 88], note=NOTE)
    assert png_width(png) <= (charts.WIDTH + 0.3) * charts.DPI


def test_the_footnote_is_under_the_axis_labels() -> None:
    labels = ["Downey Medical Center: Under 2 weeks", "Irvine: Over 4 weeks"]
    figure = charts.bar_figure("3. Wait for a return visit?", labels, [5, 6], note=NOTE * 3)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    [axes] = figure.axes
    [note] = [t for t in axes.texts if t.get_text().replace("\n", " ").startswith(NOTE)]
    below = note.get_window_extent(renderer)
    axis = axes.xaxis.get_tightbbox(renderer)
    assert axis is not None and below.y1 <= axis.y0  # no overlap with the tick labels
    assert below.x1 <= figure.bbox.width  # wrapped to the width too
    plt.close(figure)


def test_a_word_longer_than_a_line_is_broken_not_lost() -> None:
    font = charts.FontProperties(size=12, weight="bold")
    word = "x" * 80
    lines = charts.wrap(f"a {word} b", font, 200).split("\n")
    assert "".join(lines).replace(" ", "") == f"a{word}b"
    assert len(lines) > 3


def test_the_vote_chart_gets_the_whole_question(monkeypatch: pytest.MonkeyPatch) -> None:
    tally = Tally(
        1,
        {"en": QUESTION, "es": "¿Huelga?"},
        ({"en": "Yes", "es": "Sí"}, {"en": "No", "es": "No"}),
        (412, 88),
        612,
        MAJORITY,
        None,
    )
    drawn: list[str] = []
    real = charts.bar_chart

    def recording(title: str, *args: object, **kwargs: object) -> bytes:
        drawn.append(title)
        return real(title, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(messages, "bar_chart", recording)
    png = messages.chart("en", tally)
    assert drawn == [f"#1 {QUESTION}"]
    assert png_width(png) <= (charts.WIDTH + 0.3) * charts.DPI
