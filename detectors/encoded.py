"""Detection inside encoded runs: scan the decoded text, and let a finding there cover the whole run.

The runs (detectors.encodings) are replaced by their decoded text in a view of the text around them;
the scanner's own detection reads that view. A finding or marking that touches a run is mapped back
to the original text as the whole run (with any plain text it also covers), typed as it was found
and with a detector id that says it was decoded: `encoded.base64.PERSON`. Masking, pseudonymising
or blocking that finding therefore covers every character of the encoded value.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from detectors.encodings import Run, find_runs, might_be_encoded
from detectors.model import PERSONAL_ENTITY_TYPES, Finding, Marking

if TYPE_CHECKING:
    from detectors.normalize import NormalizedText

# Characters of plain text kept on each side of a run, so labels (氏名：, 電話) still give context.
CONTEXT_CHARS: Final = 96
_GAP: Final = "\n\n"


@dataclass(frozen=True, slots=True)
class _Piece:
    view_start: int
    start: int  # in the original text
    end: int
    run: Run | None  # None: text copied as it is (or the gap between two windows)


class _View:
    """The windows around the runs, runs decoded, with a map back to the original offsets."""

    def __init__(self, text: str, runs: Sequence[Run]) -> None:
        parts: list[str] = []
        self.pieces: list[_Piece] = []
        pos = 0  # view offset
        windows = _windows(len(text), runs)
        k = 0
        for w_start, w_end in windows:
            if parts:
                self.pieces.append(_Piece(pos, w_start, w_start, None))
                parts.append(_GAP)
                pos += len(_GAP)
            at = w_start
            while k < len(runs) and runs[k].start < w_end:
                run = runs[k]
                if run.start > at:
                    self.pieces.append(_Piece(pos, at, run.start, None))
                    parts.append(text[at : run.start])
                    pos += run.start - at
                self.pieces.append(_Piece(pos, run.start, run.end, run))
                parts.append(run.decoded)
                pos += len(run.decoded)
                at = run.end
                k += 1
            if w_end > at:
                self.pieces.append(_Piece(pos, at, w_end, None))
                parts.append(text[at:w_end])
                pos += w_end - at
        self.text = "".join(parts)
        self._starts = [p.view_start for p in self.pieces]

    def original(self, start: int, end: int) -> tuple[int, int, Run] | None:
        """The original span of view span [start, end), widened to whole runs; None if it touches no run."""
        first = bisect.bisect_right(self._starts, start) - 1
        last = bisect.bisect_right(self._starts, end - 1) - 1
        touched = next((p.run for p in self.pieces[first : last + 1] if p.run is not None), None)
        if touched is None:
            return None
        return self._at(self.pieces[first], start, False), self._at(self.pieces[last], end, True), touched

    def point(self, at: int) -> int:
        """The original offset of view offset `at` (the start of its run, inside one)."""
        p = self.pieces[max(bisect.bisect_right(self._starts, at) - 1, 0)]
        return self._at(p, at, False)

    @staticmethod
    def _at(p: _Piece, offset: int, is_end: bool) -> int:
        if p.run is not None:
            return p.end if is_end else p.start
        return min(p.start + (offset - p.view_start), p.end)


Found = tuple[list[Finding], list[Marking], list[tuple[int, str]]]


def with_encoded(
    text: str, plain: Found, detect: Callable[[str], Found], normalized: NormalizedText | None = None
) -> Found:
    """`plain` (findings, markings and keyword hits of `text` as written) plus what `detect` finds in
    the encoded runs of `text`; `normalized`, if given, is `text` normalised (used where it is of `text`)."""
    if not might_be_encoded(text):
        return plain
    runs = _runs(text, normalized)
    if not runs:
        return plain
    view = _View(text, runs)
    seen_findings, seen_markings, seen_hits = detect(view.text)
    found: list[tuple[Finding, str]] = []
    for f in seen_findings:
        span = view.original(f.start, f.end)
        if span is not None:
            s, e, run = span
            found.append((Finding(f.entity, s, e, text[s:e], f.score, f.detector), run.kind))
    markings = list(plain[1])
    for m in seen_markings:
        span = view.original(m.start, m.end)
        if span is not None:
            markings.append(Marking(m.label, span[0], span[1], text[span[0] : span[1]]))
    # Keyword hits in the context around a run are the plain pass's own again: harmless twice.
    hits = plain[2] + [(view.point(at), label) for at, label in seen_hits]
    if not found and len(markings) == len(plain[1]):
        return plain[0], plain[1], hits
    markings.sort(key=lambda m: (m.start, m.end))
    return _merge(text, plain[0], found), markings, hits


def _runs(text: str, normalized: NormalizedText | None = None) -> list[Run]:
    """The runs of `text`, looked for in its normalised form: full-width letters and characters that
    do not show cannot hide a run (「ＭＤｋｗ…」, 「%E5%B1\u200b%B1」); offsets index `text`."""
    from detectors.normalize import normalize

    norm = normalized if normalized is not None and normalized.original == text else normalize(text)
    runs = find_runs(norm.text)
    if norm.text == text:
        return runs
    out: list[Run] = []
    for r in runs:
        s, e = norm.to_original(r.start, r.end)
        out.append(Run(r.kind, s, e, r.decoded))
    return out


def _windows(length: int, runs: Sequence[Run]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for r in runs:
        s, e = max(0, r.start - CONTEXT_CHARS), min(length, r.end + CONTEXT_CHARS)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _priority(f: Finding) -> tuple[int, float]:
    # One finding stands for a whole run: the type that decides most (個人番号 blocks) names it.
    if f.entity == "MY_NUMBER":
        return (0, -f.score)
    return (1 if f.entity in PERSONAL_ENTITY_TYPES else 2, -f.score)


def _merge(text: str, plain: Sequence[Finding], decoded: list[tuple[Finding, str]]) -> list[Finding]:
    """Plain findings, and one finding over each group of overlapping ones that involves a run."""
    items: list[tuple[Finding, str | None]] = [(f, None) for f in plain]
    items.extend(decoded)
    items.sort(key=lambda x: (x[0].start, x[0].end))
    out: list[Finding] = []
    group: list[tuple[Finding, str | None]] = []
    group_end = -1
    for item in [*items, None]:
        if item is not None and group and item[0].start < group_end:
            group.append(item)
            group_end = max(group_end, item[0].end)
            continue
        if group:
            kinds = [k for _, k in group if k is not None]
            if not kinds:
                out.extend(f for f, _ in group)
            else:
                lead = min((f for f, _ in group), key=_priority)
                s, e = group[0][0].start, group_end
                out.append(Finding(lead.entity, s, e, text[s:e], lead.score, f"encoded.{kinds[0]}.{lead.entity}"))
        if item is not None:
            group, group_end = [item], item[0].end
    return out
