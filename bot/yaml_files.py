"""Definition files (FAQ, votes, surveys): reading YAML and reporting problems by line."""

from __future__ import annotations

from pathlib import Path

import yaml


class FileProblems(ValueError):
    """A file cannot be used; `errors` lists every problem, one line each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def read_text(path: Path, error: type[FileProblems]) -> str:
    """The file's UTF-8 text (a byte order mark is dropped), or `error` saying why not."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error([f"{path}: no such file"]) from None
    except UnicodeDecodeError:
        raise error([f"{path.name}: not UTF-8 text (save it as UTF-8)"]) from None
    except OSError as exc:
        raise error([f"{path}: cannot read ({exc.strerror})"]) from None


class AliasRefused(yaml.MarkedYAMLError):
    """An anchor (`&name`) or alias (`*name`) in a definition file."""


class NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors and aliases before anything is built from them.

    Definition files have no use for them, and nested aliases expand exponentially (a few
    hundred bytes can ask for gigabytes); the refusal comes at the first event, so nothing
    is ever expanded.
    """

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            kind = "aliases" if isinstance(event, yaml.AliasEvent) else "anchors"
            raise AliasRefused(
                problem=f"YAML {kind} (&name / *name) are not allowed; write the values out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of `text`, refusing anchors and aliases (raises yaml.YAMLError)."""
    return yaml.compose(text, Loader=NoAliasLoader)


def compose(text: str, name: str, error: type[FileProblems], empty_hint: str) -> yaml.Node:
    """The YAML node tree (which keeps line numbers); `error` when invalid or empty."""
    try:
        root = compose_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" line {mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "syntax error"
        raise error([f"{name}{where}: not valid YAML ({problem})"]) from None
    except yaml.YAMLError as exc:
        raise error([f"{name}: not valid YAML ({exc})"]) from None
    if root is None:
        raise error([f"{name}: the file is empty; {empty_hint}"])
    return root


def line(node: yaml.Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1
