"""Ballot receipts: the sealed ballot's tracker, shown as four groups of four characters.

Like Helios, the receipt is derived from the sealed ballot itself (80 bits of its
SHA-256), so it proves which sealed ballot is in the count without saying anything
about the choice inside it, and nothing random needs to be stored beside it.
"""

from __future__ import annotations

import base64
import hashlib
import re

LENGTH = 16  # base32 characters: 80 bits
_CANONICAL = re.compile(rf"^[A-Z2-7]{{{LENGTH}}}$")
# People copy receipts by hand: read the digits base32 never uses as the letters they resemble.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def tracker(sealed: bytes) -> str:
    """The receipt of a sealed ballot, in canonical form."""
    return base64.b32encode(hashlib.sha256(sealed).digest()[: LENGTH * 5 // 8]).decode("ascii")


def canonical(typed: str) -> str | None:
    """What a member typed ('abcd-efgh ijkl-mnop') as stored, or None if it cannot be one."""
    cleaned = re.sub(r"[\s\-_.]", "", typed).upper().translate(_LOOKALIKES)
    return cleaned if _CANONICAL.match(cleaned) else None


def display(receipt: str) -> str:
    """'ABCDEFGHIJKLMNOP' -> 'ABCD-EFGH-IJKL-MNOP'."""
    return "-".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))
