"""Small groups stay hidden: any breakdown merges groups under the threshold into "Other"."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

MIN_GROUP = 5
OTHER = "Other"

T = TypeVar("T")


def merge_small_groups(
    groups: Mapping[str | None, T],
    size: Callable[[T], int],
    combine: Callable[[T, T], T],
    minimum: int = MIN_GROUP,
) -> dict[str, T]:
    """Fold every group smaller than `minimum` (and unnamed ones) into OTHER.

    If OTHER itself ends up smaller than `minimum`, it is folded into the smallest
    remaining group, so that no published number describes fewer than `minimum` people.
    When everything together is below `minimum`, the result is empty: nothing is shown.
    """
    kept: dict[str, T] = {}
    other: T | None = None
    for name, value in groups.items():
        if name is None or name == OTHER or size(value) < minimum:
            other = value if other is None else combine(other, value)
        else:
            kept[name] = value
    if other is not None:
        if size(other) >= minimum:
            kept[OTHER] = other
        elif kept:
            smallest = min(kept, key=lambda n: size(kept[n]))
            kept[OTHER] = combine(kept.pop(smallest), other)
    return kept


def merge_counts(groups: Mapping[str | None, int], minimum: int = MIN_GROUP) -> dict[str, int]:
    """`merge_small_groups` for plain counts."""
    return merge_small_groups(groups, lambda n: n, lambda a, b: a + b, minimum)
