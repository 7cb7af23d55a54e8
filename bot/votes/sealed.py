"""What a ballot is inside its sealed box, and opening every box of a vote for the count."""

from __future__ import annotations

from collections.abc import Sequence

from bot.sealing import Opener, SealError

CHOICE_BYTES = 2
NO_CHOICE = 0xFFFF  # sealed for a press that will be refused anyway (an option out of range)


def plaintext(choice: int) -> bytes:
    """The choice as fixed-size bytes: every ballot's box has the same length."""
    value = choice if 0 <= choice < NO_CHOICE else NO_CHOICE
    return value.to_bytes(CHOICE_BYTES, "big")


def count(opener: Opener, boxes: Sequence[bytes], subject: str, options: int) -> tuple[int, ...]:
    """Open every box in memory and add them up; SealError if any box is not a valid ballot.

    CPU-bound (one X25519 agreement per ballot): the service runs it in a worker thread.
    """
    counts = [0] * options
    for box in boxes:
        choice = int.from_bytes(opener.open(box, subject), "big")
        if not 0 <= choice < options:
            raise SealError(f"a sealed ballot of {subject} holds no valid option")
        counts[choice] += 1
    return tuple(counts)
