"""The FAQ file: YAML list of {id, question, answer, tags?, alternates?, language?,
translates?}, read (`load_faq`) and written (`dump_faq`).

Errors name the file and line (from YAML's node marks) and say what to fix, e.g.
`faq.yaml line 12: entry "strike-pay" has no answer`. Every problem in the file is
reported at once, and nothing is loaded unless the whole file is valid.

The FAQ also changes in chat (entries added, members' wordings linked, pairs made), so
`lost_by_replacing` says what loading a file over it would drop.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.faq.text import fold
from bot.yaml_files import FileProblems, compose, line, read_text
from storage.faq import FaqEntry

FIELDS = ("id", "question", "answer", "tags", "alternates", "language", "translates")
REQUIRED = ("id", "question", "answer")
LANGUAGES = ("en", "es")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")
MAX_ANSWER = 3800  # a Telegram message holds 4096 characters; leave room for buttons/markup
MAX_QUESTION = 300
MAX_ENTRIES = 5000


class FaqFileError(FileProblems):
    """The FAQ file cannot be loaded; `errors` lists every problem, one line each."""


def load_faq(path: Path | str) -> list[FaqEntry]:
    """Read and validate an FAQ file; raises FaqFileError."""
    path = Path(path)
    return parse_faq(read_text(path, FaqFileError), path.name)


def dump_faq(entries: Sequence[FaqEntry]) -> str:
    """The FAQ file holding `entries`, in order: `parse_faq` reads back the same entries."""
    items = []
    for entry in entries:
        item: dict[str, object] = {"id": entry.id}
        if entry.language != "en":
            item["language"] = entry.language
        if entry.translates:
            item["translates"] = entry.translates
        item.update(question=entry.question, answer=entry.answer)
        if entry.tags:
            item["tags"] = _Tags(entry.tags)
        if entry.alternates:
            item["alternates"] = list(entry.alternates)
        items.append(item)
    return yaml.dump(items, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Tags(list):  # type: ignore[type-arg]
    """Topics, written on one line as the docs show them: `tags: [money, picket]`."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Tags, lambda dumper, tags: dumper.represent_sequence("tag:yaml.org,2002:seq", tags, True)
)


@dataclass(frozen=True, slots=True)
class Losses:
    """What the FAQ holds that a file loaded over it would drop."""

    entries: tuple[str, ...] = ()  # ids the file does not have
    wordings: tuple[tuple[str, str], ...] = ()  # (entry id, alternate) the file lacks
    pairs: tuple[tuple[str, str], ...] = ()  # translation pairs the file does not make

    def __bool__(self) -> bool:
        return bool(self.entries or self.wordings or self.pairs)


def lost_by_replacing(
    current: Sequence[FaqEntry],
    incoming: Sequence[FaqEntry],
    loaded: Sequence[FaqEntry] | None = None,
) -> Losses:
    """What replacing `current` with `incoming` drops: entries, alternates (often members'
    wordings linked in chat) and pairs; with `loaded` (the FAQ as last loaded from a file),
    only what was added since, in chat. A changed question or answer is what a load is for.
    """
    lost = _dropped(current, incoming)
    if loaded is None:
        return lost
    added = _dropped(current, loaded)  # in the FAQ now, not in the file it was loaded from
    return Losses(
        tuple(x for x in lost.entries if x in added.entries),
        tuple(x for x in lost.wordings if x in added.wordings),
        tuple(x for x in lost.pairs if x in added.pairs),
    )


def _dropped(current: Sequence[FaqEntry], incoming: Sequence[FaqEntry]) -> Losses:
    new = {e.id: e for e in incoming}
    gone = tuple(e.id for e in current if e.id not in new)
    wordings = []
    for e in current:
        if e.id in new:
            kept = {fold(a) for a in new[e.id].alternates}
            wordings += [(e.id, a) for a in e.alternates if fold(a) not in kept]
    pairs = tuple(
        (e.id, e.translates)
        for e in current
        if e.translates
        and e.id in new
        and e.translates in new
        and new[e.id].translates != e.translates
        and new[e.translates].translates != e.id
    )
    return Losses(gone, tuple(wordings), pairs)


# Text in square brackets is what a starter file (bot/examples/faq.yaml) asks the union to
# fill in: "Strike pay is [$X] a shift". Members must never read it.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")


def placeholders(entries: list[FaqEntry]) -> dict[str, list[str]]:
    """Entry id (with its language) -> the [placeholders] still in its question or answer."""
    found: dict[str, list[str]] = {}
    for entry in entries:
        texts = (entry.question, entry.answer, *entry.alternates)
        marks = sorted({m for text in texts for m in PLACEHOLDER.findall(text)})
        if marks:
            found[f"{entry.id} ({entry.language})"] = marks
    return found


def parse_faq(text: str, name: str = "faq.yaml") -> list[FaqEntry]:
    """Validate FAQ YAML text; `name` prefixes error messages."""
    root = compose(text, name, FaqFileError, "it should be a list of entries")
    if not isinstance(root, yaml.SequenceNode):
        raise FaqFileError(
            [f"{name} line {line(root)}: the file should be a list of entries (each '- id: ...')"]
        )
    if len(root.value) > MAX_ENTRIES:
        raise FaqFileError([f"{name}: {len(root.value)} entries; at most {MAX_ENTRIES}"])

    errors: list[str] = []
    entries: list[FaqEntry] = []
    seen: dict[str, int] = {}
    for number, node in enumerate(root.value, 1):
        entry = _entry(node, number, name, errors)
        if entry is None:
            continue
        if entry.id in seen:
            errors.append(
                f'{name} line {line(node)}: id "{entry.id}" is used twice '
                f"(first on line {seen[entry.id]}); ids must be unique"
            )
            continue
        seen[entry.id] = line(node)
        entries.append(entry)
    if not errors:  # an entry that failed to parse would read as "not in the file"
        errors.extend(_translation_problems(entries, seen, name))
    if not errors and not entries:
        errors.append(f"{name}: the list has no entries")
    if errors:
        raise FaqFileError(errors)
    return entries


def _entry(node: yaml.Node, number: int, name: str, errors: list[str]) -> FaqEntry | None:
    if not isinstance(node, yaml.MappingNode):
        errors.append(
            f"{name} line {line(node)}: entry {number} should be a mapping with "
            "id, question and answer"
        )
        return None
    fields: dict[str, yaml.Node] = {}
    label = f"entry {number}"
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key == "id" and isinstance(value_node, yaml.ScalarNode) and value_node.value:
            label = f'entry "{value_node.value}"'
    before = len(errors)
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        where = f"{name} line {line(key_node)}"
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            errors.append(
                f'{where}: {label} has unknown field "{key}"{hint}; allowed: {", ".join(FIELDS)}'
            )
        elif key in fields:
            errors.append(f'{where}: {label} has "{key}" twice')
        else:
            fields[key] = value_node

    for key in REQUIRED:
        if key not in fields or _blank(fields[key]):
            at = line(fields[key]) if key in fields else line(node)
            errors.append(f"{name} line {at}: {label} has no {key}")

    entry_id = _scalar(fields.get("id"), "id", label, name, errors)
    question = _scalar(fields.get("question"), "question", label, name, errors)
    answer = _scalar(fields.get("answer"), "answer", label, name, errors)
    if entry_id and not ID_PATTERN.match(entry_id):
        errors.append(
            f'{name} line {line(fields["id"])}: id "{entry_id}" should be 1-48 lower-case '
            "letters, digits, - or _ (e.g. strike-pay)"
        )
    if question and len(question) > MAX_QUESTION:
        errors.append(
            f"{name} line {line(fields['question'])}: {label} question is longer than "
            f"{MAX_QUESTION} characters"
        )
    if answer and len(answer) > MAX_ANSWER:
        errors.append(
            f"{name} line {line(fields['answer'])}: {label} answer is {len(answer)} "
            f"characters; at most {MAX_ANSWER} fit in one Telegram message"
        )
    tags = _strings(fields.get("tags"), "tags", label, name, errors)
    alternates = _strings(fields.get("alternates"), "alternates", label, name, errors)
    language = "en"
    if "language" in fields:
        value = _scalar(fields["language"], "language", label, name, errors)
        if value is not None and value.strip().lower() not in LANGUAGES:
            errors.append(
                f'{name} line {line(fields["language"])}: {label} language "{value}" '
                "should be en or es"
            )
        elif value is not None:
            language = value.strip().lower()
    translates = _scalar(fields.get("translates"), "translates", label, name, errors)
    if len(errors) > before or not (entry_id and question and answer):
        return None
    return FaqEntry(
        id=entry_id,
        question=question.strip(),
        answer=answer.strip(),
        tags=tuple(t.strip().lower() for t in tags),
        alternates=tuple(a.strip() for a in alternates),
        language=language,
        translates=translates,
    )


def _translation_problems(entries: list[FaqEntry], lines: dict[str, int], name: str) -> list[str]:
    """`translates` must name another entry, in the other language, that translates no
    third one: a pair is one answer in two languages."""
    by_id = {e.id: e for e in entries}
    claimed: dict[str, str] = {}  # a translated entry -> the first entry naming it
    problems = []
    for entry in entries:
        if entry.translates is None:
            continue
        other = by_id.get(entry.translates)
        where = f'{name} line {lines[entry.id]}: entry "{entry.id}" translates'
        first = claimed.setdefault(entry.translates, entry.id)
        if other is None:
            problems.append(f'{where} "{entry.translates}", which is not in the file')
        elif other.language == entry.language:
            problems.append(
                f'{where} "{other.id}", which is in the same language ({entry.language}); '
                "a translation is in the other one"
            )
        elif other.translates not in (None, entry.id):
            problems.append(
                f'{where} "{other.id}", which translates "{other.translates}"; '
                "an entry has one translation"
            )
        elif first != entry.id:
            problems.append(
                f'{where} "{other.id}", which "{first}" translates already; '
                "an entry has one translation"
            )
    return problems


def _blank(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.value.strip()


def _scalar(
    node: yaml.Node | None, key: str, label: str, name: str, errors: list[str]
) -> str | None:
    if node is None or _blank(node):
        return None
    if not isinstance(node, yaml.ScalarNode):
        errors.append(f"{name} line {line(node)}: {label} {key} should be text, not a list")
        return None
    return node.value.strip()


def _strings(
    node: yaml.Node | None, key: str, label: str, name: str, errors: list[str]
) -> list[str]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return []
    if not isinstance(node, yaml.SequenceNode):
        errors.append(
            f"{name} line {line(node)}: {label} {key} should be a list, e.g. {key}: [a, b]"
        )
        return []
    values = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            errors.append(f"{name} line {line(item)}: {label} {key} should hold plain text items")
            continue
        values.append(item.value)
    return values
