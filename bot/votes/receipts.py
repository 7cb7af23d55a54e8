"""Ballot receipts: 80 random bits, shown as four groups of four letters and digits."""

from __future__ import annotations

import base64
import re
import secrets

LENGTH = 16  # base32 characters: 80 bits, unguessable
_CANONICAL = re.compile(rf"^[A-Z2-7]{{{LENGTH}}}$")
# People copy receipts by hand: read the digits base32 never uses as the letters they resemble.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_receipt() -> str:
    """A fresh random receipt in canonical form (from `secrets`, never `random`)."""
    return base64.b32encode(secrets.token_bytes(LENGTH * 5 // 8)).decode("ascii")


def canonical(typed: str) -> str | None:
    """What a member typed ('abcd-efgh ijkl-mnop') as stored, or None if it cannot be one."""
    cleaned = re.sub(r"[\s\-_.]", "", typed).upper().translate(_LOOKALIKES)
    return cleaned if _CANONICAL.match(cleaned) else None


def display(receipt: str) -> str:
    """'ABCDEFGHIJKLMNOP' -> 'ABCD-EFGH-IJKL-MNOP'."""
    return "-".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))
