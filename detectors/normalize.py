"""Japanese text normalisation (NFKC, invisibles, digits, dashes, kanji digits) with an exact map back."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

# Code-point blocks that hold every character NFKC changes, that combines, that is dropped or that is a
# decimal digit (Python 3.11's Unicode 14); scanning only these keeps import under ~0.1 s.
# tests/detectors/test_normalize.py checks the claim against a full scan.
_SCAN_RANGES: Final = (
    (0x0000, 0x4000),
    (0xA000, 0xB000),
    (0xF000, 0x10000),
    (0x10000, 0x20000),
    (0x2F000, 0x30000),
    (0xE0000, 0xE1000),
)

# Hyphen, dash and prolonged-sound variants that stand for '-' between digits.
DASHES: Final = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d\uff70\ufe63\u2043"
KANJI_DIGITS: Final = "〇一二三四五六七八九"
# Zero look-alikes (○ is often typed for 〇); converted only inside a run that has a real kanji
# digit, because on their own they are bullets and placeholders (○○様).
ZERO_VARIANTS: Final = "○◯零"
# Bidi embedding, override and isolate controls: they reorder what a reader sees (an RLO shows
# "1234" as "4321"), so the gateway may refuse or clean text holding them (`bidi_controls`).
BIDI_CONTROLS: Final = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Default-ignorable code points that are not format characters (Cf, all dropped): the combining
# grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian and other variation selectors,
# and the reserved ones (Unicode's DerivedCoreProperties, Default_Ignorable_Code_Point).
_IGNORABLE_RANGES: Final = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x2065, 0x2065),
    (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF),
)  # fmt: skip
# Line separators read as line breaks, the braille blank (an invisible filler in names) as a space.
_AS_WHITESPACE: Final = {0x0085: "\n", 0x2028: "\n", 0x2029: "\n", 0x2800: " "}
# The spacing voiced-sound marks ゛゜ read as their combining forms: か゛ is が.
_SPACING_VOICED: Final = {0x309B: "\u3099", 0x309C: "\u309a"}


_IGNORABLE: Final = frozenset(cp for lo, hi in _IGNORABLE_RANGES for cp in range(lo, hi + 1))
_MARK_LIKE: Final = frozenset((0xFF9E, 0xFF9F, *_SPACING_VOICED))


def _kind(c: str) -> str:
    """'drop' for an invisible (a format character, Cf: bidi controls, zero widths, tags …, or another
    default-ignorable); 'mark' for what attaches to the character before it; '' otherwise."""
    cat = unicodedata.category(c)
    if cat == "Cf" or ord(c) in _IGNORABLE:
        return "drop"
    if cat[0] == "M" or ord(c) in _MARK_LIKE or unicodedata.combining(c):
        return "mark"
    return ""


def _build_tables() -> tuple[dict[int, str], list[str], list[str], list[str]]:
    one_to_one: dict[int, str] = {}
    complex_chars: list[str] = []
    combining: list[str] = []
    dropped: list[str] = []
    category, combines, ignorable, mark_like = unicodedata.category, unicodedata.combining, _IGNORABLE, _MARK_LIKE
    for lo, hi in _SCAN_RANGES:
        for cp in range(lo, hi):
            if 0xD800 <= cp < 0xE000:
                continue
            c = chr(cp)
            cat = category(c)  # _kind, inlined: this loop runs at import over ~100k code points
            if cat == "Cf" or cp in ignorable:
                dropped.append(c)
                continue
            if cat[0] == "M" or cp in mark_like or combines(c):
                combining.append(c)  # dropped unless NFKC composes it with its base (か+゛ → が)
                continue
            k = _AS_WHITESPACE.get(cp) or unicodedata.normalize("NFKC", c)
            if k == c and c.isdecimal() and not c.isascii():
                k = str(unicodedata.decimal(c))  # ٣ ३ ๓ …: every decimal digit reads as ASCII
            elif k == c and cat == "No" and unicodedata.digit(c, None) is not None:
                k = str(unicodedata.digit(c))  # ❶ ➀ ⓵ ⓿, which NFKC leaves alone (it reads ① as 1)
            if k == c:
                continue
            if len(k) == 1 and not _kind(k):
                one_to_one[cp] = k
            else:
                complex_chars.append(c)
    return one_to_one, complex_chars, combining, dropped


def _char_class(chars: list[str]) -> str:
    """A compact regex character class from a sorted list of characters."""
    parts: list[str] = []
    cps = sorted(ord(c) for c in chars)
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = re.escape(chr(cps[i])), re.escape(chr(cps[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"


_ONE_TO_ONE, _COMPLEX, _COMBINING, _DROPPED = _build_tables()
# Old and variant forms of kanji that registers write in names (髙橋, 山﨑, 德永, 渡邉, 齋藤, 𠮷田) and
# NFKC leaves alone: read as the common form, which the dictionary and the name lists know.
_NAME_VARIANTS: Final = {
    "髙": "高", "﨑": "崎", "嵜": "崎", "德": "徳", "邊": "辺", "邉": "辺", "齋": "斎", "齊": "斉",
    "濵": "浜", "濱": "浜", "櫻": "桜", "廣": "広", "澤": "沢", "嶋": "島", "嶌": "島", "峯": "峰",
    "\U00020bb7": "吉", "槇": "槙", "冨": "富", "淸": "清", "眞": "真", "惠": "恵", "榮": "栄",
    "實": "実", "藏": "蔵", "彌": "弥", "龜": "亀", "壽": "寿", "瀨": "瀬", "曻": "昇", "靜": "静",
}  # fmt: skip
_ONE_TO_ONE.update({ord(v): c for v, c in _NAME_VARIANTS.items()})
NAME_VARIANT_CHARS: Final = "".join(_NAME_VARIANTS)
_COMBINING_SET: Final = frozenset(_COMBINING)
_DROPPED_SET: Final = frozenset(_DROPPED)
_CLUSTER_SET: Final = frozenset(_COMPLEX) | _COMBINING_SET | _DROPPED_SET
# Before a cluster's NFKC: invisibles out (か U+200B U+3099 is が), ゛゜ as combining marks, and the marks
# of combining class 0 (⃝, most spacing marks), which would block the composition of a mark after them.
_BEFORE_NFKC: Final = (
    {ord(c): None for c in _DROPPED}
    | {ord(c): None for c in _COMBINING if not unicodedata.combining(c) and c not in "\uff9e\uff9f"}
    | _SPACING_VOICED
)
# After it: marks NFKC did not compose are dropped (1 U+0301 is 1), digits folded (٣ U+0301 is 3).
_AFTER_NFKC: Final = (
    {ord(c): None for c in _COMBINING + _DROPPED}
    | {cp: k for cp, k in _ONE_TO_ONE.items() if chr(cp).isdecimal()}
)


def _bmp_class(chars: list[str]) -> str:
    """A class of the BMP members plus every astral character (filtered afterwards).

    sre checks BMP classes with a bitmap but astral ranges one by one, which made a scan of
    Japanese text ~4× slower; astral characters (emoji, rare kanji) are few, so filter them in Python.
    """
    body = _char_class([c for c in chars if ord(c) < 0x10000])
    return body[:-1] + "\U00010000-\U0010ffff]"


# Runs of single-character replacements (full-width digits, letters, punctuation). Translating only
# these runs is ~3× faster than str.translate over the whole text, which looks up every character.
_ONE_TO_ONE_RUN_RE: Final = re.compile(_bmp_class([chr(cp) for cp in _ONE_TO_ONE]) + "+")
# A length-changing character or a combining mark (merged with the base before it); one class
# rather than an alternation so the regex engine can skip ahead with its charset prefix scan.
_CLUSTER_RE: Final = re.compile(_bmp_class(_COMPLEX + _COMBINING + _DROPPED))

_DASH_CLASS: Final = "[" + re.escape(DASHES) + "]"
_DIGIT_CLASS: Final = f"[0-9{KANJI_DIGITS}{ZERO_VARIANTS}]"
# A run of digits joined by dashes, or by spaces or a line break between groups of two or more digits
# (〇三 一二三四 五六七八) but not "03 一般". Digits and joiners are disjoint classes, so linear time.
_DIGIT_RUN_RE: Final = re.compile(
    f"{_DIGIT_CLASS}+(?:(?:{_DASH_CLASS}|(?<={_DIGIT_CLASS}{_DIGIT_CLASS})(?:[ \t]{{1,2}}|[ \t]*\r?\n[ \t]*)"
    f"(?={_DIGIT_CLASS}{{2}})){_DIGIT_CLASS}+)*"
)
_KANJI_TO_ASCII: Final = str.maketrans(KANJI_DIGITS + ZERO_VARIANTS, "0123456789000")
_ZERO_LIKE: Final = frozenset("〇" + ZERO_VARIANTS)
_KANJI_TO_ASCII_KEYS: Final = frozenset(KANJI_DIGITS + ZERO_VARIANTS)
_KANJI_SEED_RE: Final = re.compile(f"[{KANJI_DIGITS}]")
_RUN_CHARS: Final = frozenset("0123456789 \t\r\n" + KANJI_DIGITS + ZERO_VARIANTS + DASHES)
# ASCII '-' needs no rewriting; opening with the digit (not a look-behind) lets sre skip ahead.
_NON_ASCII_DASH_CLASS: Final = "[" + re.escape(DASHES.replace("-", "")) + "]"
_DASH_BETWEEN_DIGITS_RE: Final = re.compile(f"([0-9][ \t]{{0,2}}){_NON_ASCII_DASH_CLASS}(?=[ \t]{{0,2}}[0-9])")
_HAS_KANJI_DIGIT_RE: Final = re.compile(f"[{KANJI_DIGITS}]")
_HAS_DASH_RE: Final = re.compile(f"[0-9][ \t]{{0,2}}{_NON_ASCII_DASH_CLASS}")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus the map of its length-changing clusters back to the original."""

    original: str
    text: str
    # Parallel tuples, one entry per rewritten cluster: normalised [start, end) and original [start, end).
    _norm_starts: tuple[int, ...] = ()
    _norm_ends: tuple[int, ...] = ()
    _orig_starts: tuple[int, ...] = ()
    _orig_ends: tuple[int, ...] = ()

    def _char(self, pos: int) -> tuple[int, int]:
        """Original span of the normalised character at `pos`."""
        i = bisect_right(self._norm_starts, pos) - 1
        if i < 0:
            return pos, pos + 1
        if pos < self._norm_ends[i]:
            return self._orig_starts[i], self._orig_ends[i]
        o = pos - self._norm_ends[i] + self._orig_ends[i]
        return o, o + 1

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the span [start, end) of `text` to the span of `original` it came from."""
        if not self._norm_starts:
            return start, end
        if end <= start:
            o = self._char(start)[0] if start < len(self.text) else len(self.original)
            return o, o
        return self._char(start)[0], self._char(end - 1)[1]

    def to_normalized(self, pos: int) -> int:
        """The offset in `text` of the original offset `pos` (a cluster's start for a position inside it)."""
        i = bisect_right(self._orig_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self._orig_ends[i]:
            return self._norm_starts[i]
        return pos - self._orig_ends[i] + self._norm_ends[i]

    def without(self, positions: Sequence[int]) -> NormalizedText:
        """This text with the characters at `positions` (ascending) removed, still mapped to the original."""
        if not positions:
            return self
        ns, ne, os_, oe = self._norm_starts, self._norm_ends, self._orig_starts, self._orig_ends
        # (normalised start, end, original start, end, characters removed inside) per segment; a removed
        # character outside every cluster becomes a segment of its own that keeps nothing.
        segs = [(ns[i], ne[i], os_[i], oe[i], 0) for i in range(len(ns))]
        for p in positions:
            i = bisect_right(ns, p) - 1
            if i >= 0 and p < ne[i]:
                a, b, c, d, k = segs[i]
                segs[i] = (a, b, c, d, k + 1)
            else:
                o = p if i < 0 else p - ne[i] + oe[i]
                segs.append((p, p + 1, o, o + 1, 1))
        segs.sort(key=lambda t: t[2])
        shift = 0
        new_ns: list[int] = []
        new_ne: list[int] = []
        for a, b, _, _, k in segs:
            new_ns.append(a - shift)
            shift += k
            new_ne.append(b - shift)
        gone = set(positions)
        text = "".join(ch for i, ch in enumerate(self.text) if i not in gone)
        return NormalizedText(
            self.original, text, tuple(new_ns), tuple(new_ne), tuple(t[2] for t in segs), tuple(t[3] for t in segs)
        )


def _convert_kanji_run(m: re.Match[str]) -> str:
    run = m.group()
    if _HAS_KANJI_DIGIT_RE.search(run) is None:
        return run
    digits = sum(1 for c in run if "0" <= c <= "9" or c in _KANJI_TO_ASCII_KEYS)
    # One kanji numeral (一人, 二十日) or a name such as 三四郎 is prose; 〇〇 is a placeholder.
    has_ascii = any("0" <= c <= "9" for c in run)
    has_joiner = digits != len(run)
    if not (digits >= 3 or has_ascii or has_joiner) or set(run) <= _ZERO_LIKE:
        return run
    return run.translate(_KANJI_TO_ASCII)


def _convert_kanji_runs(text: str) -> str:
    """Convert the digit runs that hold a kanji digit; found from each kanji digit, not by a full scan."""
    pieces: list[str] = []
    pos = 0
    for seed in _KANJI_SEED_RE.finditer(text):
        k = seed.start()
        if k < pos:
            continue
        start = k
        while start > pos and text[start - 1] in _RUN_CHARS:
            start -= 1
        m = _DIGIT_RUN_RE.search(text, start)
        if m is None or not m.start() <= k < m.end():
            m = _DIGIT_RUN_RE.match(text, k)
        if m is None:
            continue
        pieces.append(text[pos : m.start()])
        pieces.append(_convert_kanji_run(m))
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces)


def _translate_run(m: re.Match[str]) -> str:
    return m.group().translate(_ONE_TO_ONE)


def _translate(text: str) -> str:
    """Apply the single-character NFKC replacements."""
    return _ONE_TO_ONE_RUN_RE.sub(_translate_run, text)


# Unicode's stream-safe format allows 30 marks in a row; no composition needs more.
_MAX_CLUSTER: Final = 32


def _clusters(text: str) -> list[list[int]]:
    """[start, end) of each stretch that is not a run of one-to-one replacements, in text order.

    A combining run belongs to the character before it, across invisibles; otherwise neighbouring
    clusters stay apart, so a span's mapped end does not take in a trailing invisible."""
    clusters: list[list[int]] = []
    for m in _CLUSTER_RE.finditer(text):
        s, e = m.start(), m.end()
        c = text[s]
        if c not in _CLUSTER_SET:
            continue  # an astral character NFKC leaves alone
        if c in _COMBINING_SET:
            while s > 0 and text[s - 1] in _DROPPED_SET:
                s -= 1
            if s > 0:
                s -= 1
        while clusters and clusters[-1][1] > s:
            s = min(s, clusters.pop()[0])
        clusters.append([s, e])
    return clusters


def _nfkc(text: str) -> tuple[str, tuple[tuple[int, ...], ...]]:
    """Per-cluster NFKC; returns the text and the cluster map."""
    clusters = _clusters(text)
    if not clusters:
        return _translate(text), ((), (), (), ())
    pieces: list[str] = []
    ns: list[int] = []
    ne: list[int] = []
    os_: list[int] = []
    oe: list[int] = []
    pos = 0
    npos = 0
    for s, e in clusters:
        plain = _translate(text[pos:s])
        pieces.append(plain)
        npos += len(plain)
        # Past its base and a few marks a cluster holds only marks and invisibles that are dropped anyway;
        # NFKC's canonical reordering is quadratic in them (a hostile 40,000 marks took seconds).
        raw = text[s:e] if e - s <= _MAX_CLUSTER else text[s : s + _MAX_CLUSTER]
        out = unicodedata.normalize("NFKC", raw.translate(_BEFORE_NFKC)).translate(_AFTER_NFKC)
        pieces.append(out)
        ns.append(npos)
        npos += len(out)
        ne.append(npos)
        os_.append(s)
        oe.append(e)
        pos = e
    pieces.append(_translate(text[pos:]))
    return "".join(pieces), (tuple(ns), tuple(ne), tuple(os_), tuple(oe))


def normalize(text: str) -> NormalizedText:
    """NFKC per character without invisibles or stray marks, every decimal digit and the dashes between
    digits as ASCII, kanji digit runs → ASCII; offsets stay mappable."""
    out, cmap = _nfkc(text)
    if _HAS_KANJI_DIGIT_RE.search(out):
        out = _convert_kanji_runs(out)
    if _HAS_DASH_RE.search(out):
        out = _DASH_BETWEEN_DIGITS_RE.sub(r"\1-", out)
    return NormalizedText(text, out, *cmap)


_BIDI_RE: Final = re.compile("[" + BIDI_CONTROLS + "]")


def bidi_controls(text: str) -> list[int]:
    """Offsets of the bidi embedding, override and isolate controls in `text` (empty for almost every text)."""
    return [m.start() for m in _BIDI_RE.finditer(text)]


def remove_bidi_controls(text: str) -> str:
    """`text` without its bidi embedding, override and isolate controls."""
    return _BIDI_RE.sub("", text)
