"""PERSON candidates: how far a name opening at a candidate token runs, and what it is made of.

The morphology detector (`detector`) finds the tokens that may open a name; `extend` takes one over
the name's parts (family and given name, a space between them, katakana parts joined by ・ or ＝, a given
name the dictionary lacks or splits), and the detector then judges the whole by what surrounds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from detectors.morphology import MEI, NAME_KINDS, SEI, SPACE, SUFFIX, SYM, Tokens
from detectors.names_common import common_names
from detectors.person.chars import JOINERS as _JOINERS
from detectors.person.chars import KANJI_RUN_RE as _KANJI_RE
from detectors.person.cues import is_katakana, is_latin

_INITIAL_RE: Final = re.compile(r"[A-Z]\.?")
_KANJI_HONORIFICS: Final = ("様", "殿", "氏", "君", "先生")


@dataclass(frozen=True, slots=True)
class Extent:
    """How far a name opening at a candidate token runs (`end`, exclusive) and what it is made of."""

    end: int
    named: bool  # the opening token is a dictionary name
    joined: bool  # katakana parts joined by ・ or ＝
    has_sei: bool
    has_mei: bool
    has_name: bool


def chain_start(t: Tokens, i: int) -> bool:
    """A katakana word followed by ・ and more katakana may open a foreign name (ヴァヒド・ハリルホジッチ)."""
    return (
        i + 2 < len(t)
        and t.kinds[i + 1] == SYM
        and t.surface(i + 1) in _JOINERS
        and is_katakana(t.surface(i))
        and is_katakana(t.surface(i + 2))
    )


def extend(t: Tokens, i: int, k: int, named: bool, given_name_follows: Callable[[Tokens, int], bool]) -> Extent:
    """The tokens of the name opening at `i`: name parts, a space between family and given name,
    katakana parts joined by ・ or ＝, and a given name the dictionary lacks or splits."""
    text, kinds = t.text, t.kinds
    n = len(t)
    j = i + 1
    joined = False
    has_sei = named and k == SEI
    has_mei = named and k == MEI
    has_name = named
    while j < n:
        kj = kinds[j]
        if kj in NAME_KINDS and not t.oov[j]:
            has_sei |= kj == SEI
            has_mei |= kj == MEI
            has_name = True
            j += 1
            continue
        # 山田 太郎: a space between a family name and a given name.
        if (
            kj == SPACE
            and j + 1 < n
            and t.ends[j] - t.begins[j] <= 2
            and (
                (kinds[j + 1] == MEI and (kinds[j - 1] == SEI or (j - 1 == i and k == SEI)))
                or (kinds[j + 1] in NAME_KINDS and is_latin(t.surface(j - 1)) and is_latin(t.surface(j + 1)))
            )
        ):
            j += 1
            continue
        # 所沢 隼人: a family name and a common given name the dictionary reads as a place; the
        # given name must end there (not 心 of 心春).
        if (
            kj == SPACE
            and j == i + 1
            and k == SEI
            and j + 1 < n
            and t.ends[j] - t.begins[j] == 1
            and kinds[j + 1] != MEI
            and _KANJI_RE.fullmatch(t.surface(j + 1)) is not None
            and t.surface(j + 1) in common_names().given
            and not (
                t.ends[j + 1] < len(text)
                and _KANJI_RE.match(text, t.ends[j + 1])
                and not text.startswith(_KANJI_HONORIFICS, t.ends[j + 1])  # (安田 光様)
            )
        ):
            has_mei = True
            j += 2
            continue
        # ジョン・F・ケネディ: a Latin initial between joiners.
        if (
            kj == SYM
            and t.surface(j) in _JOINERS
            and j + 3 < n
            and _INITIAL_RE.fullmatch(t.surface(j + 1))
            and t.surface(j + 2) in _JOINERS
            and is_katakana(t.surface(j + 3))
        ):
            j += 2
            continue
        # ジョン・スミス, ジャン＝ポール: katakana parts joined by ・ or ＝.
        if kj == SYM and t.surface(j) in _JOINERS and j + 1 < n and is_katakana(t.surface(j + 1)):
            has_name |= kinds[j + 1] in NAME_KINDS and not t.oov[j + 1]
            joined = True
            j += 2
            continue
        break
    if has_sei and not has_mei and not joined and given_name_follows(t, j):
        j += 1
        has_mei = True
    # 設楽 悠人: a given name the dictionary splits into 悠 and the suffix 人.
    if (
        has_mei
        and j < n
        and kinds[j] == SUFFIX
        and t.ends[j] - t.begins[j] == 1
        and kinds[j - 1] == MEI
        and t.begins[j] == t.ends[j - 1]
        and not (t.ends[j] < len(text) and _KANJI_RE.match(text, t.ends[j]))
        and t.surface(j - 1) + t.surface(j) in common_names().given
    ):
        j += 1
    return Extent(j, named, joined, has_sei, has_mei, has_name)
