"""Sealing: what a ballot or a survey answer becomes the moment it is cast.

Nothing here is hand-made crypto; it is composition of well-kept primitives:

- **Sealed boxes** (`seal` / `unseal`): an ephemeral X25519 key agreement with the
  subject's public key, HKDF-SHA256 over the shared secret and both public keys, and
  AES-256-GCM. Whoever holds only the public key (the running bot while a vote is open)
  can seal but never open. The subject ('vote:3') is the associated data, so a ballot
  cannot be moved from one vote to another.
- **Wrapping** (`wrap` / `unwrap`): the subject's private key under a key-encryption key,
  AES-GCM with a random nonce. In *server* mode that key is derived from SECRET_KEY
  (`server_key`), so a copy of the database or a backup alone opens nothing; in *trustee*
  mode it is a random 128-bit key split k-of-n with Shamir's scheme (pycryptodome), so
  not even a copy of every server file, .env included, opens anything before k trustees
  hand their shares back.
- **Symmetric sealing** (`seal_private` / `unseal_private`): for what the bot itself must
  read back while a flow runs (a survey's answers in progress), under a server key.

Plaintexts are padded to fixed buckets so ciphertext lengths do not tell choices apart.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from Crypto.Protocol.SecretSharing import Shamir
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

VERSION = b"\x01"
KEY_BYTES = 32
TRUSTEE_KEY_BYTES = 16  # Shamir in pycryptodome shares 128-bit secrets
NONCE_BYTES = 12
PAD_BLOCK = 64


class SealError(Exception):
    """A sealed value, wrapped key or share does not open: wrong key, tampered or truncated."""


@dataclass(frozen=True, slots=True)
class KeyPair:
    public: bytes  # 32 raw bytes
    private: bytes  # 32 raw bytes; never stored unwrapped

    @classmethod
    def generate(cls) -> KeyPair:
        private = X25519PrivateKey.generate()
        return cls(
            public=private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
            private=private.private_bytes_raw(),
        )


def _hkdf(material: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(material)


def pad(data: bytes, block: int = PAD_BLOCK) -> bytes:
    """Length-prefixed and zero-padded to a multiple of `block`."""
    framed = len(data).to_bytes(4, "big") + data
    return framed + b"\x00" * (-len(framed) % block)


def unpad(data: bytes) -> bytes:
    size = int.from_bytes(data[:4], "big")
    if size > len(data) - 4:
        raise SealError("bad padding")
    return data[4 : 4 + size]


def seal(public: bytes, plaintext: bytes, subject: str) -> bytes:
    """Encrypt to `public`: VERSION || ephemeral public key || AES-GCM ciphertext."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    okm = _hkdf(shared, ephemeral_public + public, b"unionbot seal v1", KEY_BYTES + NONCE_BYTES)
    key, nonce = okm[:KEY_BYTES], okm[KEY_BYTES:]  # a fresh key per box: the nonce never repeats
    body = AESGCM(key).encrypt(nonce, pad(plaintext), subject.encode())
    return VERSION + ephemeral_public + body


class Opener:
    """Opens boxes sealed to one key pair; lives in memory only for the count."""

    def __init__(self, private: bytes) -> None:
        self.private = private  # kept only so a count can hand it to its worker processes
        self._key = X25519PrivateKey.from_private_bytes(private)
        self._public = self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def open(self, sealed: bytes, subject: str) -> bytes:
        """Open a box made by `seal`; SealError if it is not for this key and subject."""
        if len(sealed) < 1 + 32 + 16 or sealed[:1] != VERSION:
            raise SealError("not a sealed value")
        ephemeral_public, body = sealed[1:33], sealed[33:]
        shared = self._key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        okm = _hkdf(
            shared, ephemeral_public + self._public, b"unionbot seal v1", KEY_BYTES + NONCE_BYTES
        )
        try:
            box = AESGCM(okm[:KEY_BYTES]).decrypt(okm[KEY_BYTES:], body, subject.encode())
        except InvalidTag:
            raise SealError("the sealed value does not open with this key") from None
        return unpad(box)


def wrap(kek: bytes, secret: bytes, label: str) -> bytes:
    """AES-GCM under `kek` (16 or 32 bytes): nonce || ciphertext; `label` is bound in."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(kek).encrypt(nonce, secret, label.encode())


def unwrap(kek: bytes, wrapped: bytes, label: str) -> bytes:
    try:
        return AESGCM(kek).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], label.encode())
    except (InvalidTag, ValueError):
        raise SealError("the key does not unwrap: wrong key or share") from None


def server_key(secret_key: str, purpose: str) -> bytes:
    """A 256-bit key for one purpose, derived from SECRET_KEY (never stored)."""
    return _hkdf(secret_key.encode(), b"unionbot server key", purpose.encode(), KEY_BYTES)


def seal_private(key: bytes, plaintext: bytes, label: str) -> bytes:
    """Symmetric sealing for what the bot reads back itself (padded like `seal`)."""
    return wrap(key, pad(plaintext), label)


def unseal_private(key: bytes, sealed: bytes, label: str) -> bytes:
    return unpad(unwrap(key, sealed, label))


# -- trustees: k-of-n shares of a key-encryption key ------------------------------------

_SHARE = re.compile(r"UBK1-([0-9A-F]{8})-(\d{1,3})-([A-Z2-7]{26})(?![A-Z2-7])")


@dataclass(frozen=True, slots=True)
class Share:
    """One trustee's piece of a key-encryption key, as text they can copy and paste."""

    key_id: str  # which key it belongs to (derived from the public key)
    index: int  # 1..n
    value: bytes  # 16 bytes

    def text(self) -> str:
        encoded = base64.b32encode(self.value).decode().rstrip("=")
        return f"UBK1-{self.key_id}-{self.index}-{encoded}"

    def digest(self) -> str:
        """What is stored to recognise this share (the share itself is high-entropy)."""
        return hashlib.sha256(f"{self.key_id}:{self.index}:".encode() + self.value).hexdigest()

    @classmethod
    def parse(cls, typed: str) -> Share | None:
        """A share pasted alone or within a message (spaces, line breaks and case forgiven)."""
        match = _SHARE.search(re.sub(r"\s+", "", typed).upper())
        if not match:
            return None
        value = base64.b32decode(match.group(3) + "======")
        return cls(match.group(1), int(match.group(2)), value)


def looks_like_share(text: str) -> bool:
    return "UBK1-" in text.upper()


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:8].upper()


def split(kek: bytes, needed: int, trustees: int, public: bytes) -> list[Share]:
    """Split a 16-byte key-encryption key so any `needed` of `trustees` shares rebuild it."""
    ident = key_id(public)
    return [Share(ident, index, value) for index, value in Shamir.split(needed, trustees, kek)]


def combine(shares: list[Share]) -> bytes:
    return Shamir.combine([(s.index, s.value) for s in shares])


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
