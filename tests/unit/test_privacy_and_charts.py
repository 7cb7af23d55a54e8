"""Small-group merging and chart output."""

from __future__ import annotations

from bot.charts import bar_chart, histogram, percent, text_bar, text_bars
from bot.privacy import OTHER, merge_counts


def test_small_groups_merge_into_other() -> None:
    merged = merge_counts({"Downey": 40, "Irvine": 3, "Bellflower": 2, None: 1})
    assert merged == {"Downey": 40, OTHER: 6}


def test_other_below_threshold_folds_into_the_smallest_group() -> None:
    merged = merge_counts({"Downey": 40, "Irvine": 7, "Bellflower": 2})
    assert merged == {"Downey": 40, OTHER: 9}
    assert all(n >= 5 for n in merged.values())


def test_everything_small_shows_nothing() -> None:
    assert merge_counts({"Downey": 2, "Irvine": 1}) == {}


def test_text_bars() -> None:
    assert text_bar(6, 10) == "▓▓▓▓▓▓░░░░"
    assert text_bar(0, 0) == "░" * 10 and percent(1, 3) == "33%"
    assert text_bars([("Yes", 1234), ("No", 766)], 2000) == [
        "Yes\n▓▓▓▓▓▓░░░░ 62% (1,234)",
        "No\n▓▓▓▓░░░░░░ 38% (766)",
    ]


def test_charts_are_png() -> None:
    png = bar_chart("Strike authorization", ["Yes", "No"], [1234, 766], note="turnout 83%")
    assert png.startswith(b"\x89PNG") and len(png) > 1000
    assert (
        histogram("Caseload", [80, 95, 120, 140, 150], counted="answers", bins=5, unit="patients")[
            :4
        ]
        == b"\x89PNG"
    )
