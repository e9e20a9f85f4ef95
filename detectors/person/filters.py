"""Spans shaped like names that the text marks as something else: a quoted title, a club (ACミラン)."""

from __future__ import annotations

import re
from typing import Final

from detectors.person.chars import KATAKANA_NAME_RE as _KATAKANA_RE

# Latin prefixes of club names right before the name (ACミラン, FC町田ゼルビア, SCバスティア, ASナンシー).
_CLUB_RE: Final = re.compile(r"(?<![A-Za-z])(?:FC|AC|AS|SC|CR|CF|CD|SS|US|SV|VfB|VfL|TSG|RC|AFC|JP)$")
_QUOTES: Final = {"「": "」", "『": "』", "“": "”", "〈": "〉", "《": "》"}


def not_a_person(text: str, s: int, e: int, score: float) -> bool:
    """A club name, or katakana filling a quotation of its own (「ハミング」, 『アイ・ラブ・ルーシー』) with no cue."""
    if s > 0 and _CLUB_RE.search(text, max(0, s - 4), s):
        return True
    # Kanji names in quotes (「山田太郎」と名乗る男) and names with an honorific or title stay: masking them is the point.
    if s > 0 and e < len(text) and score < 0.85 and _KATAKANA_RE.fullmatch(text, s, e):
        close = _QUOTES.get(text[s - 1])
        if close is not None and text[e] == close:
            return True
    return False
