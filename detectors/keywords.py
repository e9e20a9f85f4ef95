"""Keyword lists IT can extend (YAML): always/never-mask words, 要配慮 categories, markings, named lists."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import ahocorasick_rs
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from detectors.model import ENTITY_TYPES
from detectors.morphology import SURROGATE_RE

DATA_DIR: Final = Path(__file__).parent / "data"
# Shipped lists, merged in this order before any user file.
DEFAULT_FILES: Final = ("markings.yaml", "sensitive.yaml", "names.yaml", "lists.yaml")


_HAS_LATIN_RE: Final = re.compile("[A-Za-z]")
# A compound noun running on after a 要配慮 word: kanji and katakana, not past a particle.
_COMPOUND_RE: Final = re.compile(r"[\u3400-\u9fff々〆ァ-ヺー]{1,12}")
_ONE_CHAR_TOPICS: Final = frozenset("課係室法")
_ASCII_ALNUM: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


class DictionaryError(ValueError):
    """A keyword-list file that cannot be used; the message starts with `file:line:col: field.path:`."""


class _File(BaseModel):
    """One YAML file; every section is optional so a municipality's file can hold only what it adds."""

    model_config = ConfigDict(extra="forbid")

    always_mask: dict[str, list[str]] = {}
    never_mask: list[str] = []
    local_places: list[str] = []
    sensitive: dict[str, list[str]] = {}
    general_context: list[str] = []
    not_sensitive: list[str] = []
    official_titles: list[str] = []
    markings: dict[str, list[str]] = {}
    standalone_markings: dict[str, list[str]] = {}
    keywords: dict[str, list[str]] = {}
    honorifics: list[str] = []
    person_titles: list[str] = []
    not_person_suffixes: list[str] = []

    @field_validator("always_mask")
    @classmethod
    def _known_entities(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(v) - set(ENTITY_TYPES))
        if unknown:
            raise ValueError(f"unknown entity type(s) {unknown}; valid: {list(ENTITY_TYPES)}")
        return v


def _words(items: Iterable[str]) -> tuple[str, ...]:
    """Stripped, non-empty, de-duplicated, in first-seen order."""
    seen: dict[str, None] = {}
    for w in items:
        w = w.strip()
        if w:
            seen.setdefault(w, None)
    return tuple(seen)


def _merge_map(base: Mapping[str, tuple[str, ...]], extra: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    out = dict(base)
    for k, v in extra.items():
        out[k] = _words([*out.get(k, ()), *v])
    return out


@dataclass(frozen=True, slots=True)
class Dictionaries:
    """Merged keyword lists; immutable, so one instance is shared by every thread."""

    always_mask: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # entity type -> words
    never_mask: frozenset[str] = frozenset()
    # The municipality's own districts (大字, 字, 集落, 地区) that are also family names: where one stands bare,
    # with no honorific, title or given name, it is the place (比嘉・宮城を経由, 比嘉 康夫 stays a person).
    local_places: frozenset[str] = frozenset()
    sensitive: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # 要配慮 category -> words
    general_context: tuple[str, ...] = ()  # words right after a 要配慮 word that make it a topic, not a fact
    not_sensitive: tuple[str, ...] = ()  # longer words holding a 要配慮 word that are not one (送信者 ⊃ 信者)
    official_titles: tuple[str, ...] = ()  # titles and roles of people named in office (議員, 課長, 担当)
    markings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # canonical label -> words
    standalone_markings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # only alone / bracketed
    keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # list name -> words
    honorifics: tuple[str, ...] = ()
    person_titles: tuple[str, ...] = ()
    not_person_suffixes: tuple[str, ...] = ()

    @classmethod
    def defaults(cls) -> Dictionaries:
        """The shipped lists in detectors/data/."""
        return _defaults()

    @classmethod
    def load(cls, *paths: str | Path) -> Dictionaries:
        """The shipped lists with each YAML file in `paths` merged over them, in order (lists are extended)."""
        d = _defaults()
        for p in paths:
            d = d.merged(_read(Path(p)))
        return d

    def merged(self, f: _File) -> Dictionaries:
        """A copy with the lists of `f` added to these."""
        return Dictionaries(
            always_mask=_merge_map(self.always_mask, f.always_mask),
            never_mask=self.never_mask | frozenset(_words(f.never_mask)),
            local_places=self.local_places | frozenset(_words(f.local_places)),
            sensitive=_merge_map(self.sensitive, f.sensitive),
            general_context=_words([*self.general_context, *f.general_context]),
            not_sensitive=_words([*self.not_sensitive, *f.not_sensitive]),
            official_titles=_words([*self.official_titles, *f.official_titles]),
            markings=_merge_map(self.markings, f.markings),
            standalone_markings=_merge_map(self.standalone_markings, f.standalone_markings),
            keywords=_merge_map(self.keywords, f.keywords),
            honorifics=_words([*self.honorifics, *f.honorifics]),
            person_titles=_words([*self.person_titles, *f.person_titles]),
            not_person_suffixes=_words([*self.not_person_suffixes, *f.not_person_suffixes]),
        )


def _read(path: Path) -> _File:
    from detectors.yamlpos import locate

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise DictionaryError(f"{path}:{line}:{col}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    if doc is None:
        return _File()
    if not isinstance(doc, dict):
        raise DictionaryError(f"{path}:1:1: (top): expected a mapping of sections")
    try:
        return _File.model_validate(doc)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [p for p in err["loc"] if isinstance(p, str | int)]
        line, col = locate(text, loc)
        dotted = ".".join(str(p) for p in loc) or "(top)"
        raise DictionaryError(f"{path}:{line}:{col}: {dotted}: {err['msg']}") from exc


_DEFAULTS: list[Dictionaries] = []


def _defaults() -> Dictionaries:
    if not _DEFAULTS:  # a benign race: two threads may both build the same immutable value
        d = Dictionaries()
        for name in DEFAULT_FILES:
            d = d.merged(_read(DATA_DIR / name))
        _DEFAULTS.append(d)
    return _DEFAULTS[0]


# A character trie: each character leads to the rest; the key "" marks the end of a word.
_Trie = dict[str, "_Trie"]


def trie_regex(words: Iterable[str], gap: str = "") -> str:
    """A regex matching any of `words`, longest first, as a trie so sre does not try each word in turn;
    `gap` (a regex) may stand between any two characters of a word."""
    trie: _Trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie, sep: str) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(child, gap) for ch, child in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = sep + (alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")")
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie, "")


def matches_not_after(rx: re.Pattern[str], text: str, not_after: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`rx`'s matches in `text` that do not start right after a character `not_after` matches.

    The check a look-behind would make, done where a match occurs: a pattern that opens with a
    look-behind makes sre try it at every position instead of skipping ahead to its first character.
    """
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        p = m.start()
        if p > 0 and not_after.match(text, p - 1) is not None:
            pos = p + 1
            continue
        yield m
        pos = max(m.end(), p + 1)


@dataclass(frozen=True, slots=True)
class Hit:
    """One keyword occurrence in the normalised text and every list it belongs to."""

    start: int
    end: int
    lists: tuple[tuple[str, str], ...]  # (kind, name): ("sensitive", "病歴"), ("always_mask", "PERSON") …


class KeywordMatcher:
    """All literal keyword lists, found in one Aho-Corasick pass over the normalised text (Latin words by
    a case-folding trie regex that takes whole words only)."""

    def __init__(self, d: Dictionaries) -> None:
        index: dict[str, list[tuple[str, str]]] = {}
        for kind, mapping in (("sensitive", d.sensitive), ("keyword", d.keywords), ("always_mask", d.always_mask)):
            for name, words in mapping.items():
                for w in words:
                    index.setdefault(_fold(w), []).append((kind, name))
        # Words that hold a 要配慮 word but are not one (送信者 ⊃ 信者) match with no list: being longer,
        # they win the leftmost-longest match and hide the word inside them.
        for w in d.not_sensitive:
            index.setdefault(_fold(w), [])
        self._index = {w: tuple(v) for w, v in index.items()}
        # Latin words match case-insensitively and only as whole words (DV, not DVD; HIV in "hiv").
        latin = [w for w in self._index if w.isascii()]
        for w in latin:
            self._index.setdefault(w.lower(), self._index[w])
        # The other words by one automaton, leftmost-longest as the trie regex it replaced (the same hits
        # over every evaluation text and the stockmark half, in an eighth of the time: bench/README.md).
        self._words = [w for w in self._index if not w.isascii()]
        self._automaton = (
            ahocorasick_rs.AhoCorasick(self._words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if self._words else None
        )
        # Case folding is ASCII only: under Unicode rules "i" also matches ı and İ, whose lower() is no key.
        lowered = sorted({w.lower() for w in latin})
        self._latin_re = (
            re.compile(r"(?i:" + trie_regex(lowered) + r")(?![A-Za-z0-9])", re.ASCII) if lowered else None
        )
        # Where a Latin word can start: its first letter, in either case. The word-start test is done
        # in Python at those few places; as a look-behind it would make sre try every position.
        self._latin_first = (
            re.compile("[" + "".join(re.escape(c) for c in sorted({w[0] for w in lowered} | {w[0].upper() for w in lowered})) + "]")
            if lowered
            else None
        )
        self._general = re.compile(trie_regex(_fold(w) for w in d.general_context)) if d.general_context else None

    def hits(self, text: str) -> list[Hit]:
        """Every keyword occurrence, leftmost-longest, in `text` (already normalised)."""
        index, words = self._index, self._words
        found = []
        if self._automaton is not None:
            try:
                found = self._automaton.find_matches_as_indexes(text)
            except UnicodeEncodeError:
                # A lone surrogate (half an emoji) cannot go to Rust; no keyword holds one, and one
                # stand-in character for it keeps every offset.
                found = self._automaton.find_matches_as_indexes(SURROGATE_RE.sub("\ufffd", text))
        hits = [Hit(s, e, index[words[k]]) for k, s, e in found]
        if self._latin_re is not None and self._latin_first is not None and _HAS_LATIN_RE.search(text):
            latin_re, after = self._latin_re, 0
            for f in self._latin_first.finditer(text):
                p = f.start()
                # Whole words only (DV, not DVD), and no overlap with the previous hit.
                if p < after or (p > 0 and text[p - 1] in _ASCII_ALNUM):
                    continue
                m = latin_re.match(text, p)
                if m is not None:
                    hits.append(Hit(p, m.end(), index[m.group().lower()]))
                    after = m.end()
            hits.sort(key=lambda h: h.start)
        return hits

    def is_general(self, text: str, end: int) -> bool:
        """True when the word ending at `end` is followed by a topic word (制度, 施策, 課 …), right after it
        or closing the compound noun it starts (生活困窮|者自立支援|制度, 虐待|対応|担当)."""
        if self._general is None:
            return False
        if self._general.match(text, end) is not None:
            return True
        run = _COMPOUND_RE.match(text, end)
        stop = run.end() if run is not None else end
        for k in range(end + 1, stop):
            m = self._general.match(text, k, stop)
            if m is not None and m.end() == stop and (m.end() - k >= 2 or text[k] in _ONE_CHAR_TOPICS):
                return True
        return False


def _fold(w: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", w)
