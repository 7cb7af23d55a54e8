"""What a survey response and a member's progress become on disk while the survey is open.

A response (worksite, classification, the member for confidential surveys, every answer,
free text included) is serialised here and sealed to the survey's public key by the
service; progress is sealed with a server key, bound to the survey and the member.

Both are padded to one size per survey (enough for every question answered at length),
so the length of a box says nothing about which questions were answered, which branch a
member took or how much they wrote. Only text longer than the estimate in multi-byte
characters spills into a second block.
"""

from __future__ import annotations

import json
from typing import Any

from bot.surveys.model import Survey
from storage.surveys import OpenedResponse, StoredAnswer

BLOCK = 256
PROGRESS_PURPOSE = "survey-progress"  # the server key that seals answers in progress


def response_subject(pk: int) -> str:
    return f"survey:{pk}"


def progress_label(pk: int, member: int) -> str:
    """Binds a progress box to one survey and member: it cannot be swapped with another."""
    return f"survey:{pk}:progress:{member}"


def padded_size(survey: Survey) -> int:
    """The plaintext size every box of this survey is padded to (a multiple of BLOCK)."""
    estimate = 320  # envelope, worksite, classification, member, position
    for question in survey.questions:
        estimate += 24 + len(question.id)
        if question.type == "single":
            estimate += max((len(o.id) for o in question.options), default=0) + 8
        elif question.type == "multiple":
            estimate += sum(len(o.id) + 12 for o in question.options) + 24
        elif question.type == "text":
            estimate += question.max_length + 16
        else:
            estimate += 32
    return -(-estimate // BLOCK) * BLOCK


def _pad(data: bytes, size: int) -> bytes:
    """JSON with trailing spaces to a multiple of `size`, less the sealing frame (4 bytes)."""
    target = -(-(len(data) + 4) // size) * size - 4
    return data + b" " * (target - len(data))


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def response_plaintext(
    survey: Survey,
    worksite: str | None,
    classification: str | None,
    member: int | None,
    answers: list[StoredAnswer],
) -> bytes:
    data = {
        "w": worksite,
        "c": classification,
        "m": member,
        "a": [[a.question, a.value, a.text] for a in answers],
    }
    return _pad(_dump(data), padded_size(survey))


def read_response(plaintext: bytes) -> OpenedResponse:
    data = json.loads(plaintext)
    return OpenedResponse(
        worksite=data["w"],
        classification=data["c"],
        member=data["m"],
        answers=[StoredAnswer(int(q), float(v), t) for q, v, t in data["a"]],
    )


def progress_plaintext(survey: Survey, position: int, answers: dict[str, Any]) -> bytes:
    return _pad(_dump({"p": position, "a": answers}), padded_size(survey))


def read_progress(plaintext: bytes) -> tuple[int, dict[str, Any]]:
    data = json.loads(plaintext)
    return int(data["p"]), dict(data["a"])
