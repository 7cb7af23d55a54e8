"""A text in every language the bot speaks: read from definition files, shown per reader.

Surveys and votes let an author write a text once, for everyone, or in each language:

    question: Do you authorize a strike?                      # the same for everyone
    question: {en: Do you authorize a strike?, es: ¿Autorizas una huelga?}

`read` checks both forms the same way for every feature (a language missing, unknown or
empty is a problem with its line), and `say` picks the reader's language.
"""

from __future__ import annotations

import yaml

from bot.i18n import LANGUAGES
from bot.yaml_files import line

Text = dict[str, str]  # language -> text
Problem = tuple[int, str]  # (line, message); the caller adds its file name

NAMES = {"en": "English", "es": "Spanish"}
_ALIASES = {
    "english": "en",
    "eng": "en",
    "inglés": "en",
    "ingles": "en",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "esp": "es",
    "spa": "es",
    "sp": "es",
    "mx": "es",
}
_FORM = "{" + ", ".join(f"{language}: ..." for language in LANGUAGES) + "}"
_LIST = " and ".join(f"{language} ({NAMES[language]})" for language in LANGUAGES)


def same(text: str) -> Text:
    """One text for every language."""
    return dict.fromkeys(LANGUAGES, text)


def say(text: Text | None, language: str) -> str:
    """The text in `language`, else English, else whatever the author wrote."""
    if not text:
        return ""
    return text.get(language) or text.get("en") or next(iter(text.values()))


def read(node: yaml.Node, key: str) -> tuple[Text | None, list[Problem]]:
    """`key: plain text` (the same in every language) or `key: {en: ..., es: ...}`.

    A mapping must give every language, each non-empty, and nothing else. Values are
    stripped; checking their length or form is the caller's. Messages start with `key`.
    """
    if isinstance(node, yaml.ScalarNode):
        value = "" if node.tag.endswith(":null") else node.value.strip()
        if not value:
            return None, [(line(node), f"{key} is empty")]
        return same(value), []
    if not isinstance(node, yaml.MappingNode):
        return None, [(line(node), f"{key} should be text, or one text per language {_FORM}")]
    problems: list[Problem] = []
    values: Text = {}
    seen: set[str] = set()
    for key_node, value_node in node.value:
        language = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else "?"
        if language not in LANGUAGES:
            hint = _ALIASES.get(language.lower())
            problems.append(
                (
                    line(key_node),
                    f"{key}: unknown language '{language}'"
                    + (f" (did you mean '{hint}'?)" if hint else "")
                    + f"; the languages are {_LIST}",
                )
            )
            continue
        if language in seen:
            problems.append((line(key_node), f"{key}: '{language}' is given twice"))
            continue
        seen.add(language)
        if not isinstance(value_node, yaml.ScalarNode):
            problems.append((line(value_node), f"{key}.{language} should be text"))
            continue
        value = "" if value_node.tag.endswith(":null") else value_node.value.strip()
        if not value:
            problems.append(
                (line(key_node), f"{key}: the {NAMES[language]} text ({language}:) is empty")
            )
            continue
        values[language] = value
    for language in LANGUAGES:
        if language not in seen:
            problems.append(
                (
                    line(node),
                    f"{key}: the {NAMES[language]} text ({language}:) is missing; give every "
                    f"language {_FORM}, or one plain text for everyone",
                )
            )
    return (None, problems) if problems else (values, [])
