"""Common Japanese family and given names, from the installed japanese-personal-name-dataset (MIT).

The package ships CSV files: the 1,999 commonest family names (with readings; population estimates
from 名字由来net) and ~9,400 given-name readings with their kanji spellings. They are evidence, not a
verdict: a word on these lists is taken as a name only where the text also puts a person there
(after 担当, 長女, a speaker mark …), because many of them are ordinary words too (大門, 早瀬, ひなた).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

SOURCE: Final = "japanese-personal-name-dataset 0.4 (MIT, shuheilocale); family names after 名字由来net"
# str.translate table: hiragana to katakana (ながお → ナガオ).
KATAKANA_SHIFT: Final = {c: c + 0x60 for c in range(ord("ぁ"), ord("ゖ") + 1)}


@dataclass(frozen=True, slots=True)
class CommonNames:
    """Family and given names in kanji, hiragana and katakana."""

    family: frozenset[str]
    given: frozenset[str]
    # Each family name in kanji and its reading in hiragana (長尾 → ながお).
    readings: Mapping[str, str] = field(default_factory=dict)


_LOCK: Final = threading.Lock()
_LOADED: list[CommonNames] = []


def common_names() -> CommonNames:
    """The lists, read once per process (~0.2 s); empty if the package is missing."""
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                _LOADED.append(_load())
    return _LOADED[0]


def _load() -> CommonNames:
    try:
        from japanese_personal_name_dataset import load_dataset
    except ImportError:  # pragma: no cover - a dependency; kept safe for a trimmed install
        return CommonNames(frozenset(), frozenset())
    man, woman, last = load_dataset("org", include_last_names=True)
    family: set[str] = set()
    readings: dict[str, str] = {}
    for kanji, entry in last.items():
        family.add(kanji)
        reading = str(entry.get("reading", ""))
        if reading:
            family.update((reading, reading.translate(KATAKANA_SHIFT)))
            readings[kanji] = reading
    given: set[str] = set()
    for names in (man, woman):
        for reading, first in names.items():
            given.update((reading, reading.translate(KATAKANA_SHIFT)))
            given.update(str(k) for k in first.get("kanji", ()))
    return CommonNames(frozenset(family), frozenset(given), readings)
