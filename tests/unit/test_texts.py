"""A text in each language (bot/texts.py): the one rule surveys and votes share."""

from __future__ import annotations

import pytest

from bot.texts import read, same, say
from bot.yaml_files import compose_yaml


def node(text: str) -> object:
    root = compose_yaml(text)
    assert root is not None
    return root.value[0][1]  # the value of the first field


def test_plain_text_is_the_same_in_every_language() -> None:
    assert read(node("question: '  Strike?  '"), "question") == (same("Strike?"), [])
    assert read(node("option: No"), "option") == ({"en": "No", "es": "No"}, [])  # not False


def test_a_mapping_gives_each_language() -> None:
    text, problems = read(node('question: {en: "Strike?", es: "¿Huelga?"}'), "question")
    assert (text, problems) == ({"en": "Strike?", "es": "¿Huelga?"}, [])
    assert say(text, "es") == "¿Huelga?" and say(text, "fr") == "Strike?"


@pytest.mark.parametrize(
    ("yaml_text", "problems"),
    [
        ("question: ''", [(1, "question is empty")]),
        ("question:", [(1, "question is empty")]),
        (
            "question:\n  en: Strike?\n",
            [
                (
                    2,
                    "question: the Spanish text (es:) is missing; give every language "
                    "{en: ..., es: ...}, or one plain text for everyone",
                )
            ],
        ),
        (
            "question:\n  en: Strike?\n  es: ''\n",
            [(3, "question: the Spanish text (es:) is empty")],
        ),
        (
            "question:\n  en: Strike?\n  es: ¿Huelga?\n  fr: Grève ?\n",
            [
                (
                    4,
                    "question: unknown language 'fr'; the languages are en (English) and "
                    "es (Spanish)",
                )
            ],
        ),
        (
            "question:\n  en: Strike?\n  spanish: ¿Huelga?\n",
            [
                (
                    3,
                    "question: unknown language 'spanish' (did you mean 'es'?); the languages "
                    "are en (English) and es (Spanish)",
                ),
                (
                    2,
                    "question: the Spanish text (es:) is missing; give every language "
                    "{en: ..., es: ...}, or one plain text for everyone",
                ),
            ],
        ),
        (
            "question: [a, b]",
            [(1, "question should be text, or one text per language {en: ..., es: ...}")],
        ),
        ("question:\n  en: [a]\n  es: b\n", [(2, "question.en should be text")]),
    ],
)
def test_problems_name_their_line(yaml_text: str, problems: list[tuple[int, str]]) -> None:
    assert read(node(yaml_text), "question") == (None, problems)
