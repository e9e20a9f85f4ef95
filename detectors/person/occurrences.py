"""Where each of many words occurs in a text: every start, overlapping ones too, word by word.

The later-mention pass looks for each part of every name found (a Wikipedia chunk of 12,000 characters
holds hundreds) anywhere in the text. One `str.find` loop per word reads the text once per word; over a
long text with many words one Aho-Corasick automaton reads it once (0.3 against 2.7 ms for 220 words over
12,000 characters), but building it costs more than a few `find` loops over a prompt (32 against 11 µs
for three names in 240 characters), so it is used only for 16 words or more and past `_AUTOMATON_FROM`
characters × words.
"""

from __future__ import annotations

from typing import Final

import ahocorasick_rs

from detectors.morphology import SURROGATE_RE

_AUTOMATON_FROM: Final = 50_000
# (and for a few words `find` stays the cheaper however long the text: one name repeated 30,000 times gives
# the automaton 90,000 matches to hand back as tuples)
_AUTOMATON_WORDS: Final = 16


def occurrences(text: str, words: list[str]) -> list[list[int]]:
    """For each of `words` (non-empty, distinct), the ascending starts of all its occurrences in `text`."""
    if len(words) < _AUTOMATON_WORDS or len(text) * len(words) < _AUTOMATON_FROM or SURROGATE_RE.search("".join(words)) is not None:
        return [_found(text, w) for w in words]  # (a lone surrogate in a word would not be matched right)
    try:
        matches = ahocorasick_rs.AhoCorasick(words).find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:  # a lone surrogate (half an emoji) cannot go to Rust
        return [_found(text, w) for w in words]
    out: list[list[int]] = [[] for _ in words]
    for k, start, _ in matches:
        out[k].append(start)
    for starts in out:
        starts.sort()  # (reported by where they end: one word's starts come in order already)
    return out


def _found(text: str, word: str) -> list[int]:
    starts = []
    at = text.find(word)
    while at >= 0:
        starts.append(at)
        at = text.find(word, at + 1)
    return starts
