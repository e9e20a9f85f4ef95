"""Personal names from JMnedict (EDRDG, CC BY-SA), read from the installed `jamdict-data` package.

The package ships JMnedict inside an SQLite file (site-packages/jamdict_data/jamdict.db, unpacked when
the package is installed). Nothing is downloaded: the file is opened read-only on first use and only the
person-name entries are kept in memory as frozensets; a plain-text extract of them is written to the
user's cache directory (see `load`) so later processes start faster. Without the package the lexicon is
empty and the rules that need it find nothing (the rest of PERSON detection is unaffected).
"""

from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Final

ATTRIBUTION: Final = (
    "Personal names: JMnedict, Electronic Dictionary Research and Development Group (EDRDG), CC BY-SA 3.0 as "
    "stated in jamdict-data 1.5's LICENSE.md — https://www.edrdg.org/edrdg/licence.html (via the jamdict-data package)"
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
    return NameLexicon(
        frozenset(full), frozenset(surnames), frozenset(given), frozenset(kana_given), frozenset(katakana)
    )


_FIELDS: Final = ("full", "surnames", "given", "kana_given", "katakana")


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/sekisho (default ~/.cache/sekisho): where the extracted name lists are kept."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sekisho"


def load(path: Path, cache: Path | None = None) -> NameLexicon:
    """The lexicon of `path`, from a plain-text extract in `cache` when one matches the file, else built and saved.

    The extract (about 3 MB, one name a line) turns a 2–5 s SQLite read into a fraction of a second. It is
    named after the database's size and mtime, so a reinstalled package is read afresh. Failing to write
    it only costs time.
    """
    st = path.stat()
    extract = (cache or cache_dir()) / f"jmnedict-names-{st.st_size}-{st.st_mtime_ns}.txt"
    try:
        sets: dict[str, set[str]] = {f: set() for f in _FIELDS}
        with extract.open(encoding="utf-8") as fh:
            for line in fh:
                field, _, name = line.rstrip("\n").partition("\t")
                sets[field].add(name)
        return NameLexicon(**{f: frozenset(v) for f, v in sets.items()})
    except (OSError, KeyError, ValueError):
        pass
    lex = build(path)
    try:
        extract.parent.mkdir(parents=True, exist_ok=True)
        tmp = extract.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for f in _FIELDS:
                fh.writelines(f"{f}\t{name}\n" for name in sorted(getattr(lex, f)))
        os.replace(tmp, extract)
    except OSError:
        pass
    return lex


_LOCK: Final = threading.Lock()
_LOADED: list[NameLexicon] = []


def lexicon() -> NameLexicon:
    """The shared lexicon, loaded on first use (0.4 s from the cache, 2–5 s the first time); EMPTY without it."""
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                path = database_path()
                _LOADED.append(load(path) if path is not None else EMPTY)
    return _LOADED[0]
