"""Names listed next to a name already found: 「クリエン、フィジケラ、モンタニー」「サンドマンやサブゥー」."""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.morphology import NAME_KINDS, SYM, Tokens

_NAMEISH: Final = NAME_KINDS
_KATAKANA_RE: Final = re.compile(r"[ァ-ヺー]{2,}(?:[・＝=][ァ-ヺー]{2,})*")
# Separators of a list of people; ・ is left out, it joins the parts of one foreign name.
_SEPARATORS: Final = frozenset({"、", "や", "と", "および", "及び", "，"})
# What may follow the last item of a list: a particle, punctuation, ら or など.
_LIST_ENDS: Final = frozenset({"、", "。", "や", "と", "ら", "など", "の", "は", "が", "を", "に", "も", "，", "）", ")", "」"})


def listed_names(
    t: Tokens, spans: list[tuple[int, int, float]], min_score: float = 0.75
) -> list[tuple[int, int, float]]:
    """Katakana words in a list (、 や と) with a katakana name found with confidence; each gets a lower score."""
    text = t.text
    covered = sorted((s, e) for s, e, _ in spans)
    starts = [s for s, _ in covered]
    out: list[tuple[int, int, float]] = []
    seen: set[int] = set()
    queue = [(s, e) for s, e, score in spans if score >= min_score and _KATAKANA_RE.fullmatch(text, s, e)]
    while queue:
        s, e = queue.pop()
        for cand in (_after(t, e), _before(t, s)):
            if cand is None or cand[0] in seen:
                continue
            cs, ce = cand
            i = bisect.bisect_left(starts, ce)
            if i > 0 and covered[i - 1][1] > cs:
                continue  # already part of a finding
            seen.add(cs)
            out.append((cs, ce, 0.7))
            queue.append((cs, ce))
    return sorted(out)


def _token(t: Tokens, begin: int) -> int:
    i = bisect.bisect_left(t.begins, begin)
    return i if i < len(t.begins) and t.begins[i] == begin else -1


def _is_candidate(t: Tokens, s: int, e: int) -> bool:
    """A whole katakana word or ・-joined name, not a place, ending where a list item ends."""
    i, j = _token(t, s), _token(t, e)
    if i < 0 or (j < 0 and e < len(t.text)):
        return False
    j = len(t) if j < 0 else j
    # Dictionary nouns (シーズン, オーナー) are roles and things; a name is unknown to it or tagged as one.
    if any(not (t.oov[x] or t.kinds[x] in _NAMEISH) for x in range(i, j) if t.kinds[x] != SYM):
        return False
    return j >= len(t) or t.surface(j) in _LIST_ENDS


def _after(t: Tokens, e: int) -> tuple[int, int] | None:
    j = _token(t, e)
    if j < 0 or j + 1 >= len(t) or t.surface(j) not in _SEPARATORS:
        return None
    m = _KATAKANA_RE.match(t.text, t.begins[j + 1])
    if m is None:
        return None
    return (m.start(), m.end()) if _is_candidate(t, m.start(), m.end()) else None


def _before(t: Tokens, s: int) -> tuple[int, int] | None:
    i = _token(t, s)
    if i < 2 or t.surface(i - 1) not in _SEPARATORS:
        return None
    end = t.begins[i - 1]
    k = end
    while k > 0 and ("ァ" <= t.text[k - 1] <= "ヺ" or t.text[k - 1] in "ー・＝="):
        k -= 1
    m = _KATAKANA_RE.fullmatch(t.text, k, end)
    if m is None:
        return None
    return (k, end) if _is_candidate(t, k, end) else None
