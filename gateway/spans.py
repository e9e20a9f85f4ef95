"""Findings over the joined request text: spread to every occurrence, then split per text field."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence

from detectors.model import Finding

_MIN_VALUE_CHARS = 2


def spread(findings: Sequence[Finding], text: str, types: Collection[str]) -> list[Finding]:
    """Add every other occurrence of a value already found (of a type to be acted on).

    A detector may miss a value in one place that it found in another (a label nearby changes its
    reading); once a value is known to be personal, it leaves nowhere in the clear.
    """
    ordered = sorted(findings, key=lambda f: (f.start, f.end))
    values = {f.text: f for f in ordered if f.entity in types and len(f.text) >= _MIN_VALUE_CHARS}
    if not values:
        return ordered
    pattern = re.compile("|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)))
    starts = [f.start for f in ordered]
    ends = [f.end for f in ordered]
    added = []
    for m in pattern.finditer(text):
        i = bisect.bisect_right(starts, m.start())
        overlaps = (i > 0 and ends[i - 1] > m.start()) or (i < len(starts) and starts[i] < m.end())
        if not overlaps:
            src = values[m.group()]
            added.append(Finding(src.entity, m.start(), m.end(), m.group(), src.score, "spread." + src.detector))
    return sorted([*ordered, *added], key=lambda f: (f.start, f.end)) if added else ordered


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
