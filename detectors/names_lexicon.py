"""Personal names from JMnedict (EDRDG, CC BY-SA 4.0), read from the installed `jamdict-data` package.

The package ships JMnedict inside an SQLite file (site-packages/jamdict_data/jamdict.db, unpacked when
the package is installed). Nothing is downloaded or written: the file is opened read-only on first use
and only the person-name entries are kept in memory as frozensets. Without the package the lexicon is
empty and the rules that need it find nothing (the rest of PERSON detection is unaffected).
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Final

ATTRIBUTION: Final = (
    "Personal names: JMnedict, Electronic Dictionary Research and Development Group (EDRDG), CC BY-SA 4.0 — "
    "https://www.edrdg.org/enamdict/enamdict_doc.html (via the jamdict-data package)"
)
_KANJI_RE: Final = re.compile(r"[一-龥々〆ヶ]+")
_HIRAGANA_RE: Final = re.compile(r"[ぁ-ゖ]{2,5}")
_KATAKANA_RE: Final = re.compile(r"[ァ-ヺー]{2,12}")
_QUERY: Final = (
    "SELECT w.text, y.text FROM {table} w JOIN NETranslation t ON t.idseq = w.idseq "
    "JOIN NETransType y ON y.tid = t.ID WHERE y.text IN ('person', 'surname', 'given', 'fem', 'masc')"
)


@dataclass(frozen=True, slots=True)
class NameLexicon:
    """Name sets by role; kanji full names (星一徹), kanji family and given names, kana given names."""

    full: frozenset[str]
    surnames: frozenset[str]
    given: frozenset[str]
    kana_given: frozenset[str]
    katakana: frozenset[str]

    def __len__(self) -> int:
        return len(self.full) + len(self.surnames) + len(self.given) + len(self.kana_given) + len(self.katakana)


EMPTY: Final = NameLexicon(frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


def database_path() -> Path | None:
    """Where the installed jamdict-data keeps its SQLite file, or None if it is not installed."""
    spec = importlib.util.find_spec("jamdict_data")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        p = Path(folder) / "jamdict.db"
        if p.is_file():
            return p
    return None


def build(path: Path) -> NameLexicon:
    """Read the person-name entries of a JMnedict SQLite file (read-only)."""
    full: set[str] = set()
    surnames: set[str] = set()
    given: set[str] = set()
    kana_given: set[str] = set()
    katakana: set[str] = set()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for text, kind in con.execute(_QUERY.format(table="NEKanji")):
            if not _KANJI_RE.fullmatch(text) or len(text) > 6:
                continue
            if kind == "person":
                if len(text) >= 3:
                    full.add(text)
            elif kind == "surname":
                if len(text) <= 3:
                    surnames.add(text)
            elif len(text) <= 3:
                given.add(text)
        for text, kind in con.execute(_QUERY.format(table="NEKana")):
            if kind in ("given", "fem", "masc") and _HIRAGANA_RE.fullmatch(text):
                kana_given.add(text)
            elif _KATAKANA_RE.fullmatch(text):
                katakana.add(text)
    finally:
        con.close()
    return NameLexicon(frozenset(full), frozenset(surnames), frozenset(given), frozenset(kana_given), frozenset(katakana))


_LOCK: Final = threading.Lock()
_LOADED: list[NameLexicon] = []


def lexicon() -> NameLexicon:
    """The shared lexicon, read on first use (about 1.5 s); EMPTY when jamdict-data is not installed."""
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                path = database_path()
                _LOADED.append(build(path) if path is not None else EMPTY)
    return _LOADED[0]
