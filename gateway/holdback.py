"""Where a streamed answer may be cut: the tail that could still grow into a personal value.

A name, a phone number or an address is decided only when the run of characters it is made of
has ended and the kana after it are known not to be an honorific (さん, ちゃん) or a joiner (が).
Everything before that run is released at once; the run and such kana are held. Runs are:

- kanji, katakana, Latin letters and digits (half- or full-width), with the joiners numbers,
  addresses and e-mail addresses use (- ( ) . @ _ + / ・ ー 々 ヶ) and single spaces between two
  non-Latin run characters (山田 太郎, 090 1234 5678);
- が or の between two runs joins them (霞が関, 自由が丘, 山の手), and so do up to six kana after
  a municipal unit (埼玉県さいたま市, 茨城県つくば市), so an address is held whole;
- kana words one space apart (やまだ たろう さん, a spelling a name is written in to be read out);
- what the scanner reads through counts as the run it is in: characters it drops or folds (zero
  widths, variation selectors, combining marks, ⼭⽥) and the escapes it decodes (&#…; %XX \\u =XX),
  and pieces of base64 or hex bytes the scanner joins over line breaks, spaces or colons.

A hard break (。、！？「」: and line ends) ends every run. The hold never reaches back more than
`LIMIT` characters: past that the caller cuts outside the scanner's findings instead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from detectors.names_common import common_names

# Kana after a run that can still change what the run is: an honorific (さん, ちゃん) makes a name
# of it; が/の may join it to the next run (霞が関). Anything else after a run decides it.
CUES: Final = ("さん", "さま", "くん", "ちゃん", "どの", "はん", "たん", "が", "の")
_LONGEST_CUE: Final = 4  # one space and ちゃん
_LONGEST_GIVEN: Final = 8  # the longest common given name in kana
LIMIT: Final = 96  # the longest address Japanese municipalities write stays under this
HARD_BREAKS: Final = frozenset("。．！？!?、，,：:；「」『』\n\r\t")
# The escapes the scanner decodes (&#37428; %E9%88%B4 \u9234 =E9=88=B4 and base64's padding) join too:
# an encoded name is held whole, as the scanner reads it, not released an escape at a time.
_JOINERS: Final = frozenset("-‐‑‒–—―−－ー()（）.．@＠_＿+＋/／・･々〆ヶヵ〇#＃&;%\\=")
# Every space the scanner reads as one (NFKC folds the typographic ones to U+0020).
SPACES: Final = frozenset(" \u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f")
_SPACES_STR: Final = "".join(SPACES)
_UNITS: Final = frozenset("都道府県市区町村郡")
_UNIT_KANA: Final = 6
_JOINING_KANA: Final = frozenset("がの")


_SPACED_KANA: Final = re.compile("[\u3041-\u309f\u30a0-\u30ff]+[ \u3000][\u3041-\u309f\u30a0-\u30ff]")


def may_decide(after: str) -> bool:
    """Whether `after`, the kana after a run up to the end of the text so far, may still grow into a cue."""
    rest = after.lstrip(_SPACES_STR)
    if len(after) - len(rest) > 1:
        return False
    return not rest or any(cue.startswith(rest) for cue in CUES)


def _given_name_start(text: str, floor: int) -> int | None:
    """End of a common family name followed by kana that may still be a given name in kana (伊藤さく|ら)."""
    j = len(text)
    while j > floor and len(text) - j < _LONGEST_GIVEN + _LONGEST_CUE and _hiragana(text[j - 1]):
        j -= 1
    if j == floor or j == len(text) or not in_run(text[j - 1]):
        return None
    family = common_names().family
    if not any(text[max(j - k, floor) : j] in family for k in (1, 2, 3)):
        return None
    kana, prefixes = text[j:], _given_prefixes()
    if kana in prefixes or any(prefixes.get(kana[:k]) is True and may_decide(kana[k:]) for k in range(1, len(kana))):
        return j
    return None


_PREFIXES: list[dict[str, bool]] = []


def prepare() -> None:
    """Build the tables now (~70 ms), so the first stream that needs them does not wait for them."""
    _given_prefixes()


def _given_prefixes() -> dict[str, bool]:
    """Every prefix of a common given name written in hiragana -> whether it is a whole name."""
    if not _PREFIXES:
        table: dict[str, bool] = {}
        for name in common_names().given:
            if all(_hiragana(c) for c in name):
                for k in range(1, len(name)):
                    table.setdefault(name[:k], False)
                table[name] = True
        _PREFIXES.append(table)
    return _PREFIXES[0]


def _hiragana(c: str) -> bool:
    return "\u3041" <= c <= "\u309f"


def _latin(c: str) -> bool:
    return (c.isascii() and c.isalpha()) or "\uff21" <= c <= "\uff3a" or "\uff41" <= c <= "\uff5a"


def in_run(c: str) -> bool:
    """A character that can be part of a name, number, address or e-mail address (spaces aside)."""
    if c in _JOINERS:
        return True
    o = ord(c)
    if o < 0x80:
        return c.isalnum()
    if 0x3041 <= o <= 0x309F:  # hiragana (and the voiced sound marks, read with their kana)
        return False
    return (
        0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x30A0 <= o <= 0x30FF  # katakana
        or 0xFF66 <= o <= 0xFF9F  # half-width katakana
        or 0xFF10 <= o <= 0xFF19  # full-width digits
        or 0x20000 <= o <= 0x3FFFF  # ideographs beyond the BMP (𠮷, 𡈽)
        or _latin(c)
        or _read_as_run(c)
    )


@lru_cache(maxsize=4096)
def _read_as_run(c: str) -> bool:
    """What the scanner reads as part of a run: a character it drops (zero widths, variation selectors,
    combining marks: 渡辺, U+200B, 一郎 is read 渡辺一郎) or one NFKC folds into run characters (⼭⽥ is
    山田, ① is 1, ㈱ is (株)). Held like the run itself, so a disguised name is not released a piece at a time."""
    if unicodedata.category(c) in ("Cf", "Mn", "Me") or 0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF:
        return True
    folded = unicodedata.normalize("NFKC", c)
    return folded != c and any(x != c and in_run(x) for x in folded)


def _run_start(text: str, end: int, floor: int) -> int:
    """Start of the run ending at `end` (text[end - 1] is a run character)."""
    i = end
    while i > floor:
        c = text[i - 1]
        if in_run(c) or (c in SPACES and i - 1 > floor and i < len(text) and _joins_space(text[i - 2], text[i])):
            i -= 1
        else:
            break
    return i


def _joins_space(before: str, after: str) -> bool:
    return in_run(before) and in_run(after) and not (_latin(before) or _latin(after))


def hold_from(text: str) -> int:
    """Index from which `text` (a stream's unreleased tail) must be held back; len(text) holds nothing."""
    floor = max(0, len(text) - LIMIT)
    starts = (_hold_from(text), _encoded_start(text, floor), _hex_dump_start(text, floor))
    return min(s for s in starts if s is not None)


_BASE64: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-=")


def _encoded_start(text: str, floor: int) -> int | None:
    """Start of base64 in pieces still open at the end: the scanner reads pieces of base64 characters
    over line breaks (MIME wraps at 76), and over spaces after a piece of a multiple of four ("MDkw
    LTEy MzQt"), as one run, so such a break decides nothing until what follows it is something else."""
    k = len(text)
    for chars in (" \t", _BASE64):  # the open piece, and spaces after it
        while k > floor and text[k - 1] in chars:
            k -= 1
    start = None
    while k > floor:
        j = k
        while j > floor and text[j - 1] in " \t":
            j -= 1
        newline = j > floor and text[j - 1] == "\n"
        if newline:
            j -= 1
            if j > floor and text[j - 1] == "\r":
                j -= 1
            while j > floor and text[j - 1] in " \t":
                j -= 1
        elif j == k:
            break  # nothing between this piece and the character before it
        end = j
        while j > floor and text[j - 1] in _BASE64:
            j -= 1
        if j == end or (not newline and (end - j) % 4):
            break
        start = k = j
    return start


_HEX: Final = frozenset("0123456789abcdefABCDEF")


def _hex_dump_start(text: str, floor: int) -> int | None:
    """Start of a hex dump still open at the end (e5 b1 b1 e7, e5:b1:b1): the scanner reads bytes
    written two hex digits at a time with a space or colon between them as one run."""
    k = len(text)
    while k > floor and len(text) - k < 2 and text[k - 1] in _HEX:
        k -= 1
    start = None
    while k - 3 >= floor and text[k - 1] in " :" and text[k - 2] in _HEX and text[k - 3] in _HEX:
        if k - 4 >= floor and text[k - 4].isascii() and text[k - 4].isalnum():
            break  # a longer word, not a byte
        start = k = k - 3
    return start


def _hold_from(text: str) -> int:
    n = len(text)
    floor = max(0, n - LIMIT)
    # The right context: kana after the run that may still be the start of what decides it.
    i = n
    while i > floor and n - i < _LONGEST_CUE and text[i - 1] not in HARD_BREAKS and not in_run(text[i - 1]):
        i -= 1
    if i > floor and in_run(text[i - 1]) and not may_decide(text[i:]):
        i = n  # the run is followed by text no cue starts with: it is decided
        j = _given_name_start(text, floor)
        if j is not None:
            i = j
    if i > floor and _hiragana(text[i - 1]):
        # 埼玉県さいた|ま: kana after a municipal unit may still be the middle of an address.
        j = n
        while j > floor and n - j < _UNIT_KANA and _hiragana(text[j - 1]):
            j -= 1
        if j > floor and text[j - 1] in _UNITS:
            i = j
    held = _spaced_kana(text, floor)
    if i == floor or not in_run(text[i - 1]):
        return held if held is not None else (floor if i == floor and floor > 0 else n)
    start = _run_start(text, i, floor)
    while start > floor:
        gap = start
        while gap > floor and start - gap < _UNIT_KANA and _hiragana(text[gap - 1]):
            gap -= 1
        if gap in (start, floor) or not in_run(text[gap - 1]):
            break
        if text[gap - 1] not in _UNITS and (start - gap > 1 or text[gap] not in _JOINING_KANA):
            break
        start = _run_start(text, gap, floor)
    return min(start, held) if held is not None else start


def _spaced_kana(text: str, floor: int) -> int | None:
    """Start of 「やまだ たろう」 (kana words one space apart) still open at the end, if any."""
    m = None
    for match in _SPACED_KANA.finditer(text, floor):
        m = match
    if m is None or any(c in HARD_BREAKS for c in text[m.end() :]):
        return None
    return m.start()
