"""Digit runs of a normalised text: groups joined by spaces, hyphens or line breaks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from detectors.detector import Artifacts

# A separator inside one number: a hyphen (with stray spaces), one or two spaces, or a line break.
SEP: Final = r"(?:[ \t]{0,2}-[ \t]{0,2}|[ \t]{1,2}|[ \t]*\r?\n[ \t]*)"
# Not after a digit or a decimal/thousands mark, so "3.14159…" and "1,234,567" are not IDs.
_RUN_RE: Final = re.compile(rf"(?<![0-9])(?<![0-9][.,])[0-9]+(?:{SEP}[0-9]+)*")
_GROUP_RE: Final = re.compile(r"[0-9]+")
_CACHE_KEY: Final = "ids.digit_runs"
# A unit after a number makes it a quantity, not an identifier (but 名義 or 年金 are words, not units).
_QUANTITY_RE: Final = re.compile(r" ?(?:[円万億兆件個歳%台枚本回倍月日時分秒]|人(?!口)|名(?![義前称簿])|年(?!金))")


@dataclass(frozen=True, slots=True)
class Run:
    """Digit groups of one number-like stretch; offsets index the normalised text."""

    groups: tuple[tuple[int, int], ...]
    seps: tuple[str, ...]
    text: str

    @property
    def start(self) -> int:
        return self.groups[0][0]

    @property
    def end(self) -> int:
        return self.groups[-1][1]


@dataclass(frozen=True, slots=True)
class Window:
    """Consecutive groups of a run taken as one candidate number."""

    start: int
    end: int
    digits: str
    lengths: tuple[int, ...]
    whole: bool  # the window is the whole run


def runs(artifacts: Artifacts) -> list[Run]:
    """Digit runs of the normalised text, computed once per text."""
    cached = artifacts.cache.get(_CACHE_KEY)
    if cached is None:
        text = artifacts.normalized.text
        cached = []
        for m in _RUN_RE.finditer(text):
            end = m.end()
            if end < len(text) - 1 and text[end] in ".," and text[end + 1].isdigit():
                continue
            groups = tuple((g.start(), g.end()) for g in _GROUP_RE.finditer(text, m.start(), end))
            seps = tuple(text[a[1] : b[0]] for a, b in zip(groups, groups[1:]))
            cached.append(Run(groups, seps, text))
        artifacts.cache[_CACHE_KEY] = cached
    return cached


def windows(run: Run, lengths: set[int]) -> Iterator[Window]:
    """Windows of `run` whose digit count is in `lengths`; inner windows only at line breaks."""
    text = run.text
    n = len(run.groups)
    for i in range(n):
        if i > 0 and "\n" not in run.seps[i - 1]:
            continue
        total = 0
        for j in range(i, n):
            s, e = run.groups[j]
            total += e - s
            if total > max(lengths):
                break
            last = j == n - 1
            if total in lengths and (last or "\n" in run.seps[j]):
                gs = run.groups[i : j + 1]
                yield Window(
                    gs[0][0],
                    gs[-1][1],
                    "".join(text[a:b] for a, b in gs),
                    tuple(b - a for a, b in gs),
                    i == 0 and last,
                )


def letter_adjacent(text: str, start: int, end: int) -> bool:
    """Whether an ASCII letter touches the span (codes such as AB123456789012)."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())


def quantity_follows(text: str, end: int) -> bool:
    """Whether a unit such as 円 or 件 follows, possibly after one space."""
    return _QUANTITY_RE.match(text, end) is not None
