"""The count: turnout, quorum and threshold in exact fractions, and its exports."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bot.texts import Text, say
from bot.votes.definition import Threshold, every_language, format_share


@dataclass(frozen=True, slots=True)
class Tally:
    """A closed vote's result; `counts[i]` is the ballots for `options[i]`.

    The question and the options are texts in every language (a plain string is the same
    in each); `rows`, `to_json` and the CSV give them in the reader's language.
    """

    vote_id: int
    question: Text
    options: tuple[Text, ...]
    counts: tuple[int, ...]
    roll_size: int
    threshold: Threshold
    quorum: Fraction | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "question", every_language(self.question))
        object.__setattr__(self, "options", tuple(every_language(o) for o in self.options))

    @property
    def ballots(self) -> int:
        return sum(self.counts)

    @property
    def turnout(self) -> Fraction:
        """Ballots cast as a share of the eligible roll."""
        return Fraction(self.ballots, self.roll_size) if self.roll_size else Fraction(0)

    @property
    def quorum_met(self) -> bool:
        return self.quorum is None or (self.roll_size > 0 and self.turnout >= self.quorum)

    @property
    def threshold_met(self) -> bool:
        """The first option (the motion, e.g. Yes) reached the threshold of ballots cast."""
        return self.threshold.met(self.counts[0] if self.counts else 0, self.ballots)

    @property
    def passed(self) -> bool:
        return self.quorum_met and self.threshold_met

    def share(self, index: int) -> Fraction:
        return Fraction(self.counts[index], self.ballots) if self.ballots else Fraction(0)

    def rows(self, language: str = "en") -> list[tuple[str, int]]:
        """(label in `language`, ballots) per option, in ballot order."""
        labels = [say(option, language) for option in self.options]
        return list(zip(labels, self.counts, strict=True))

    def to_json(self, language: str = "en") -> dict[str, Any]:
        """The result as plain data (counts only: no receipts, nothing per member)."""
        return {
            "vote": self.vote_id,
            "language": language,
            "question": say(self.question, language),
            "options": [
                {"option": label, "ballots": count, "share": format_share(self.share(i))}
                for i, (label, count) in enumerate(self.rows(language))
            ],
            "ballots": self.ballots,
            "roll_size": self.roll_size,
            "turnout": format_share(self.turnout),
            "threshold": self.threshold.name,
            "threshold_met": self.threshold_met,
            "quorum": format_share(self.quorum) if self.quorum is not None else None,
            "quorum_met": self.quorum_met,
            "passed": self.passed,
        }


@dataclass(frozen=True, slots=True)
class Turnout:
    """How many have voted, never who: overall and by worksite (small groups merged)."""

    voted: int
    roll_size: int
    by_worksite: dict[str, tuple[int, int]]  # worksite -> (voted, on the roll)


RESULT_COLUMNS = (
    "vote",
    "option",
    "ballots",
    "share_of_ballots",
    "ballots_cast",
    "roll_size",
    "turnout",
    "threshold",
    "threshold_met",
    "quorum",
    "quorum_met",
    "passed",
)


def result_csv(tally: Tally, language: str = "en") -> str:
    """One row per option (labelled in `language`), each with the vote's totals and its
    decision: one kind of row, plain values (yes/no, percentages, blank for no quorum)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RESULT_COLUMNS)
    totals = [
        tally.ballots,
        tally.roll_size,
        format_share(tally.turnout),
        tally.threshold.name,
        _yes_no(tally.threshold_met),
        format_share(tally.quorum) if tally.quorum is not None else "",
        _yes_no(tally.quorum_met),
        _yes_no(tally.passed),
    ]
    for i, (label, count) in enumerate(tally.rows(language)):
        writer.writerow([tally.vote_id, _cell(label), count, format_share(tally.share(i)), *totals])
    return out.getvalue()


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def receipts_csv(vote_id: int, receipts: list[str]) -> str:
    """Every receipt counted, sorted (their order carries nothing); never the choices."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["vote", "receipt"])
    writer.writerows([vote_id, receipt] for receipt in sorted(receipts))
    return out.getvalue()


def _cell(text: str) -> str:
    """Keep spreadsheets from running a label as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
