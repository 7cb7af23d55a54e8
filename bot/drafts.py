"""Half-finished drafts as JSON: a stored row can only ever be data, never code.

A person's `user_data` (see bot/runtime/persistence.py) holds what the wizards and forms collect:
strings, numbers, booleans, lists and dicts, plus a few types of ours that JSON lacks.
Those few are written as tagged objects `{"$": tag, "v": value}` and read back by an
explicit table of tags — never a class named by the row — so a tampered row in a restored
backup can at worst be refused.

    tuple                      {"$": "tuple", "v": [...]}
    datetime (aware)           {"$": "datetime", "v": ISO 8601, "zone": IANA name | null}
    Fraction                   {"$": "fraction", "v": [numerator, denominator]}
    Draft (/broadcast)         {"$": "update_draft", "v": {field: value}}
    VoteDefinition (/newvote)  {"$": "vote_definition", "v": {field: value}}
    Threshold (/newvote)       {"$": "threshold", "v": {field: value}}
    dict with a "$" key        {"$": "dict", "v": [[key, value], ...]}
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from bot.updates.service import Draft
from bot.votes.definition import Threshold, VoteDefinition

TAG = "$"
# Dataclasses a draft may hold, by a tag of ours (not their import path).
DATACLASSES: dict[str, type[Any]] = {
    "update_draft": Draft,
    "vote_definition": VoteDefinition,
    "threshold": Threshold,
}
_TAG_OF = {cls: tag for tag, cls in DATACLASSES.items()}
MAX_DEPTH = 20


class DraftCodecError(ValueError):
    """A value cannot be stored as a draft, or a stored row is not a draft we wrote."""


def encode(data: dict[str, Any]) -> str:
    """`data` as JSON text; DraftCodecError names a type that has no encoding."""
    return json.dumps(_encode(data, 0), ensure_ascii=False, separators=(",", ":"))


def decode(text: str | bytes) -> dict[str, Any]:
    """A stored draft back as Python values; DraftCodecError for anything else."""
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DraftCodecError(f"not JSON ({exc.__class__.__name__})") from None
    value = _decode(raw, 0)
    if not isinstance(value, dict):
        raise DraftCodecError("a draft is a JSON object")
    return value


def _encode(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise DraftCodecError("draft nested too deeply")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_encode(item, depth + 1) for item in value]
    if isinstance(value, tuple):
        return {TAG: "tuple", "v": [_encode(item, depth + 1) for item in value]}
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value) and TAG not in value:
            return {key: _encode(item, depth + 1) for key, item in value.items()}
        return {
            TAG: "dict",
            "v": [[_encode(k, depth + 1), _encode(v, depth + 1)] for k, v in value.items()],
        }
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise DraftCodecError("a datetime in a draft must carry its time zone")
        zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
        return {TAG: "datetime", "v": value.isoformat(), "zone": zone}
    if isinstance(value, Fraction):
        return {TAG: "fraction", "v": [value.numerator, value.denominator]}
    tag = _TAG_OF.get(type(value))
    if tag is not None:
        fields = {
            f.name: _encode(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value)
        }
        return {TAG: tag, "v": fields}
    raise DraftCodecError(f"drafts cannot hold a {type(value).__name__}")


def _decode(raw: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise DraftCodecError("draft nested too deeply")
    if raw is None or isinstance(raw, bool | int | float | str):
        return raw
    if isinstance(raw, list):
        return [_decode(item, depth + 1) for item in raw]
    if not isinstance(raw, dict):
        raise DraftCodecError("unexpected JSON value")
    if TAG not in raw:
        return {key: _decode(item, depth + 1) for key, item in raw.items()}
    tag, value = raw.get(TAG), raw.get("v")
    try:
        if tag == "tuple" and isinstance(value, list):
            return tuple(_decode(item, depth + 1) for item in value)
        if tag == "dict" and isinstance(value, list):
            return {_hashable(_decode(k, depth + 1)): _decode(v, depth + 1) for k, v in value}
        if tag == "datetime" and isinstance(value, str):
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise DraftCodecError("a stored datetime has no time zone")
            zone = raw.get("zone")
            return moment.astimezone(ZoneInfo(zone)) if isinstance(zone, str) else moment
        if tag == "fraction" and isinstance(value, list) and len(value) == 2:
            numerator, denominator = value
            if not (type(numerator) is int and type(denominator) is int):
                raise DraftCodecError("a fraction is two whole numbers")
            return Fraction(numerator, denominator)
        if tag in DATACLASSES and isinstance(value, dict):
            cls = DATACLASSES[tag]
            names = {f.name for f in dataclasses.fields(cls)}
            if not set(value) <= names:
                raise DraftCodecError(f"unknown fields for {tag}")
            return cls(**{name: _decode(item, depth + 1) for name, item in value.items()})
    except DraftCodecError:
        raise
    except (TypeError, ValueError, ZeroDivisionError, KeyError) as exc:
        raise DraftCodecError(f"bad {tag!s:.20}: {exc.__class__.__name__}") from None
    raise DraftCodecError(f"unknown tag {tag!s:.20}")


def _hashable(key: Any) -> Any:
    try:
        hash(key)
    except TypeError:
        raise DraftCodecError("a dict key in a draft must be hashable") from None
    return key
