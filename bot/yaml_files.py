"""Definition files (FAQ, votes, surveys): reading YAML and reporting problems by line.

`read_model` reads a YAML mapping into a pydantic model whose fields use the shared rules
of bot/fields.py, and names the line of every problem (unknown or missing fields included).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, get_args

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError


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


# -- a YAML mapping read into a pydantic model, every problem with its line ----------


class Model(BaseModel):
    """A mapping in a definition file. Unknown fields are errors; a field typed `yaml.Node`
    gets the YAML node itself (for texts, whose every language has its own line).
    `missing` adds a hint to "FIELD is missing"."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
    missing: ClassVar[dict[str, str]] = {}


Path_ = tuple[str | int, ...]


@dataclass
class Read:
    """What `read_model` made of a mapping: each field that is right on its own (checks
    across fields use them even when another field is wrong), every problem as
    'file line N: where: field: message', and the line of every field."""

    name: str
    where: str = ""  # 'question "caseload"': what the mapping is, before each message
    fields: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lines: dict[Path_, int] = field(default_factory=dict)  # where each value starts
    key_lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, *path: str | int) -> int | None:
        """The line of `path` (or of the nearest mapping holding it)."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)

    def error(self, path: Path_, message: str) -> None:
        self.problem(self.line(*path), message)

    def problem(self, at: int | None, message: str) -> None:
        """A problem on line `at` (None: about the whole file)."""
        where = f"{self.name} line {at}" if at else self.name
        self.errors.append(
            f"{where}: {self.where}: {message}" if self.where else f"{where}: {message}"
        )

    def failed(self, key: str) -> bool:
        """True when `key` was given but is wrong (its problem is already reported)."""
        return (key,) in self.key_lines and key not in self.fields

    def in_order(self) -> list[str]:
        """Every problem, from the top of the file down (those about the file first)."""
        return sorted(self.errors, key=self._line_of)

    def _line_of(self, error: str) -> int:
        match = re.match(rf"{re.escape(self.name)} line (\d+):", error)
        return int(match.group(1)) if match else 0


def suggest(key: str, known: tuple[str, ...] | list[str]) -> str:
    """' (did you mean 'closes_at'?)', else the fields there are."""
    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (fields: {', '.join(known)})"


def read_model(
    model: type[Model],
    node: yaml.Node,
    name: str,
    *,
    where: str = "",
    context: dict[str, Any] | None = None,
) -> Read:
    """Validate a mapping node with `model`'s fields, one by one (pydantic would drop the
    valid ones at the first error), so every problem is reported at once; `context` goes to
    the validators (e.g. `tz` for times). `where` names a mapping inside the file (its
    problems then carry its line: a file's own missing fields have none)."""
    read = Read(name, where)
    if where:
        read.lines[()] = line(node)
    if not isinstance(node, yaml.MappingNode):
        what = "should be" if where else "the file should be"
        read.problem(line(node), f"{what} fields like '{next(iter(_keys(model)))}: ...'")
        return read
    data = _mapping(node, (), read, model)
    keys = _keys(model)
    for key in data:
        if key not in keys:
            read.problem(
                read.key_lines[(key,)], f"unknown field {key!r}{suggest(key, tuple(keys))}"
            )
    for key, attribute in keys.items():
        info = model.model_fields[attribute]
        if key not in data:
            if info.is_required():
                read.error((), f"{key} is missing{model.missing.get(key, '')}")
            continue
        try:
            read.fields[key] = _adapter(model, attribute).validate_python(
                data[key], context=context
            )
        except ValidationError as exc:
            for problem in exc.errors():
                loc = (key, *problem["loc"])
                read.error(loc, _message(info.annotation, loc, problem))
    return read


def _keys(model: type[BaseModel]) -> dict[str, str]:
    """The fields as written in files (`in` for an attribute `in_`) -> the attribute."""
    return {info.alias or key: key for key, info in model.model_fields.items()}


@functools.cache
def _adapter(model: type[Model], key: str) -> TypeAdapter[Any]:
    info = model.model_fields[key]
    kind = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(kind, config=ConfigDict(arbitrary_types_allowed=True))


def _mapping(
    node: yaml.MappingNode, path: Path_, read: Read, model: type[BaseModel] | None
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
        if key in values:
            read.errors.append(
                f"{read.name} line {line(key_node)}: {_dotted((*path, key))} is given twice "
                f"(first on line {read.key_lines[(*path, key)]})"
            )
            continue
        read.lines[(*path, key)] = line(value_node)
        read.key_lines[(*path, key)] = line(key_node)
        attribute = _keys(model).get(key) if model else None
        annotation = model.model_fields[attribute].annotation if model and attribute else None
        if annotation is yaml.Node or yaml.Node in get_args(annotation):
            values[key] = value_node
        else:
            values[key] = _plain(value_node, (*path, key), read, _nested(annotation))
    return values


def _plain(node: yaml.Node, path: Path_, read: Read, model: type[BaseModel] | None) -> Any:
    """A node's value as typed: scalars stay text ('yes' is not turned into True)."""
    if isinstance(node, yaml.ScalarNode):
        empty = node.tag.endswith(":null") and node.value in ("", "~", "null")
        return None if empty else node.value
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            read.lines[(*path, index)] = line(item)
            items.append(_plain(item, (*path, index), read, None))
        return items
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, path, read, model)
    return None


def _nested(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, if any (`Trustees | None`, `Annotated[Trustees, ...]`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for inner in get_args(annotation):
        found = _nested(inner)
        if found is not None:
            return found
    return None


def _message(annotation: Any, loc: Path_, problem: Any) -> str:
    where = _dotted(loc)
    if problem["type"] == "extra_forbidden":
        nested = _nested(annotation)
        known = tuple(_keys(nested)) if nested else ()
        key = str(loc[-1])
        return f"{_dotted(loc[:-1])}: unknown field {key!r}{suggest(key, known)}"
    if problem["type"] == "missing":
        return f"{where} is missing"
    error = (problem.get("ctx") or {}).get("error")
    return f"{where}: {error if isinstance(error, ValueError) else problem['msg']}"


def _dotted(loc: Path_) -> str:
    return ".".join(str(part) for part in loc if isinstance(part, str))
