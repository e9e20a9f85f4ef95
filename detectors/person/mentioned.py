"""Names mentioned as words, not used for anyone: 「小泉」「高田」「松原」「森下」は人名と紛らわしい,
「浜田」「浦田」「西岡」のように同じ名字が多い, 「中田」「大野」は交差点名, 田中、中島、大久保のように名字と同じ小字名,
and a household's 屋号 (屋号「沢口」).

Two or more quoted words side by side (or three or more listed and likened: …のように, …といった), with the
sentence about names or places as such (名字, 人名, 地名, 小字, 交差点名, 表記 …): a PERSON finding that is one
of those words whole is dropped. A
quoted name on its own (祖母の戸籍上の名前は「ウシ」) is someone's and stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from detectors.model import Finding

_QUOTED_RUN_RE: Final = re.compile(r"(?:「[^「」\n]{1,8}」[、・,]?){2,}")
# Three or more bare words listed and then likened (田中、中島、大久保、清水のように人の名字と同じ小字名が多い).
_LIKENED_RUN_RE: Final = re.compile(r"(?<![一-龥々ケヶノ])[一-龥々ケヶノ]{1,5}(?:、[一-龥々ケヶノ]{1,5}){2,}(?=のように|のような|といった|などの)")
# Its matches hold only these characters and end where one of these words starts; two quoted words in a row.
_LIKENED_TAIL_RE: Final = re.compile("[一-龥々ケヶノ、]+\\Z")
_LIKENED_END_RE: Final = re.compile("のように|のような|といった|などの")
_QUOTED_PAIR_RE: Final = re.compile("」[、・,]?「")
_LIST_ITEM_RE: Final = re.compile(r"[一-龥々ケヶノ]{1,5}")
_ITEM_RE: Final = re.compile(r"「([^「」\n]{1,8})」")
# What the rest of the sentence says the words are: names or places as words, how they are written or read.
_ABOUT_WORDS_RE: Final = re.compile(
    r"名字|苗字|(?<!旧)姓|人名|地名|という言葉|の言葉|という単語|交差点名|バス停名|駅名|町名|字名|小字|大字|集落名|屋号|表記|読み方|漢字|名前の|という名|のような名|といった名"
)
_SENTENCE_END_RE: Final = re.compile(r"[。！？!?\n]")
# A house's name (屋号「沢口」で確認): what a village calls a household, not anyone's name.
_HOUSE_NAME_RE: Final = re.compile(r"屋号(?:は|の|が|[：:])?「([^「」\n]{1,8})」")


def mentioned_as_words(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """`findings` without the PERSON findings that are quoted words talked about as names or places."""
    if ("「" not in text and "のよう" not in text and "といった" not in text and "などの" not in text) or not any(
        f.entity == "PERSON" for f in findings
    ):
        return list(findings)
    words: set[tuple[int, int]] = {m.span(1) for m in _HOUSE_NAME_RE.finditer(text)} if "屋号" in text else set()
    for run in _QUOTED_RUN_RE.finditer(text) if _QUOTED_PAIR_RE.search(text) else ():
        end = _SENTENCE_END_RE.search(text, run.end())
        rest = text[run.end() : end.start() if end is not None else len(text)]
        before = text[max(0, run.start() - 20) : run.start()]
        if _ABOUT_WORDS_RE.search(rest) is None and _ABOUT_WORDS_RE.search(before) is None:
            continue
        words.update(m.span(1) for m in _ITEM_RE.finditer(text, run.start(), run.end()))
    for run in _likened_runs(text):
        end = _SENTENCE_END_RE.search(text, run.end())
        if _ABOUT_WORDS_RE.search(text, run.end(), end.start() if end is not None else len(text)) is not None:
            words.update(m.span() for m in _LIST_ITEM_RE.finditer(text, run.start(), run.end()))
    if not words:
        return list(findings)
    return [f for f in findings if not (f.entity == "PERSON" and (f.start, f.end) in words)]


def _likened_runs(text: str) -> list[re.Match[str]]:
    """_LIKENED_RUN_RE's matches, tried only in the run of kanji and 、 that ends where のように, のような,
    といった or などの starts (the pattern opens with a class, which sre would try at every kanji). A match
    holds nothing else and stops only there, so it is the run from its start, one opening at the run's start
    or after a 、 of it: the first of those it matches at."""
    out: list[re.Match[str]] = []
    for end in _LIKENED_END_RE.finditer(text):
        q = lo = end.start()
        while lo > 0:
            window = max(0, lo - 64)
            tail = _LIKENED_TAIL_RE.search(text, window, q)
            if tail is None:
                break
            lo = tail.start()
            if lo > window:
                break
        p = lo
        while p < q:
            m = _LIKENED_RUN_RE.match(text, p)
            if m is not None:
                out.append(m)
                break
            comma = text.find("、", p, q)
            if comma < 0:
                break
            p = comma + 1
    return out
