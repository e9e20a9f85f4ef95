"""Addresses written in a region's own land divisions, where no 丁目 or 番地 block follows a town.

Hokkaido's rural grid (東4線北12号), Iwate's 地割, the numbered divisions of a 大字 (湯本30地割18番地,
細内1地割9番地2, 岩手町大字川口第10地割45), and the イロハ sections of a 大字 in Hokuriku (大字上野ハ47番地,
桜木ニ102): the division with a lot number after it is written for nothing but a place, so the span runs
from the 大字 (and the town before it) to the lot and a building.
"""

from __future__ import annotations

import re
from typing import Final

from detectors.openings import Before
from detectors.recognizers.address_town import BUILDING_RE, town_chain_start

# Hokkaido's rural grid, written by the lines and numbers its land was surveyed in: 東4線北12号,
# パンケ東1線南3号, 字シュマリ西2線北6号 (a 番地 may follow), or a lot on the line (字千住南9線186番地). A line
# alone (東3線) is a road, not an address.
_SEN_GO_NUM: Final = "[0-9一二三四五六七八九十]{1,3}"
_CITY: Final = "(?:[一-龥]{2,3}[都道府県])?[一-龥]{1,6}?[市町村]"
_SEN_GO_RE: Final = re.compile(
    f"(?:(?:{_CITY})?字?[ァ-ヺー]{{1,8}}|(?:{_CITY})?字[一-龥]{{1,5}}?|{_CITY})?"
    f"[東西南北]?{_SEN_GO_NUM}線(?:[東西南北]?{_SEN_GO_NUM}号(?:{_SEN_GO_NUM}(?:番地)?(?:の?[0-9]{{1,3}})?)?"
    # or a lot on the line itself (字千住南9線186番地)
    f"|[0-9]{{1,4}}番地(?:の?[0-9]{{1,3}})?)(?![0-9])"
)


_SEN_GO_AFTER_RE: Final = re.compile(f"[東西南北]?{_SEN_GO_NUM}号|[0-9]{{1,4}}番地")


def sen_go_addresses(text: str) -> list[tuple[int, int]]:
    """Addresses on Hokkaido's rural grid: a line (線) and a number (号), with the area before them (the
    pattern, which opens with classes, is tried only around a 線 with a 号 after it)."""
    out: list[tuple[int, int]] = []
    if "号" not in text and "番地" not in text:
        return out
    pos = text.find("線")
    while pos >= 0:
        after = _SEN_GO_AFTER_RE.match(text, pos + 1)
        if after is not None:
            m = _SEN_GO_RE.search(text, max(0, pos - 30, out[-1][1] if out else 0), after.end() + 12)
            if m is not None and m.start() <= pos < m.end():
                out.append(m.span())
        pos = text.find("線", pos + 1)
    return out


# Iwate's 地割: a 大字 after its town or standing alone, its division (第10地割 or 30地割), an optional 字, then
# the lot (18番地, 9番地2, 25番1, 5-2, 140番, 12の3).
_JIWARI_RE: Final = re.compile(
    "(?:(?<=[町村])|(?<![一-龥々ヶケノ]))(?:大字)?[一-龥々ヶケノ]{1,5}?第?[0-9]{1,3}地割"
    "(?:字[一-龥々ヶケノ]{1,5}?)?[0-9]{1,5}(?:番地?(?:[0-9]{1,4})?)?(?:[-の][0-9]{1,4}){0,2}(?![0-9])"
)
# (大字, five characters of the 大字 and 第 with three digits at most before 地割)
_JIWARI_AT: Final = Before(_JIWARI_RE, ("地割",), 11)


def jiwari_addresses(text: str) -> list[tuple[int, int]]:
    """Addresses by Iwate's 地割, with the town chain before them and a building after them."""
    if "地割" not in text:
        return []
    return [_widened(text, m) for m in _JIWARI_AT.finditer(text)]


# Hokuriku's イロハ sections: a 大字, one kana of the イロハ order, the lot (大字上野ハ47番地, 大字中野イ33番地2,
# 桜木ニ102); not a katakana word's last letter (ビタミンC), so the 大字 is kanji.
_IROHA: Final = "イロハニホヘトチリヌルヲワカヨタレソツネナラム"
_IROHA_RE: Final = re.compile(
    f"(?:(?<=[町村])|(?<![一-龥々ヶケノァ-ヺー]))(?:大字)?[一-龥々]{{2,4}}?[{_IROHA}]"
    "[0-9]{1,5}(?:番地?(?:[0-9]{1,4})?)?(?:[-の][0-9]{1,4}){0,2}(?![0-9]|つ|人|個|回|件|年|月|日|時|分|歳|名|本|枚|台|円|%|％)"
)
# (大字 and four kanji at most before the kana, which a digit follows)
_IROHA_AT: Final = Before(_IROHA_RE, tuple(_IROHA), 6, followed_by="[0-9]")


def iroha_addresses(text: str) -> list[tuple[int, int]]:
    """Addresses by a 大字's イロハ section, with the town chain before them and a building after them."""
    return [_widened(text, m) for m in _IROHA_AT.finditer(text)]


def _widened(text: str, m: re.Match[str]) -> tuple[int, int]:
    """The span of an address by a 大字's division, from the town chain before it to a building after it."""
    b = BUILDING_RE.match(text, m.end())
    return town_chain_start(text, m.start()), b.end() if b is not None else m.end()
