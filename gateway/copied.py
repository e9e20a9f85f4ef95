"""Where an answer repeats the prompt word for word, and what of it output screening still has to read.

Screening lets through any value whose text the caller sent (`OutputGuard._added`), so a finding lying
wholly inside a stretch copied from the prompt is let through whatever it is: reading that stretch
again can only find what would be let through. A model asked to correct, reformat or translate part of
a pasted document hands much of it back, and a full scan of a long answer costs milliseconds.

What is read instead is the rest: each stretch not copied, with `MARGIN` characters of the copy on
either side (a finding that crosses the border, or the label before it, 担当：, 電話番号は, is still seen),
the windows read in one pass (`Scanner.detect_many`) so a name found in one can be seen again in another.
Only copies of at least `MIN_COPY` characters are skipped; a shorter one is read with the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

BLOCK: Final = 32  # the prompt is indexed in blocks of this many characters
MIN_COPY: Final = 192  # a copy shorter than this is read anyway (each window costs a fixed share of a scan)
MARGIN: Final = 64  # characters of a copy read on each side of what was not copied

Span = tuple[int, int]


def copies(answer: str, prompt: str) -> list[Span]:
    """Stretches `(start, end)` of `answer`, in order and disjoint, each at least MIN_COPY characters long
    and equal to some stretch of `prompt`."""
    if len(answer) < MIN_COPY or len(prompt) < MIN_COPY:
        return []
    blocks: dict[str, int] = {}
    for at in range(0, len(prompt) - BLOCK + 1, BLOCK):
        blocks.setdefault(prompt[at : at + BLOCK], at)
    out: list[Span] = []
    i, n = 0, len(answer)
    while i + BLOCK <= n:
        j = blocks.get(answer[i : i + BLOCK])
        if j is None:
            i += 1
            continue
        start = i - _common_suffix(answer, i, prompt, j)
        end = i + BLOCK + _common_prefix(answer, i + BLOCK, prompt, j + BLOCK)
        if out and start < out[-1][1]:
            start = out[-1][1]  # both are copies: the earlier one keeps the characters they share
        if end - start >= MIN_COPY:
            out.append((start, end))
            i = end
        else:
            i += 1
    return out


def windows(length: int, copied: Sequence[Span]) -> list[Span]:
    """What is left to read of a text of `length` characters: its stretches outside `copied`, each widened
    by MARGIN into the copies around it, overlapping ones merged."""
    out: list[Span] = []
    at = 0
    for start, end in (*copied, (length, length)):
        if start > at:
            lo, hi = max(at - MARGIN, 0), min(start + MARGIN, length)
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
        at = end
    return out


def _common_prefix(a: str, i: int, b: str, j: int) -> int:
    """How many characters a[i:] and b[j:] have in common at their start."""
    n, step = 0, 64
    limit = min(len(a) - i, len(b) - j)
    while step:
        while n + step <= limit and a[i + n : i + n + step] == b[j + n : j + n + step]:
            n += step
        step //= 4
    return n


def _common_suffix(a: str, i: int, b: str, j: int) -> int:
    """How many characters a[:i] and b[:j] have in common at their end."""
    n, step = 0, 64
    limit = min(i, j)
    while step:
        while n + step <= limit and a[i - n - step : i - n] == b[j - n - step : j - n]:
            n += step
        step //= 4
    return n
