"""Spans found so far, asked whether a new span overlaps any of them (the later-mention passes' check)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Covered:
    """Spans found so far, asked whether a new span overlaps any of them; by bisect, because a dense
    text holds thousands of both."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # _reach[k]: the furthest end among ordered[0..k]
        for _, e in ordered:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start
