"""Choosing non-overlapping spans by rank, in O(n log n)."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar


class HasSpan(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=HasSpan)


def pick_non_overlapping(items: Iterable[T], rank: Callable[[T], Any]) -> list[T]:
    """Keep the best-ranked items (lowest ``rank``) that overlap nothing kept; text order."""
    starts: list[tuple[int, int]] = []  # (start, end) of kept items, sorted
    kept: list[T] = []
    for item in sorted(items, key=rank):
        i = bisect_left(starts, (item.start, item.end))
        if i > 0 and starts[i - 1][1] > item.start:
            continue
        if i < len(starts) and starts[i][0] < item.end:
            continue
        insort(starts, (item.start, item.end))
        kept.append(item)
    return sorted(kept, key=lambda item: item.start)
