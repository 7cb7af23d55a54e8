"""What a ballot is inside its sealed box, and opening every box of a vote for the count."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from bot.sealing import Opener, SealError

CHOICE_BYTES = 2
NO_CHOICE = 0xFFFF  # sealed for a press that will be refused anyway (an option out of range)
# One X25519 agreement per ballot (~40 µs): below this many, one thread is quick enough.
PARALLEL_FROM = 20_000


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


def _count_part(
    private: bytes, boxes: Sequence[bytes], subject: str, options: int
) -> tuple[int, ...]:
    return count(Opener(private), boxes, subject, options)


async def count_all(
    opener: Opener,
    boxes: Sequence[bytes],
    subject: str,
    options: int,
    parallel_from: int = PARALLEL_FROM,
) -> tuple[int, ...]:
    """`count` off the event loop: in a thread, or split over one process per core for a
    big vote (the key reaches them through a pipe, never a file)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(boxes) < parallel_from or workers < 2:
        return await asyncio.to_thread(count, opener, boxes, subject, options)
    size = -(-len(boxes) // workers)
    parts = [boxes[i : i + size] for i in range(0, len(boxes), size)]
    loop = asyncio.get_running_loop()
    # spawn, not fork: the bot process runs threads (aiosqlite, the HTTP pool).
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        totals = await asyncio.gather(
            *(
                loop.run_in_executor(pool, _count_part, opener.private, part, subject, options)
                for part in parts
            )
        )
    return tuple(sum(column) for column in zip(*totals, strict=True))
