"""Keys for sealed ballots and surveys: make them, seal with them, open them for the count.

`bot.sealing` holds the primitives; this service decides where each key lives:

- server mode: the private key is wrapped under a key derived from SECRET_KEY, and the
  count opens it by itself.
- trustee mode: the private key is wrapped under a random key whose shares go to the
  trustees and are never stored. Returned shares are kept (wrapped under a server key)
  only until enough are in; the last one needed is never written at all.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import StrEnum

from bot import sealing
from bot.sealing import KeyPair, Opener, SealError, Share
from storage.seal_keys import NewKey, SealKey, SealKeysRepository, Trustee

WRAP_PURPOSE = "seal-keys"  # the server key that wraps private keys (server mode)
SHARES_PURPOSE = "returned-shares"  # the server key that keeps handed-back shares


class ShareState(StrEnum):
    UNKNOWN = "unknown"  # no such key, or not a share at all
    NOT_YOURS = "not_yours"  # a real key, but this share index is not this trustee's
    WRONG = "wrong"  # the share does not match what was handed out
    ALREADY = "already"  # this trustee's share is already in
    COUNTED = "counted"  # the key was already used and erased
    ACCEPTED = "accepted"  # kept; more are needed
    COMPLETE = "complete"  # enough shares: `opener` opens the boxes


@dataclass(frozen=True, slots=True)
class ShareOutcome:
    state: ShareState
    subject: str | None = None
    have: int = 0
    needed: int = 0
    opener: Opener | None = None


class KeyService:
    def __init__(self, repo: SealKeysRepository, secret_key: str) -> None:
        self.repo = repo
        self._wrap_key = sealing.server_key(secret_key, WRAP_PURPOSE)
        self._shares_key = sealing.server_key(secret_key, SHARES_PURPOSE)
        self._public: dict[str, bytes] = {}  # public keys never change: cached per subject

    # -- making keys ----------------------------------------------------------------

    def server_key(self) -> NewKey:
        """A key pair whose private half the server can unwrap by itself at the count."""
        pair = KeyPair.generate()
        key_id = sealing.key_id(pair.public)
        wrapped = sealing.wrap(self._wrap_key, pair.private, key_id)
        return NewKey(key_id, pair.public, wrapped, "server")

    def trustee_key(self, members: list[int], needed: int) -> tuple[NewKey, list[Share]]:
        """A key pair opened by any `needed` trustees' shares; shares[i] goes to members[i]."""
        if not 1 <= needed <= len(members) <= 255:
            raise ValueError("needed must be between 1 and the number of trustees")
        pair = KeyPair.generate()
        key_id = sealing.key_id(pair.public)
        kek = secrets.token_bytes(sealing.TRUSTEE_KEY_BYTES)
        wrapped = sealing.wrap(kek, pair.private, key_id)
        shares = sealing.split(kek, needed, len(members), pair.public)
        trustees = tuple(
            (share.index, member, share.digest())
            for share, member in zip(shares, members, strict=True)
        )
        return NewKey(key_id, pair.public, wrapped, "trustees", needed, trustees), shares

    # -- sealing ----------------------------------------------------------------------

    async def public(self, subject: str) -> bytes:
        cached = self._public.get(subject)
        if cached is None:
            key = await self.repo.get(subject)
            if key is None:
                raise SealError(f"{subject} has no sealing key")
            cached = self._public[subject] = key.public
        return cached

    async def seal(self, subject: str, plaintext: bytes) -> bytes:
        return sealing.seal(await self.public(subject), plaintext, subject)

    # -- opening ------------------------------------------------------------------------

    async def key(self, subject: str) -> SealKey | None:
        return await self.repo.get(subject)

    async def subject_of(self, share: Share) -> str | None:
        """What a pasted share's key seals ('vote:3'), or None for no such key."""
        key = await self.repo.by_key_id(share.key_id)
        return key.subject if key is not None else None

    async def trustees(self, subject: str) -> list[Trustee]:
        return await self.repo.trustees(subject)

    def server_opener(self, key: SealKey) -> Opener:
        """Open a server-mode key; SealError if it is a trustee key or already erased."""
        if key.mode != "server" or key.wrapped is None:
            raise SealError(f"{key.subject} cannot be opened by the server")
        return Opener(sealing.unwrap(self._wrap_key, key.wrapped, key.key_id))

    async def accept_share(self, share: Share, member: int) -> ShareOutcome:
        """A trustee hands back their share: check it, keep it, or open the key with it."""
        key = await self.repo.by_key_id(share.key_id)
        if key is None or key.mode != "trustees" or key.needed is None:
            return ShareOutcome(ShareState.UNKNOWN)
        subject, needed = key.subject, key.needed
        if key.wrapped is None:
            return ShareOutcome(ShareState.COUNTED, subject, needed=needed)
        trustees = {t.share: t for t in await self.repo.trustees(subject)}
        mine = trustees.get(share.index)
        if mine is None or mine.member != member:
            return ShareOutcome(ShareState.NOT_YOURS, subject, needed=needed)
        if not sealing.same_digest(mine.digest, share.digest()):
            return ShareOutcome(ShareState.WRONG, subject, needed=needed)
        returned = [t for t in trustees.values() if t.returned is not None]
        if mine.returned is not None:
            return ShareOutcome(ShareState.ALREADY, subject, len(returned), needed)
        if len(returned) + 1 < needed:
            label = f"{key.key_id}:{share.index}"
            await self.repo.return_share(
                subject, share.index, sealing.wrap(self._shares_key, share.value, label)
            )
            return ShareOutcome(ShareState.ACCEPTED, subject, len(returned) + 1, needed)
        shares = [share] + [
            Share(
                key.key_id,
                t.share,
                sealing.unwrap(self._shares_key, t.returned, f"{key.key_id}:{t.share}"),
            )
            for t in returned
            if t.returned is not None
        ]
        kek = sealing.combine(shares[:needed])
        opener = Opener(sealing.unwrap(kek, key.wrapped, key.key_id))
        return ShareOutcome(ShareState.COMPLETE, subject, needed, needed, opener)
