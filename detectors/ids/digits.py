"""Digit runs of a normalised text: groups joined by spaces, hyphens or line breaks."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.columns import columns

# A separator inside one number: a hyphen or ・ (with stray spaces), up to three spaces, or a line break.
SEP: Final = r"(?:[ \t]{0,2}[-・][ \t]{0,2}|[ \t]{1,3}|[ \t]*\r?\n[ \t]*)"
# Not after a digit or a decimal/thousands/date mark, so "3.14159…", "1,234,567" and "2025/3/31"
# yield no identifier-like pieces.
# The look-behinds follow the first digit so sre can skip ahead to digits.
# After a slash, a run may still start with a group and a separator, or with eight digits:
# 「H12.3.1／2734-2679-9169」 is a date and a number in slash-separated fields, not one date.
_RUN_RE: Final = re.compile(
    rf"[0-9](?<![0-9][0-9])(?<![0-9][.,][0-9])(?:(?<![0-9]/[0-9])|(?=[0-9]{{1,3}}[-・]|[0-9]{{7}}))[0-9]*(?:{SEP}[0-9]+)*"
)
_GROUP_RE: Final = re.compile(r"[0-9]+")
_CACHE_KEY: Final = "ids.digit_runs"
_WINDOWS_KEY: Final = "ids.digit_windows"
_STARTS_KEY: Final = "ids.digit_run_starts"
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


# No identifier here is shorter than 4 digits or longer than 19 (card numbers).
MIN_DIGITS: Final = 4
MAX_DIGITS: Final = 19


def runs(artifacts: Artifacts) -> list[Run]:
    """Digit runs of the normalised text holding at least MIN_DIGITS digits, computed once per text."""
    cached = artifacts.cache.get(_CACHE_KEY)
    if cached is None:
        text = artifacts.normalized.text
        scan = _with_cells_cut(artifacts) if "\n" in text else text
        cached = []
        for m in _RUN_RE.finditer(scan):
            end = m.end()
            if end - m.start() < MIN_DIGITS:
                continue
            # Part of a date or a decimal (2025/3/31, 3.14), unless eight digits or more: 559337223483/090-…
            if end < len(scan) - 1 and scan[end] in ".,/" and scan[end + 1].isdigit() and end - m.start() < 8:
                continue
            if m.group().isdigit():
                groups: tuple[tuple[int, int], ...] = ((m.start(), end),)
                seps: tuple[str, ...] = ()
            else:
                groups = tuple((g.start(), g.end()) for g in _GROUP_RE.finditer(text, m.start(), end))
                seps = tuple(text[a[1] : b[0]] for a, b in itertools.pairwise(groups))
            cached.append(Run(groups, seps, text))
        artifacts.cache[_CACHE_KEY] = cached
    return cached


def _with_cells_cut(artifacts: Artifacts) -> str:
    """The text with what ends a table cell blanked (offsets kept): 00420017,080… is two numbers, and a
    row's last number does not run on into the next row's first (…,46563212233↵2025/01/09,…)."""
    text = artifacts.normalized.text
    cols = columns(artifacts)
    cuts = [e for e in cols.ends if e < len(text) and text[e] in ",\t\n"]
    if not cuts:
        return text
    chars = list(text)
    for e in cuts:
        chars[e] = ";"
    return "".join(chars)


def run_starts(artifacts: Artifacts) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Start and end offsets of every run, for "is there a number between" questions."""
    cached = artifacts.cache.get(_STARTS_KEY)
    if cached is None:
        # A year or an amount (2025年, 1234円) between a label and a number does not take the label.
        text = artifacts.normalized.text
        rs = [r for r in runs(artifacts) if not quantity_follows(text, r.end)]
        cached = (tuple(r.start for r in rs), tuple(r.end for r in rs))
        artifacts.cache[_STARTS_KEY] = cached
    return cached


def looks_like_date(text: str, w: Window) -> bool:
    """1946-09-15 or 2024-4-1: a date joined by hyphens is not an identifier."""
    if len(w.lengths) != 3 or w.lengths[0] != 4 or w.lengths[1] > 2 or w.lengths[2] > 2:
        return False
    if "-" not in text[w.start : w.end]:
        return False
    y, m, d = int(w.digits[:4]), int(w.digits[4 : 4 + w.lengths[1]]), int(w.digits[4 + w.lengths[1] :])
    return 1868 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31


def windows(artifacts: Artifacts, lengths: Iterable[int]) -> list[Window]:
    """Candidate numbers with a digit count in `lengths`, in text order; computed once per text."""
    by_length: dict[int, list[Window]] | None = artifacts.cache.get(_WINDOWS_KEY)
    if by_length is None:
        by_length = {}
        for run in runs(artifacts):
            for w in _run_windows(run):
                by_length.setdefault(len(w.digits), []).append(w)
        artifacts.cache[_WINDOWS_KEY] = by_length
    wanted = [by_length[n] for n in lengths if n in by_length]
    if len(wanted) == 1:
        return wanted[0]
    return sorted((w for ws in wanted for w in ws), key=lambda w: (w.start, w.end))


# A number written over more lines than this (1234↵5678↵9018 is three) is not sought; the cap keeps
# a column of thousands of numbers linear.
MAX_LINES_PER_NUMBER: Final = 4


def _run_windows(run: Run) -> Iterator[Window]:
    """Windows of a run: the whole run, or up to MAX_LINES_PER_NUMBER consecutive lines of it."""
    text = run.text
    n = len(run.groups)
    if n == 1 or not any("\n" in sep for sep in run.seps):
        s, e = run.start, run.end
        digits = text[s:e] if n == 1 else "".join(text[a:b] for a, b in run.groups)
        if MIN_DIGITS <= len(digits) <= MAX_DIGITS:
            yield Window(s, e, digits, tuple(b - a for a, b in run.groups), True)
        return
    # Lines: index ranges of groups between line breaks.
    lines: list[tuple[int, int]] = []
    first = 0
    for k, sep in enumerate(run.seps):
        if "\n" in sep:
            lines.append((first, k + 1))
            first = k + 1
    lines.append((first, n))
    for li in range(len(lines)):
        total = 0
        for lj in range(li, min(li + MAX_LINES_PER_NUMBER, len(lines))):
            a, b = lines[lj]
            total += sum(e - s for s, e in run.groups[a:b])
            if total > MAX_DIGITS:
                break
            if total >= MIN_DIGITS:
                gs = run.groups[lines[li][0] : b]
                yield Window(
                    gs[0][0],
                    gs[-1][1],
                    "".join(text[x:y] for x, y in gs),
                    tuple(y - x for x, y in gs),
                    li == 0 and lj == len(lines) - 1,
                )


# Letters written before a number as a label, not as part of a code: No.123…, ID 123…, #123.
_LABEL_LETTERS_RE: Final = re.compile(r"(?<![A-Za-z])(?:No|NO|no|Nr|ID|Id|id)$")


def letter_adjacent(text: str, start: int, end: int) -> bool:
    """Whether an ASCII letter touches the span (codes such as AB123456789012; not No123…)."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if after.isascii() and after.isalpha():
        return True
    if before.isascii() and before.isalpha():
        return _LABEL_LETTERS_RE.search(text, max(0, start - 3), start) is None
    return False


def quantity_follows(text: str, end: int) -> bool:
    """Whether a unit such as 円 or 件 follows, possibly after one space."""
    return _QUANTITY_RE.match(text, end) is not None
