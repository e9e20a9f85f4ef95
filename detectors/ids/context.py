"""Label words near a number ("個人番号", "免許証", "伝票番号" …) that tell look-alike numbers apart."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.digits import run_starts
from detectors.ids.labels import LABELS, trie_pattern

_KIND_OF: Final = {w: kind for kind, words in LABELS.items() for w in words}
# Longest match wins because the trie is greedy: 被保険者番号 is not read as 保険者番号.
_LABEL_RE: Final = re.compile(trie_pattern(list(_KIND_OF)))
# What may stand between a number and a label written after it: "123456789018（個人番号）".
_AFTER_GAP_RE: Final = re.compile(r"[ \t]*[(（\[【]?[ \t]*")

# Any other "…番号" / "…コード" (事業番号, 受給者番号, 証明書番号 …) names a number that is
# none of ours; it is kind GENERIC_NEG, which weighs like NEG for look-alikes of the checksummed
# IDs but does not hide a phone number, whose shape speaks for itself.
_GENERIC_TAIL_RE: Final = re.compile(r"番号|コード")
_GENERIC_HEAD_RE: Final = re.compile(r"[一-龥々ァ-ヶー]{1,8}$")
GENERIC_NEG: Final = "GENERIC_NEG"

BACK_WINDOW: Final = 24
_CACHE_KEY: Final = "ids.labels"


@dataclass(frozen=True, slots=True)
class Labels:
    """Every label occurrence in a normalised text, sorted by end offset."""

    ends: tuple[int, ...]
    starts: tuple[int, ...]
    kinds: tuple[str, ...]


def labels(artifacts: Artifacts) -> Labels:
    """The labels of `artifacts.normalized.text`, computed once per text."""
    cached = artifacts.cache.get(_CACHE_KEY)
    if cached is None:
        text = artifacts.normalized.text
        found = [(m.end(), m.start(), _KIND_OF[m.group()]) for m in _LABEL_RE.finditer(text)]
        if "番号" in text or "コード" in text:
            found = _with_generic(text, found)
        cached = Labels(tuple(f[0] for f in found), tuple(f[1] for f in found), tuple(f[2] for f in found))
        artifacts.cache[_CACHE_KEY] = cached
    return cached


def _with_generic(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Add GENERIC_NEG labels for "…番号" words that overlap no known label."""
    extra: list[tuple[int, int, str]] = []
    # Known labels do not overlap one another (one finditer pass), so their ends rise with their
    # starts: the one label that can overlap [start, end) is the first ending after `start`.
    # (A scan of every label per "番号" made 10,000 labels take seconds.)
    ends = [e for e, _, _ in found]
    for tail in _GENERIC_TAIL_RE.finditer(text):
        head = _GENERIC_HEAD_RE.search(text, max(0, tail.start() - 8), tail.start())
        if head is None:
            continue
        start, end = head.start(), tail.end()
        k = bisect_right(ends, start)
        if k < len(found) and found[k][1] < end:
            continue
        extra.append((end, start, GENERIC_NEG))
    return sorted(found + extra) if extra else found


def nearest_label(artifacts: Artifacts, start: int, end: int, back: int = BACK_WINDOW) -> str | None:
    """Kind of the closest label ending before `start` (within `back` chars) or directly after `end`.

    A label before the number belongs to the first number after it: when another number stands
    in between ("被保険者番号 0009965202、1946-09-15"), the label does not reach this one.
    """
    lab = labels(artifacts)
    i = bisect_right(lab.ends, start) - 1
    if i >= 0 and start - lab.ends[i] <= back and not _number_between(artifacts, lab.ends[i], start):
        return lab.kinds[i]
    j = bisect_right(lab.ends, end)
    text = artifacts.normalized.text
    gap = _AFTER_GAP_RE.match(text, end)
    after = gap.end() if gap else end
    for k in range(j, min(j + 3, len(lab.starts))):
        if lab.starts[k] == after:
            return lab.kinds[k]
    return None


def _number_between(artifacts: Artifacts, lo: int, hi: int) -> bool:
    starts, ends = run_starts(artifacts)
    k = bisect_right(starts, lo)
    return k < len(starts) and ends[k] <= hi


def has_label(artifacts: Artifacts, kind: str, start: int, end: int, back: int = 40) -> bool:
    """Whether a label of `kind` occurs within `back` chars before `start` (not only the nearest one)."""
    lab = labels(artifacts)
    i = bisect_right(lab.ends, start) - 1
    while i >= 0 and start - lab.ends[i] <= back:
        if lab.kinds[i] == kind:
            return True
        i -= 1
    return nearest_label(artifacts, start, end, back=0) == kind
