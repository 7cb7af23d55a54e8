"""Sealing primitives and trustee shares: what opens, what does not, and what lengths show."""

from __future__ import annotations

import secrets

import pytest

from bot import sealing
from bot.sealing import KeyPair, Opener, SealError, Share


def test_a_sealed_value_opens_only_with_its_key_and_subject() -> None:
    pair, other = KeyPair.generate(), KeyPair.generate()
    box = sealing.seal(pair.public, b"\x00\x01", "vote:1")
    assert Opener(pair.private).open(box, "vote:1") == b"\x00\x01"
    with pytest.raises(SealError):
        Opener(other.private).open(box, "vote:1")
    with pytest.raises(SealError):
        Opener(pair.private).open(box, "vote:2")  # a ballot moved to another vote
    tampered = box[:-1] + bytes([box[-1] ^ 1])
    with pytest.raises(SealError):
        Opener(pair.private).open(tampered, "vote:1")


def test_sealing_twice_gives_unrelated_boxes_of_the_same_length() -> None:
    pair = KeyPair.generate()
    boxes = {sealing.seal(pair.public, bytes([choice]), "vote:1") for choice in (0, 1, 0, 1)}
    assert len(boxes) == 4  # no two ballots look alike, even for the same choice
    assert len({len(box) for box in boxes}) == 1
    short, long = b"ok", b"a much longer free-text answer about caseloads"
    assert len(sealing.seal(pair.public, short, "s")) == len(sealing.seal(pair.public, long, "s"))


def test_private_sealing_round_trips_and_binds_its_label() -> None:
    key = sealing.server_key("s" * 40, "progress")
    box = sealing.seal_private(key, b'{"q1": 3}', "survey:1:member:7")
    assert sealing.unseal_private(key, box, "survey:1:member:7") == b'{"q1": 3}'
    with pytest.raises(SealError):
        sealing.unseal_private(key, box, "survey:1:member:8")
    with pytest.raises(SealError):
        sealing.unseal_private(sealing.server_key("t" * 40, "progress"), box, "survey:1:member:7")


def test_any_two_of_three_shares_rebuild_the_key_and_one_does_not() -> None:
    pair = KeyPair.generate()
    kek = secrets.token_bytes(sealing.TRUSTEE_KEY_BYTES)
    wrapped = sealing.wrap(kek, pair.private, "k")
    shares = sealing.split(kek, 2, 3, pair.public)
    for a, b in ((0, 1), (1, 2), (2, 0)):
        assert sealing.unwrap(sealing.combine([shares[a], shares[b]]), wrapped, "k") == pair.private
    with pytest.raises(SealError):
        sealing.unwrap(sealing.combine([shares[0]]), wrapped, "k")


def test_a_share_survives_copying_by_hand_and_a_garbled_one_is_refused() -> None:
    share = sealing.split(secrets.token_bytes(16), 2, 3, KeyPair.generate().public)[1]
    text = share.text()
    assert Share.parse(text) == share
    assert Share.parse(f"  {text.lower()[:12]}\n{text[12:]} ") == share
    assert Share.parse(text[:-1]) is None
    assert Share.parse("hello") is None
    changed = Share(share.key_id, share.index, bytes(16))
    assert changed.digest() != share.digest()


async def test_a_count_gives_the_same_totals_in_a_thread_and_over_worker_processes() -> None:
    from bot.votes import sealed

    pair = KeyPair.generate()
    choices = [0, 1, 1, 2, 0, 1] * 10
    boxes = [sealing.seal(pair.public, sealed.plaintext(c), "vote:9") for c in choices]
    expected = (choices.count(0), choices.count(1), choices.count(2))
    opener = Opener(pair.private)
    assert await sealed.count_all(opener, boxes, "vote:9", 3) == expected  # a thread
    assert await sealed.count_all(opener, boxes, "vote:9", 3, parallel_from=0) == expected
    forged = [*boxes, sealing.seal(pair.public, sealed.plaintext(7), "vote:9")]
    with pytest.raises(SealError):  # a box holding no valid option stops the count
        await sealed.count_all(opener, forged, "vote:9", 3)
