"""The count: quorum and threshold in exact fractions, receipts, and the exports."""

from __future__ import annotations

import secrets
from fractions import Fraction

import pytest

from bot.votes.definition import MAJORITY, TWO_THIRDS, Threshold
from bot.votes.receipts import canonical, display, tracker
from bot.votes.tally import Tally, receipts_csv, result_csv


def tally(
    counts: tuple[int, ...],
    roll: int,
    threshold: Threshold = TWO_THIRDS,
    quorum: Fraction | None = None,
) -> Tally:
    options = ("Yes", "No", "Abstain")[: len(counts)]
    return Tally(1, "Strike?", options, counts, roll, threshold, quorum)


@pytest.mark.parametrize(
    ("counts", "roll", "threshold", "quorum", "passed"),
    [
        ((1600, 800), 2400, TWO_THIRDS, None, True),  # exactly two-thirds
        ((1599, 801), 2400, TWO_THIRDS, None, False),  # one short
        ((1200, 1200), 2400, MAJORITY, None, False),  # a tie is not a majority
        ((1201, 1199), 2400, MAJORITY, None, True),
        ((800, 400), 2400, TWO_THIRDS, Fraction(1, 2), True),  # quorum exactly met
        ((800, 399), 2400, TWO_THIRDS, Fraction(1, 2), False),  # one short of quorum
        ((0, 0), 2400, MAJORITY, None, False),  # nobody voted
        ((0, 0), 0, MAJORITY, Fraction(1, 2), False),  # an empty roll never meets a quorum
        ((6, 2, 2), 10, Threshold(Fraction(3, 5)), None, True),  # abstentions count as cast
    ],
)
def test_decision(
    counts: tuple[int, ...], roll: int, threshold: Threshold, quorum: Fraction | None, passed: bool
) -> None:
    assert tally(counts, roll, threshold, quorum).passed is passed


def test_exports_carry_counts_only() -> None:
    result = tally((4, 2), 6, quorum=Fraction(1, 2))
    text = result_csv(result)
    assert text.splitlines() == [
        "vote,option,ballots,share_of_ballots,ballots_cast,roll_size,turnout,threshold,"
        "threshold_met,quorum,quorum_met,passed",
        "1,Yes,4,66.7%,6,6,100%,two-thirds,yes,50%,yes,yes",
        "1,No,2,33.3%,6,6,100%,two-thirds,yes,50%,yes,yes",
    ]
    assert "True" not in text and "None" not in text
    no_quorum = result_csv(tally((1, 3), 10))
    assert no_quorum.splitlines()[1] == "1,Yes,1,25%,4,10,40%,two-thirds,no,,yes,no"
    assert result.to_json()["turnout"] == "100%"
    formula = Tally(1, "q", ("=HYPERLINK(1)", "No"), (1, 1), 2, MAJORITY, None)
    assert "'=HYPERLINK(1)" in result_csv(formula)  # no spreadsheet formula injection
    receipts = receipts_csv(1, ["ZZZZ-2222-AAAA-BBBB", "AAAA-2222-AAAA-BBBB"])
    assert receipts.splitlines() == [
        "vote,receipt",
        "1,AAAA-2222-AAAA-BBBB",
        "1,ZZZZ-2222-AAAA-BBBB",
    ]


def test_exports_and_the_chart_in_the_reader_s_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.votes import messages

    result = Tally(
        7,
        {"en": "Strike?", "es": "¿Huelga?"},
        ({"en": "Yes", "es": "Sí"}, {"en": "No", "es": "No"}),
        (3, 1),
        4,
        MAJORITY,
        None,
    )
    assert result_csv(result, "es").splitlines()[1].startswith("7,Sí,3,75%,")
    assert result_csv(result).splitlines()[1].startswith("7,Yes,3,75%,")
    spanish = result.to_json("es")
    assert (spanish["language"], spanish["question"], spanish["options"][0]["option"]) == (
        "es",
        "¿Huelga?",
        "Sí",
    )
    drawn: list[tuple[object, ...]] = []
    monkeypatch.setattr(messages, "bar_chart", lambda *args, **kw: drawn.append(args) or b"")
    messages.chart("es", result)
    assert drawn == [("#7 ¿Huelga?", ["Sí", "No"], [3, 1])]


def test_receipts_are_the_sealed_ballots_trackers_and_forgiving_to_type() -> None:
    boxes = [secrets.token_bytes(113) for _ in range(1000)]
    receipts = {tracker(box) for box in boxes}
    assert tracker(boxes[0]) == tracker(bytes(boxes[0]))  # derived, not drawn: anyone can check
    assert len(receipts) == 1000 and all(len(r) == 16 for r in receipts)
    code = next(iter(receipts))
    assert canonical(display(code).lower()) == code
    assert canonical(" " + display(code).replace("-", " ") + " ") == code
    assert canonical("ABCD-EFGH-IJKL-MN0P") == "ABCDEFGHIJKLMNOP"  # a zero read as O
    assert canonical("not a receipt") is None and canonical("ABCD") is None
