"""What list commands print: a table with a header line for people, or with `--json` a
JSON array of objects whose keys are the table's columns (the same names, always all)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

Row = dict[str, Any]


def moment(timestamp: int | None, tz: ZoneInfo) -> str | None:
    """Unix seconds as ISO 8601 in the union's time zone: '2030-03-02 06:00-08:00'."""
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, tz).isoformat(sep=" ", timespec="minutes")


def clip(text: str, limit: int) -> str:
    """Long text cut for a table (JSON keeps it whole)."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def cell(value: Any) -> str:
    """A value as a table shows it: blank for none, yes/no for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def render(columns: Sequence[str], rows: Sequence[Row]) -> str:
    """Aligned columns under their names (two spaces apart; the last one not padded)."""
    cells = [list(columns), *([cell(row[c]) for c in columns] for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    return "\n".join(
        "  ".join([*(v.ljust(w) for v, w in zip(line[:-1], widths, strict=False)), line[-1]])
        for line in cells
    )


def show(columns: Sequence[str], rows: Sequence[Row], *, as_json: bool, empty: str) -> None:
    """Print the rows; `empty` (a hint for people) when there are none, `[]` as JSON."""
    if as_json:
        print(
            json.dumps([{c: row[c] for c in columns} for row in rows], indent=2, ensure_ascii=False)
        )
    elif rows:
        print(render(columns, rows))
    else:
        print(empty)
