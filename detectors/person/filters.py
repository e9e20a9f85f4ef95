"""Spans shaped like names that the text marks as something else: a quoted title, a club (ACミラン)."""

from __future__ import annotations

import re
from typing import Final

from detectors.person.chars import KANJI_RE as _KANJI_RE
from detectors.person.chars import KATAKANA_NAME_RE as _KATAKANA_RE

# Latin prefixes of club names right before the name (ACミラン, FC町田ゼルビア, SCバスティア, ASナンシー).
_CLUB_RE: Final = re.compile(r"(?<![A-Za-z])(?:FC|AC|AS|SC|CR|CF|CD|SS|US|SV|VfB|VfL|TSG|RC|AFC|JP)$")
_QUOTES: Final = {"「": "」", "『": "』", "“": "”", "〈": "〉", "《": "》"}
# A span that ends in a kind of place or facility is that place (浦田団地, 緑ケ丘住宅), not a person.
_PLACE_END_RE: Final = re.compile(r"(?:団地|住宅|荘|寮|公園|会館|病院|小学校|中学校|保育園|幼稚園)$")
# An English title is what comes before a name, never the name (Mrs. Priya Patel).
_TITLES: Final = frozenset("Mr Mrs Ms Miss Mx Dr Prof Sir Madam MR MRS MS MISS DR".split())


def bare_title(entity: str, text: str) -> bool:
    """A PERSON finding, from any detector, that is only an English title (Mrs, Dr.)."""
    return entity == "PERSON" and text.rstrip(".") in _TITLES


def not_a_person(text: str, s: int, e: int, score: float) -> bool:
    """A club name, a district after 大字 or 字, a place ending in 団地 or the like, or katakana filling a
    quotation of its own (「ハミング」, 『アイ・ラブ・ルーシー』) with no cue."""
    if s > 0 and _CLUB_RE.search(text, max(0, s - 4), s):
        return True
    # What follows 大字 or a standalone 字 is a district (大字上河原, 字宮ノ前), never a person; 名字 and 文字
    # are words of their own, so a 字 counts only after 大 or where no kanji stands before it.
    if s > 0 and text[s - 1] == "字" and (s < 2 or text[s - 2] == "大" or not _KANJI_RE.match(text, s - 2)):
        return True
    if _PLACE_END_RE.search(text, s, e):
        return True
    # Kanji names in quotes (「山田太郎」と名乗る男) and names with an honorific or title stay: masking them is the point.
    if s > 0 and e < len(text) and score < 0.85 and _KATAKANA_RE.fullmatch(text, s, e):
        close = _QUOTES.get(text[s - 1])
        if close is not None and text[e] == close:
            return True
    return False
