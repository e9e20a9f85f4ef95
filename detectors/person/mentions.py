"""Later mentions of a name found in full in the same text: ジャック・ワーナー … ワーナーが; 田端正広 … 田端を."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Final

from detectors.morphology import NOUN, PLACE, PROPN, SEI, SYM, Tokens
from detectors.person.chars import JOINERS as _JOINERS
from detectors.person.chars import KANJI_RUN_RE as _KANJI_RE
from detectors.person.covered import Covered
from detectors.person.cues import is_katakana

_GLUED: Final = frozenset({NOUN, PROPN, PLACE})


def mentions(
    t: Tokens, spans: list[tuple[int, int, float]], not_person_after: Callable[[int], bool]
) -> list[tuple[int, int, float]]:
    """Later mentions of a name already found in full: ジャック・ワーナー … ワーナーが; 山田太郎 … 山田は."""
    keys: set[str] = set()
    text = t.text
    for s, e, score in spans:
        if score < 0.75:
            continue
        name = text[s:e]
        parts = [p for p in re.split(r"[・＝= ]", name) if len(p) >= 2]
        if len(parts) > 1:
            keys.add(parts[-1])
        elif len(name) >= 3 and _KANJI_RE.fullmatch(name):
            # 田端正広 … 田端を破り: the family name Sudachi tagged 姓 at the start of a kanji full name.
            i = bisect.bisect_left(t.begins, s)
            if i < len(t) and t.kinds[i] == SEI and t.ends[i] - s >= 2 and t.ends[i] < e:
                keys.add(text[s : t.ends[i]])
    if not keys:
        return []
    covered = Covered((s, e) for s, e, _ in spans)
    out: list[tuple[int, int, float]] = []
    begins = t.begins
    for key in keys:
        at = text.find(key)
        while at >= 0:
            i = bisect.bisect_left(begins, at)
            found = i < len(begins) and begins[i] == at
            at = text.find(key, at + 1)
            # A whole token, not glued to more katakana, not inside a name already found.
            if not found or t.ends[i] != begins[i] + len(key):
                continue
            s, e = t.begins[i], t.ends[i]
            if (i > 0 and t.kinds[i - 1] == SYM and t.surface(i - 1) in _JOINERS) or covered.overlaps(s, e):
                continue
            if i + 1 < len(t) and (t.surface(i + 1) in _JOINERS or is_katakana(t.surface(i + 1))):
                continue
            # 大塚守康 … 大塚造園: a noun glued after it makes the family name part of a firm's name.
            if i + 1 < len(t) and t.kinds[i + 1] in _GLUED and _KANJI_RE.match(text, e):
                continue
            if not_person_after(e):
                continue
            out.append((s, e, 0.7))
    return sorted(out)
