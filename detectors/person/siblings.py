"""Family names listed beside a name already found: 「小此木・新発田で現地確認」「熊谷・日向で訪問」「白鳥・葉山・小池 環」.

Staff are written in lists of family names joined by ・, 、 or と; when one item is a name found with
evidence, an item beside it that is a family name to the dictionary, the name lists, or a rare family
name the dictionary lists as a plain noun (薬師寺, 阿久根, 新発田), is a name too.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.detector import Artifacts
from detectors.model import Finding
from detectors.morphology import NAME_KINDS, OTHER, Tokens, tokens
from detectors.names_common import common_names
from detectors.person.chars import KANJI
from detectors.person.minutes import plain_surname, surname_in_slot
from detectors.person.words import NOT_IN_NAME_SLOTS, NOT_NAMES, RELATIVES

_SEP: Final = "(?P<sep>[・、，と])"
# The item after a name: a family name of one to four kanji, then where a list item ends (a particle
# only in a list joined by ・ or と: 「小此木・新発田で」, not 「横浜から小椋、磐田から」).
_AFTER_RE: Final = re.compile(
    rf"{_SEP}[ \u3000]?(?P<name>[{KANJI}][{KANJI}ケツノ]{{0,3}}|[ぁ-ゖ]{{2,5}}?)(?P<end>[・、，）)（(\n\t \u3000]|$|と|で|が|は|に|の|から|まで|も)"
)
_BEFORE_RE: Final = re.compile(
    rf"(?:^|(?<=[（(\n\t \u3000：:、・]))(?P<name>[{KANJI}][{KANJI}ケツノ]{{0,3}}|[ぁ-ゖ]{{2,5}})[ \u3000]?{_SEP}$"
)
# A child's given name in hiragana beside a name found (そうた、ゆい、陽翔が): only one the name lists know.
_HIRAGANA_RE: Final = re.compile("[ぁ-ゖ]+")
_KANA_END: Final = frozenset("・、，）)（(\n\t \u3000")
_AGE_AFTER_RE: Final = re.compile(r"[（(](?:[0-9０-９]{1,2}(?:歳|才|か月|ヶ月)|[小中高][1-6１-６]|年[長中少]|[0-9０-９]年生?)")
_PUNCT_END: Final = frozenset("・、，）)（(\n\t \u3000")
_LONE_FAMILY_RE: Final = re.compile(f"[{KANJI}][{KANJI}ケツノ]{{0,2}}")
_SCORE: Final = 0.75
_SEPARATORS: Final = frozenset("・、，と")
_SEPARATORS_OR_SPACE: Final = _SEPARATORS | frozenset(" \u3000")
_SEPARATOR_RE: Final = re.compile("[・、，と]")
# Last characters of roles, relatives, sections and record fields (主治医, 世帯主, 継父, 本籍, 福祉課).
_NOT_ENDINGS: Final = frozenset("者家手員師士官優人医主父母籍妻夫課係室部局所園会校院館庁署省長様殿市区町村県都府道頭証書票表類")


def _accepted(t: Tokens, s: int, e: int, word: str, strict: bool, plain_ok: bool) -> bool:
    if _HIRAGANA_RE.fullmatch(word):  # (not after と: 山田とともに; not a pronoun or a conjunction: わたし、なお、)
        i = bisect.bisect_left(t.begins, s)
        if i < len(t) and t.begins[i] == s and t.ends[i] == e and t.kinds[i] == OTHER:
            return False
        return not strict and word in common_names().given and word not in NOT_NAMES and word not in NOT_IN_NAME_SLOTS
    if word in NOT_IN_NAME_SLOTS or word in NOT_NAMES or word in RELATIVES or word[-1] in _NOT_ENDINGS:
        return False
    i = bisect.bisect_left(t.begins, s)
    if i >= len(t) or t.begins[i] != s or t.ends[i] != e:
        return False  # not one whole token: part of a longer word
    # After と, or beside a full name (式辞・望月圭介、除幕), only a name the dictionary or the lists know.
    if len(word) == 1 or strict or not plain_ok:
        return t.kinds[i] in NAME_KINDS or word in common_names().family
    return surname_in_slot(word, t.kinds[i], common_names().family, plain_ok and t.plain[i] == 1) or (
        t.oov[i] and plain_surname(word)
    )


def _one_token(t: Tokens, s: int, e: int) -> bool:
    i = bisect.bisect_left(t.begins, s)
    return i < len(t) and t.begins[i] == s and t.ends[i] == e


def listed_with(persons: list[Finding], artifacts: Artifacts) -> list[Finding]:
    """Family names in a ・/、/と list with a name found (on the normalised text, offsets mapped back)."""
    norm = artifacts.normalized
    text = norm.text
    if _SEPARATOR_RE.search(text) is None:
        return []
    t = tokens(artifacts)
    original = artifacts.original
    # Only names with a separator beside them as written (normalising keeps ・ and 、) start a list.
    beside = [
        f
        for f in persons
        if f.score >= 0.6
        and (
            (f.end < len(original) and original[f.end] in _SEPARATORS)
            or (f.start > 0 and original[f.start - 1] in _SEPARATORS_OR_SPACE)
        )
    ]
    if not beside:
        return []
    taken = {norm.to_normalized(f.start) for f in persons}
    queue = [(norm.to_normalized(f.start), norm.to_normalized(f.end)) for f in beside]
    out: list[Finding] = []
    while queue:
        s, e = queue.pop()
        # A plain noun only beside a lone family name, as staff are listed (小此木・新発田), not in a
        # list of full names and things (式辞・望月圭介、除幕).
        lone = _LONE_FAMILY_RE.fullmatch(text, s, e) is not None and _one_token(t, s, e)
        cands: list[tuple[int, int, bool]] = []
        # Most names have no list separator beside them: look no further.
        after_sep = e < len(text) and text[e] in _SEPARATORS
        before_sep = s > 0 and (text[s - 1] in _SEPARATORS or (s > 1 and text[s - 1] in " \u3000" and text[s - 2] in _SEPARATORS))
        if not (after_sep or before_sep):
            continue
        m = _AFTER_RE.match(text, e) if after_sep else None
        if m is not None and _HIRAGANA_RE.fullmatch(m.group("name")) and m.group("end") not in _KANA_END:
            m = None  # a kana item ends at punctuation: 山田・ともに is no list of names
        if m is not None and (m.group("sep") != "、" or m.group("end") in _PUNCT_END or m.group("end") == ""):
            cands.append((*m.span("name"), m.group("sep") == "と"))
        b = _BEFORE_RE.search(text, max(0, s - 6), s) if before_sep else None
        if b is not None:
            cands.append((*b.span("name"), b.group("sep") == "と"))
        for cs, ce, strict in cands:
            # A child's given name the lists know, with an age or a school year after it (子：蓮（小2）、心愛（4歳）).
            aged = _AGE_AFTER_RE.match(text, ce) is not None and text[cs:ce] in common_names().given
            if cs in taken or not (aged or _accepted(t, cs, ce, text[cs:ce], strict, lone)):
                continue
            taken.add(cs)
            queue.append((cs, ce))
            os_, oe = norm.to_original(cs, ce)
            out.append(Finding("PERSON", os_, oe, artifacts.original[os_:oe], _SCORE, "echo.person"))
    return out
