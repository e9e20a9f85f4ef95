"""Findings over the joined request text: spread to every occurrence, then split per text field."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Mapping, Sequence

from detectors.model import Finding

_MIN_VALUE_CHARS = 2


# What a value found once carries to its other occurrences: entity, score, detector.
Source = tuple[str, float, str]


def spread(findings: Sequence[Finding], text: str, types: Collection[str]) -> list[Finding]:
    """Add every other occurrence of a value already found (of a type to be acted on).

    A detector may miss a value in one place that it found in another (a label nearby changes its
    reading); once a value is known to be personal, it leaves nowhere in the clear.
    """
    ordered = sorted(findings, key=lambda f: (f.start, f.end))
    return spread_values(ordered, text, acted_values(ordered, types))


def acted_values(ordered: Sequence[Finding], types: Collection[str]) -> dict[str, Source]:
    """Each value found (of a type to be acted on) with what the last finding of it carries."""
    return {f.text: (f.entity, f.score, f.detector) for f in ordered if f.entity in types and len(f.text) >= _MIN_VALUE_CHARS}


def spread_values(ordered: Sequence[Finding], text: str, values: Mapping[str, Source], pos: int = 0) -> list[Finding]:
    """`ordered` (sorted by start, none before `pos`) with every other occurrence of `values` from `pos` on."""
    added = spread_added(ordered, text, values, pos)
    return sorted([*ordered, *added], key=lambda f: (f.start, f.end)) if added else list(ordered)


def spread_added(ordered: Sequence[Finding], text: str, values: Mapping[str, Source], pos: int = 0) -> list[Finding]:
    """The findings `spread_values` adds: occurrences of `values` from `pos` on that no finding overlaps."""
    present = [v for v in values if text.find(v, pos) >= 0]
    if not present:
        return []
    pattern = re.compile("|".join(re.escape(v) for v in sorted(present, key=len, reverse=True)))
    starts = [f.start for f in ordered]
    ends = [f.end for f in ordered]
    added = []
    for m in pattern.finditer(text, pos):
        i = bisect.bisect_right(starts, m.start())
        overlaps = (i > 0 and ends[i - 1] > m.start()) or (i < len(starts) and starts[i] < m.end())
        if not overlaps:
            entity, score, detector = values[m.group()]
            added.append(Finding(entity, m.start(), m.end(), m.group(), score, "spread." + detector))
    return added


def per_text(findings: Sequence[Finding], texts: Sequence[str], offsets: Sequence[int]) -> list[list[Finding]]:
    """Findings of each text, re-based to it; one that crosses a boundary is clipped to each side
    rather than dropped, so no part of it is sent in the clear. `findings` sorted by start."""
    ends = [f.end for f in findings]
    out: list[list[Finding]] = []
    for text, start in zip(texts, offsets, strict=True):
        end = start + len(text)
        local = []
        # Findings do not nest, so their ends are ordered like their starts.
        for f in findings[bisect.bisect_right(ends, start) :]:
            if f.start >= end:
                break
            s, e = max(f.start, start), min(f.end, end)
            if s < e:
                local.append(Finding(f.entity, s - start, e - start, text[s - start : e - start], f.score, f.detector))
        out.append(local)
    return out
