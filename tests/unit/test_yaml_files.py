"""Every definition loader refuses YAML anchors and aliases, before expanding anything."""

from __future__ import annotations

from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.faq.loader import FaqFileError, parse_faq
from bot.surveys.definition import SurveyFileError, parse_survey
from bot.votes.definition import DefinitionError, parse_definition
from bot.yaml_files import FileProblems

# The 495-byte vote file from the report: nine levels of nine aliases each would expand to
# 9**9 (387 million) strings. Expanding it would not finish within the test run at all.
LEVELS = "abcdefghi"
BOMB = 'x: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in pairwise(LEVELS)
)
BOMB += f"question: [{','.join(['*i'] * 9)}]\n"
UTC = ZoneInfo("UTC")


def test_the_alias_bomb_is_refused_at_its_first_anchor() -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(BOMB, UTC, 0, "bomb.yaml")
    assert caught.value.errors == [
        "bomb.yaml line 1: not valid YAML (YAML anchors (&name / *name) are not allowed; "
        "write the values out)"
    ]


@pytest.mark.parametrize(
    ("parse", "error"),
    [
        (lambda text: parse_definition(text, UTC, 0, "f.yaml"), DefinitionError),
        (lambda text: parse_survey(text, "f.yaml", UTC, 0), SurveyFileError),
        (lambda text: parse_faq(text, "f.yaml"), FaqFileError),
    ],
)
def test_every_loader_refuses_an_alias_with_its_line(parse: object, error: type) -> None:
    text = "- id: a\n  question: Strike pay?\n  answer: Weekly.\n- id: b\n  question: *q\n"
    with pytest.raises(error) as caught:
        parse(text)  # type: ignore[operator]
    assert isinstance(caught.value, FileProblems)
    assert caught.value.errors == [
        "f.yaml line 5: not valid YAML (YAML aliases (&name / *name) are not allowed; "
        "write the values out)"
    ]
