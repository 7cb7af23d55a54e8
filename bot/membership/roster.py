"""Roster import: read the union's CSV, validate every row, and upsert by member_id.

Phone numbers are hashed as soon as a row is read; the raw number is never stored,
logged or kept in the report.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.i18n import LANGUAGES
from bot.membership.phones import PhoneError, normalise, phone_hash
from storage.members import Stripped
from storage.roster import ROSTER_FIELDS, RosterRepository

STATUSES = ("good_standing", "lapsed", "suspended", "retired", "resigned")
TEXT_COLUMNS = ("first_name", "last_name", "worksite", "classification")
KNOWN_COLUMNS = ("member_id", *TEXT_COLUMNS, "phone", "status", "language")
MAX_FIELD = 200


class RosterError(Exception):
    """The file cannot be imported at all; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Rejection:
    line: int
    reason: str


@dataclass
class RosterFile:
    """The valid rows of a roster file (by member_id) and the rejected ones."""

    columns: list[str]  # roster fields this file sets, in ROSTER_FIELDS order
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    stripped: list[Stripped] = field(default_factory=list)  # lost their powers (see storage)

    def lines(self) -> list[str]:
        """The report as an operator reads it."""
        head = "dry run, nothing changed: " if self.dry_run else ""
        out = [
            f"{head}{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.deactivated} deactivated, {len(self.rejected)} rejected"
        ]
        if self.ignored_columns:
            out.append(f"ignored unknown columns: {', '.join(self.ignored_columns)}")
        out += [f"line {r.line}: {r.reason}" for r in self.rejected]
        for row in self.stripped:
            lost = [str(row.role)] if row.role not in ("member", "steward") else []
            if row.steward_worksites:
                lost.append(f"steward of {', '.join(row.steward_worksites)}")
            if row.dropped_from_votes:
                lost.append("roll of vote " + ", ".join(f"#{v}" for v in row.dropped_from_votes))
            out.append(f"member {row.member_id}: not in good standing, removed: {'; '.join(lost)}")
        return out


def _status(value: str) -> str:
    return value.strip().lower().replace(" ", "_").replace("-", "_")


def read_text(path: Path) -> str:
    """The file's text, or a RosterError saying why it cannot be read as a CSV."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RosterError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise RosterError(f"{path} is not a CSV file (it looks like a spreadsheet or binary)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(
            f"{path} is not UTF-8 text: in Excel use Save As > 'CSV UTF-8 (Comma delimited)'"
        ) from None


def parse_roster(text: str, secret: str) -> RosterFile:
    """Validate a roster CSV's text; RosterError for a file that cannot be imported at all."""
    text = text.removeprefix("\ufeff")  # Excel's UTF-8 byte order mark
    if not text.strip():
        raise RosterError("the file is empty")
    header_line = text.splitlines()[0]
    try:
        dialect = csv.Sniffer().sniff(header_line, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
    if "member_id" not in header:
        raise RosterError(
            "no member_id column in the header row "
            f"(found: {', '.join(h for h in header if h) or 'nothing'})"
        )
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        raise RosterError(f"the header names a column twice: {', '.join(duplicated)}")
    index = {name: i for i, name in enumerate(header) if name in KNOWN_COLUMNS}
    sets = {"phone_hash" if c == "phone" else c for c in index if c != "member_id"}
    roster = RosterFile(
        columns=[c for c in ROSTER_FIELDS if c in sets],
        ignored_columns=[h for h in header if h and h not in KNOWN_COLUMNS],
    )
    first_seen: dict[str, int] = {}
    line = reader.line_num + 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            outcome = _parse_row(cells, index, secret)
            if isinstance(outcome, str):
                roster.rejected.append(Rejection(start, outcome))
                continue
            member_id = outcome["member_id"]
            if member_id in first_seen:
                roster.rejected.append(
                    Rejection(
                        start,
                        f"duplicate member_id {member_id} (first on line {first_seen[member_id]})",
                    )
                )
                continue
            first_seen[member_id] = start
            roster.rows[member_id] = outcome
    except csv.Error as exc:
        raise RosterError(f"line {line}: not valid CSV ({exc})") from None
    return roster


def _parse_row(cells: list[str], index: dict[str, int], secret: str) -> dict[str, Any] | str:
    """One row's stored values, or the reason it is rejected."""

    def cell(name: str) -> str:
        position = index.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    member_id = cell("member_id")
    if not member_id:
        return "missing member_id"
    row: dict[str, Any] = {"member_id": member_id}
    for name in TEXT_COLUMNS:
        if name in index:
            value = cell(name)
            if len(value) > MAX_FIELD:
                return f"{name} is longer than {MAX_FIELD} characters"
            row[name] = value or None
    if "phone" in index:
        phone = cell("phone")
        try:
            row["phone_hash"] = phone_hash(normalise(phone), secret) if phone else None
        except PhoneError:
            return f"member {member_id}: unparseable phone number"
    if "status" in index:
        status = _status(cell("status")) or "good_standing"
        if status not in STATUSES:
            return (
                f"member {member_id}: unknown status {cell('status')!r} (use {', '.join(STATUSES)})"
            )
        row["status"] = status
    if "language" in index:
        language = cell("language").lower()[:2] or None
        if language is not None and language not in LANGUAGES:
            return f"member {member_id}: unknown language {cell('language')!r} (use en or es)"
        row["language"] = language
    return row


async def import_roster(
    repository: RosterRepository,
    roster: RosterFile,
    *,
    deactivate_missing: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Upsert the file's valid rows; optionally deactivate members it leaves out."""
    report = ImportReport(
        rejected=roster.rejected, ignored_columns=roster.ignored_columns, dry_run=dry_run
    )
    stored = await repository.snapshot()
    inserts, updates = [], []
    for member_id, row in roster.rows.items():
        current = stored.get(member_id)
        if current is None:
            inserts.append(row)
            report.added += 1
        elif _changes(current, row, roster.columns):
            updates.append(row)
            report.updated += 1
        else:
            report.unchanged += 1
    deactivate = []
    if deactivate_missing:
        deactivate = [m for m, s in stored.items() if s["active"] and m not in roster.rows]
        report.deactivated = len(deactivate)
    if not dry_run:
        report.stripped = await repository.apply(roster.columns, inserts, updates, deactivate)
    return report


def _changes(current: dict[str, Any], row: dict[str, Any], columns: list[str]) -> bool:
    if not current["active"]:
        return True
    for column in columns:
        if column == "language":
            if current["language"] is None and row["language"] is not None:
                return True
        elif current[column] != row[column]:
            return True
    return False
