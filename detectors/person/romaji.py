"""Japanese names written in Latin letters (Yumi Hoshino, OGINO Satoshi, TAKEUCHI MIHO): the readings of
the common family and given names (detectors.names_common) spelt as passports and e-mail signatures spell
them — Hepburn, with the long vowels written or left out (佐藤 さとう: Sato, Satou, Satoh; 大野 おおの:
Ono, Oono, Ohno), ん as m before b, m and p (Namba), and the Kunrei spellings staff also type (si, ti, tu,
hu, zi).

A run of two or three capitalised words is a Japanese name when one word spells a common family name and
another a common given name. Each word alone would be weak evidence (Ken, Hana, Mori are English or
Italian words too); the pair in either order (given first in English, family first in capitals) is not.
"""

from __future__ import annotations

import itertools
import threading
from typing import Final

from detectors.names_common import common_names

# Hepburn for each kana; a second spelling where Kunrei differs.
_KANA: Final = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi|si", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi|ti", "つ": "tsu|tu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu|hu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji|zi", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji|di", "づ": "zu|du", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ゔ": "vu",
}  # fmt: skip
# Kana followed by a small ゃ, ゅ or ょ.
_YOON: Final = {
    "き": "ky", "し": "sh|sy", "ち": "ch|ty", "に": "ny", "ひ": "hy", "み": "my", "り": "ry",
    "ぎ": "gy", "じ": "j|zy", "ぢ": "j|dy", "び": "by", "ぴ": "py",
}  # fmt: skip
_SMALL: Final = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
# At most this many spellings of one reading are kept (the variants multiply).
_MAX_SPELLINGS: Final = 24


def spellings(kana: str) -> set[str]:
    """The Latin spellings of a hiragana reading (lower case), or none if it holds other characters."""
    units: list[list[str]] = []
    i = 0
    while i < len(kana):
        c = kana[i]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if nxt in _SMALL and c in _YOON:
            units.append([y + _SMALL[nxt] for y in _YOON[c].split("|")])
            i += 2
            continue
        if c == "っ":
            units.append(["\u0000"])  # doubles the next consonant
            i += 1
            continue
        if c not in _KANA:
            return set()
        units.append(_KANA[c].split("|"))
        i += 1
    out: set[str] = set()
    for combo in itertools.islice(itertools.product(*units), _MAX_SPELLINGS):
        out.update(_long_vowels(_joined(list(combo))))
    return out


def _joined(parts: list[str]) -> str:
    text = ""
    for k, p in enumerate(parts):
        if p == "\u0000":
            continue
        if k > 0 and parts[k - 1] == "\u0000":
            p = ("t" if p.startswith("ch") else p[0]) + p  # っち → tchi, っか → kka
        text += p
    return text


def _long_vowels(word: str) -> set[str]:
    """`word`, and its long vowels written as passports and signatures write them: おう/おお as o, oh,
    ou/oo; うう as u; ん before b, m, p as m."""
    out = {word}
    for long, shorts in (("ou", ("o", "oh")), ("oo", ("o", "oh")), ("uu", ("u",))):
        for w in list(out):
            if long in w:
                out.update(w.replace(long, s) for s in shorts)
    for w in list(out):
        for b in "bmp":
            if "n" + b in w:
                out.add(w.replace("n" + b, "m" + b))
    return out


class _Tables:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: tuple[frozenset[str], frozenset[str]] | None = None

    def get(self) -> tuple[frozenset[str], frozenset[str]]:
        if self._built is None:
            with self._lock:
                if self._built is None:
                    names = common_names()
                    self._built = (_spelt(names.family), _spelt(names.given))
        return self._built


def _spelt(readings: frozenset[str]) -> frozenset[str]:
    out: set[str] = set()
    for r in readings:
        if r and all("ぁ" <= c <= "ゖ" for c in r):
            out.update(s for s in spellings(r) if len(s) >= 3)
    return frozenset(out)


_TABLES: Final = _Tables()


def warm() -> None:
    """Build the spellings now (~0.3 s), not on the first request that holds a Latin name."""
    _TABLES.get()


def romanised_japanese(words: list[str]) -> bool:
    """Whether two or three Latin words are a Japanese name: every one a common name's spelling, one of
    them a family name's and another a given name's (Yumi Hoshino, OGINO Satoshi, Nishikawa Wataru)."""
    if not 2 <= len(words) <= 3:
        return False
    family, given = _TABLES.get()
    low = [w.lower() for w in words]
    if any(not w.isalpha() or not w.isascii() for w in low):
        return False
    if any(w not in family and w not in given for w in low):
        return False  # (Ken Mori Tower: a building)
    return any(a != b and low[a] in family and low[b] in given for a in range(len(low)) for b in range(len(low)))
