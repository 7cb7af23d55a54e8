"""Drafts at rest are JSON: every wizard's values come back; nothing else ever loads."""

from __future__ import annotations

import ast
import pickle
import re
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.drafts import DraftCodecError, decode, encode
from bot.updates.service import Draft
from bot.votes.definition import MAJORITY, TWO_THIRDS, Threshold, VoteDefinition

ROOT = Path(__file__).resolve().parents[2]
LA = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    "data",
    [
        # /broadcast: the Draft dataclass with tuples and an aware datetime, and the flag.
        {
            "draft": Draft(
                "<b>Rally</b>",
                photo="AgAD",
                worksites=("Downey",),
                classifications=("Therapist", "Nurse"),
                urgent=True,
                send_at=datetime(2099, 1, 1, 9, 0, tzinfo=LA),
            ),
            "editing": True,
        },
        # /newvote halfway: typed answers parsed (tuples, ints, Threshold, Fraction, None).
        {
            "newvote": {
                "question": "Strike?",
                "options": ("Yes", "No"),
                "worksites": (),
                "opens_at": 4_000_000_000,
                "threshold": MAJORITY,
                "quorum": Fraction(1, 2),
            }
        },
        {"newvote": {"quorum": None, "threshold": Threshold(Fraction(3, 5), strict=True)}},
        # /newvote at the preview: the finished definition.
        {
            "newvote": {
                "definition": VoteDefinition(
                    "Strike?", 1, 2, TWO_THIRDS, quorum=Fraction(1, 3), reminders=(7200,)
                )
            }
        },
        {
            "newvote": {
                "definition": VoteDefinition(
                    "Strike?", 1, 2, MAJORITY, trustees=("L1", "S1", "S2"), trustees_needed=2
                )
            }
        },
        # /verify member-ID form, /correct, a survey file waiting for Load.
        {"typed_id": "A1 <script>"},
        {"correcting": 3},
        {"survey_load": {"token": "ab12cd34", "text": "id: x\n", "name": "x.yaml"}},
        {"odd": {1: "int key", "$": "dollar key"}, "list": [1, 2.5, None, "é"]},
    ],
)
def test_every_wizard_draft_round_trips(data: dict[str, object]) -> None:
    text = encode(data)
    again = decode(text)
    assert again == data
    assert repr(again) == repr(data)  # the same types, not just equal values


def test_a_datetime_keeps_its_zone() -> None:
    when = datetime(2099, 7, 1, 9, 0, tzinfo=LA)
    back = decode(encode({"draft": Draft(send_at=when)}))["draft"].send_at
    assert back == when and back.tzinfo == LA and back.utcoffset() == when.utcoffset()


def test_types_without_an_encoding_are_refused() -> None:
    with pytest.raises(DraftCodecError, match="cannot hold a set"):
        encode({"x": {1, 2}})
    with pytest.raises(DraftCodecError, match="time zone"):
        encode({"x": datetime(2099, 1, 1)})


class Boom:
    def __reduce__(self) -> tuple[object, ...]:
        import os

        return (os.system, ("touch /tmp/unionbot-pwned",))


@pytest.mark.parametrize(
    "stored",
    [
        pickle.dumps({"draft": Boom()}),
        b"\x80\x04garbage",
        "not json",
        '"a string"',
        "[1, 2]",
        '{"x": {"$": "os.system", "v": "touch /tmp/x"}}',
        '{"x": {"$": "bot.updates.service.Draft", "v": {}}}',
        '{"x": {"$": "update_draft", "v": {"text": "a", "__class__": "os"}}}',
        '{"x": {"$": "update_draft", "v": "not fields"}}',
        '{"x": {"$": "fraction", "v": [1, 0]}}',
        '{"x": {"$": "fraction", "v": ["1", "2"]}}',
        '{"x": {"$": "datetime", "v": "2099-01-01T09:00"}}',
        '{"x": {"$": "datetime", "v": "2099-01-01T09:00+00:00", "zone": "../../etc/passwd"}}',
        '{"x": {"$": "dict", "v": [[[1], 2]]}}',
        '{"x": ' * 50 + "1" + "}" * 50,
    ],
)
def test_anything_else_is_refused_never_run(stored: str | bytes) -> None:
    with pytest.raises(DraftCodecError):
        decode(stored)
    assert not Path("/tmp/unionbot-pwned").exists()


def test_no_pickle_anywhere_in_the_application() -> None:
    """No module of the bot imports pickle (or its cousins) or calls it."""
    forbidden = {
        "pickle",
        "cPickle",
        "_pickle",
        "shelve",
        "marshal",
        "dill",
        "cloudpickle",
        "jsonpickle",
    }
    offenders = []
    for package in ("bot", "handlers", "storage"):
        for path in sorted((ROOT / package).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            for node in ast.walk(ast.parse(source)):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name.split(".")[0] for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module.split(".")[0]]
                offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n in forbidden]
            if re.search(
                r"""\b(pickle\.|__import__\(\s*['"]pickle|import_module\(\s*['"]pickle)""", source
            ):
                offenders.append(f"{path.relative_to(ROOT)}: uses pickle")
    assert offenders == []
