"""Which predicted spans count as finding which gold spans, exactly or by overlap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from detectors.evaluation.dataset import Span

MatchMode = Literal["overlap", "exact"]
MATCH_MODES: tuple[MatchMode, ...] = ("overlap", "exact")


def match_spans(gold: Sequence[Span], predicted: Sequence[Span], mode: MatchMode) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of the same type; overlap pairs the largest overlaps first."""
    candidates: list[tuple[int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if g.type != p.type:
                continue
            if mode == "exact":
                if (g.start, g.end) == (p.start, p.end):
                    candidates.append((0, 0, gi, pi))
                continue
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((-overlap, abs(g.start - p.start) + abs(g.end - p.end), gi, pi))
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for *_, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def covered(gold: Sequence[Span], predicted: Sequence[Span], mode: MatchMode) -> tuple[set[int], set[int]]:
    """Indices of gold spans found and of predictions that are right.

    exact: one-to-one, same type and offsets. overlap: a gold span is found when any prediction of its type
    shares a character with it, and a prediction is right when it shares one with any gold span of its type,
    so a name reported as 姓 and 名 separately, or two names reported as one span, are not penalised: for
    masking, every character is covered either way.
    """
    if mode == "exact":
        pairs = match_spans(gold, predicted, mode)
        return {g for g, _ in pairs}, {p for _, p in pairs}

    def touches(a: Span, b: Span) -> bool:
        return a.type == b.type and a.start < b.end and b.start < a.end

    hit_g = {i for i, g in enumerate(gold) if any(touches(g, p) for p in predicted)}
    hit_p = {j for j, p in enumerate(predicted) if any(touches(g, p) for g in gold)}
    return hit_g, hit_p
