"""Runs of encoded text in a larger text, found by their shape and decoded: base64 (standard, urlsafe,
wrapped over lines), HTML character references, percent-encoding, \\u / \\x / octal escapes,
quoted-printable and hex-written bytes.

A run counts only when it decodes to text (valid UTF-8 or Shift_JIS where bytes are involved, no
control characters), so image data, hashes and ordinary words stay plain. A decoded run is decoded
again, to a bounded depth, when it is itself encoded (base64 of percent-encoded text).
"""

from __future__ import annotations

import binascii
import codecs
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

MAX_DEPTH: Final = 3
# 「極秘」 in base64 is 8 characters; shorter runs of letters are ordinary words far more often.
MIN_BASE64_CHARS: Final = 8

_B64: Final = r"[A-Za-z0-9+/_-]"
_HIDDEN: Final = r"\u00ad\u034f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
# What may stand between two pieces of one base64 run: a line break (MIME wraps at 76, PEM at 64,
# chat UIs anywhere), characters that do not show, and spaces after a piece whose length is a
# multiple of four ("MDkw LTEy MzQt …"): prose ("Meu filho", "My wife") is not joined into one run.
_BREAK: Final = rf"(?:[ \t{_HIDDEN}]*\r?\n[ \t{_HIDDEN}]*|[{_HIDDEN}]+)"
_BASE64_RE: Final = re.compile(
    rf"(?<![A-Za-z0-9+/_-])(?:(?:{_B64}{{4}})+[ \t]+(?={_B64})|{_B64}+{_BREAK}(?={_B64}))*{_B64}+"
    rf"(?:{_BREAK}(?==))?={{0,2}}(?![A-Za-z0-9+/_=-])"
)
_PIECE_RE: Final = re.compile(rf"{_B64}+={{0,2}}|={{1,2}}")
# &amp;#x5C71; (a reference encoded twice) is one unit, so that the nested pass decodes it.
_HTML_RE: Final = re.compile(
    r"(?:(?:&|&amp;)#(?:[0-9]{1,12}|[xX][0-9A-Fa-f]{1,12});?|&[A-Za-z][A-Za-z0-9]{1,31};)+"
)
_PCT: Final = r"(?:%[0-9A-Fa-f]{2}|%[uU][0-9A-Fa-f]{4})"
# Escapes with the unreserved characters between and after them: 090%2D1234%2D5678 is one run, and so is
# %25E5%25B1 (percent-encoded twice), whose last byte is written E5 after the %25.
_PERCENT_RE: Final = re.compile(rf"{_PCT}+(?:[A-Za-z0-9._~+-]+{_PCT}+)*[A-Za-z0-9._~+-]*")
_PERCENT_PART_RE: Final = re.compile(r"%[uU]([0-9A-Fa-f]{4})|%([0-9A-Fa-f]{2})|([^%]+)")
# Quoted-printable (mail bodies, =?UTF-8?Q?…?= headers): upper-case escapes, soft line breaks.
_QP_RE: Final = re.compile(r"=[0-9A-F]{2}(?:(?:=\r?\n)?=[0-9A-F]{2})+")
# Bytes written as hex (e5b1b1e794b0): even length, read only when they decode to text.
_HEX_RUN_RE: Final = re.compile(r"(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{2}){4,}(?![0-9A-Za-z])")
# Backslashes may be doubled (JSON inside JSON: \\u4f50).
_ESCAPE_RE: Final = re.compile(
    r"(?:\\+u[0-9A-Fa-f]{4}|\\+u\{[0-9A-Fa-f]{1,6}\}|\\+U[0-9A-Fa-f]{8}|\\+x[0-9A-Fa-f]{2}|\\+[0-3][0-7]{2})+"
)
_ESCAPE_PART_RE: Final = re.compile(
    r"\\+u([0-9A-Fa-f]{4})|\\+u\{([0-9A-Fa-f]{1,6})\}|\\+U([0-9A-Fa-f]{8})|\\+x([0-9A-Fa-f]{2})|\\+([0-3][0-7]{2})"
)
# Bytes written as hex with a space or colon between them (a dump: e5 b1 b1 e7 94 b0).
_HEX_DUMP_RE: Final = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{2}(?:[ :][0-9A-Fa-f]{2}){3,}(?![0-9A-Za-z])")
# What every match of the two holds, opening with a character class so that sre skips ahead (the look-behind
# the two open with makes sre try them at every character): eight hex digits, or four pairs with separators.
_HEX_ANY_RE: Final = re.compile(
    r"[0-9A-Fa-f](?:[0-9A-Fa-f]{7}|[0-9A-Fa-f][ :][0-9A-Fa-f]{2}[ :][0-9A-Fa-f]{2}[ :][0-9A-Fa-f]{2})"
)
# A run of base64 letters, where a _BASE64_RE match can start (found by a class, for the same reason).
_B64_RUN_RE: Final = re.compile(rf"{_B64}{_B64}*")
# Fillers and other characters normalisation drops (detectors.normalize), besides _HIDDEN.
_WIDE_OR_HIDDEN: Final = r"\uff05\uff06\uff3c\uff21-\uff3a\uff41-\uff5a\u115f\u1160\u180e\u3164\uffa0" + _HIDDEN
# The cheap test: does anything here have the shape of an encoding at all? It opens with one
# character class so that sre skips ahead through Japanese text (an alternation at the top would
# make it try every branch at every character, 3× slower).
_ANY_RE: Final = re.compile(
    rf"[A-Za-z0-9+/_&%=\\\-{_WIDE_OR_HIDDEN}](?:(?<={_B64})(?:{_B64}{{7}}|{_B64}{{3}}[ \t]+{_B64}|[ \t]*\r?\n[ \t]*{_B64}|[0-9A-Fa-f][ :][0-9A-Fa-f]{{2}}[ :])"
    r"|(?<=&)(?:#|[A-Za-z][A-Za-z0-9]{1,31};)|(?<=%)[0-9A-Fa-fuU][0-9A-Fa-f]|(?<==)[0-9A-F]{2}=|(?<=\\)[uUx0-3]"
    # Full-width letters or signs, or characters that do not show: the runs are looked for in the
    # normalised text, where those are folded or gone, so any of them sends the text the slow way.
    rf"|(?<=[{_WIDE_OR_HIDDEN}]))"
)
# Decoded text with controls (other than tab and line breaks) or lone surrogates is binary, not text.
_NOT_TEXT_RE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_HEX_RE: Final = re.compile(r"[0-9A-Fa-f-]+")
_URLSAFE: Final = str.maketrans("-_", "+/")
_UTF8: Final = codecs.getincrementaldecoder("utf-8")
_MIXED_RE: Final = re.compile(r"(?=.*[0-9])(?=.*[A-Z])(?=.*[a-z])")
# Japanese as people write it: kana, kanji, CJK and full-width punctuation, printable ASCII; with at
# least two kana or kanji. Garbage from a wrong codec strays into symbols, Cyrillic, half-width kana.
_LEGACY_TEXT_RE: Final = re.compile(
    r"(?=(?:.*?[\u3041-\u30ff\u4e00-\u9fff]){2})[\t\n\r\x20-\x7e\u3000-\u303f\u3041-\u30ff\u4e00-\u9fff\uff01-\uff5e]+",
    re.DOTALL,
)
# The letters base64 of text can open with: the first byte is then a tab, a line break, printable
# ASCII or a UTF-8 lead byte. Prose words opening with g…v, A, B, E…H are turned away unread.
_OPENS_TEXT: Final = frozenset("CDIJKLMNOPQRSTUVWXYZabcdefwxyz0123456789")


@dataclass(frozen=True, slots=True)
class Run:
    """An encoded run: offsets index the text it was found in; `decoded` is fully decoded."""

    kind: str  # base64, html, percent, escape; a nested decoding appends its kinds: "base64+percent"
    start: int
    end: int
    decoded: str


def might_be_encoded(text: str) -> bool:
    """One regex search: False means no run of any encoding can be in `text`."""
    return _ANY_RE.search(text) is not None


def find_runs(text: str, depth: int = MAX_DEPTH) -> list[Run]:
    """Every encoded run in `text` that decodes to text, longest first where two overlap; in text order."""
    found: list[Run] = []
    for kind, finder in _FINDERS:
        for start, end, decoded in finder(text):
            if decoded and _NOT_TEXT_RE.search(decoded) is None and decoded != text[start:end]:
                found.append(Run(kind, start, end, decoded))
    found.sort(key=lambda r: (r.start, r.start - r.end))
    kept: list[Run] = []
    for run in found:
        if kept and run.start < kept[-1].end:
            continue
        kept.append(_nested(run, depth) if depth > 1 and might_be_encoded(run.decoded) else run)
    return kept


def decode_all(text: str, runs: list[Run]) -> str:
    """`text` with each run replaced by its decoded text."""
    out: list[str] = []
    pos = 0
    for r in runs:
        out.append(text[pos : r.start])
        out.append(r.decoded)
        pos = r.end
    out.append(text[pos:])
    return "".join(out)


def _nested(run: Run, depth: int) -> Run:
    inner = find_runs(run.decoded, depth - 1)
    if not inner:
        return run
    kinds = "+".join(dict.fromkeys(k for r in inner for k in r.kind.split("+") if k != run.kind))
    kind = f"{run.kind}+{kinds}" if kinds else run.kind
    return Run(kind, run.start, run.end, decode_all(run.decoded, inner))


def _base64_matches(text: str) -> Iterator[re.Match[str]]:
    """`_BASE64_RE.finditer(text)`, tried only where a run of base64 letters starts: every match opens
    with a base64 letter that follows none (its look-behind), so no other place can start one."""
    pos = 0
    while (r := _B64_RUN_RE.search(text, pos)) is not None:
        m = _BASE64_RE.match(text, r.start())
        if m is None:
            pos = r.end()
            continue
        yield m
        pos = m.end()  # a match ends before a character that is no base64 letter


def _base64(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _base64_matches(text):
        if m.end() - m.start() < MIN_BASE64_CHARS:
            continue
        pieces = [(p.start(), p.end()) for p in _PIECE_RE.finditer(text, m.start(), m.end())]
        if all(_HEX_RE.fullmatch(text, s, e) for s, e in pieces):
            continue  # hashes, UUIDs and numbers (6621 0484): plain detectors read those
        runs = list(_base64_runs(text, pieces))
        legacy = None if runs else _legacy(text, pieces)
        if legacy is not None:
            yield pieces[0][0], pieces[-1][1], legacy
        yield from runs


def _legacy(text: str, pieces: list[tuple[int, int]]) -> str | None:
    """The whole run as Japanese text in another encoding: ISO-2022-JP (mail), Shift_JIS, EUC-JP,
    UTF-16 (PowerShell's -EncodedCommand). Only text that reads as Japanese counts: random bytes
    decode in these encodings far more often than in UTF-8."""
    joined = "".join(text[s:e] for s, e in pieces).translate(_URLSAFE).rstrip("=")
    if len(joined) < 12 or len(joined) % 4 == 1:
        return None
    try:
        raw = binascii.a2b_base64(joined + "=" * (-len(joined) % 4), strict_mode=True)
    except binascii.Error:
        return None
    if b"\x1b$" in raw:
        codecs_: tuple[str, ...] = ("iso2022_jp",)  # an escape into JIS X 0208: a strong sign
    # Base64 of 12+ bytes has digits and both cases; words and codes (FUK-PC-011, Miss Republic) rarely do.
    elif len(joined) >= 16 and _MIXED_RE.match(joined):
        codecs_ = ("cp932", "euc_jp", "utf-16-le", "utf-16-be")
    else:
        return None
    for codec in codecs_:
        try:
            decoded = raw.decode(codec)
        except (UnicodeDecodeError, ValueError):
            continue
        if codec == "iso2022_jp" or _LEGACY_TEXT_RE.fullmatch(decoded.lstrip("\ufeff")):
            return decoded if _NOT_TEXT_RE.search(decoded) is None else None
    return None


def _base64_runs(text: str, pieces: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    i = 0
    while i < len(pieces):
        if text[pieces[i][0]] not in _OPENS_TEXT or pieces[-1][1] - pieces[i][0] < MIN_BASE64_CHARS:
            i += 1
            continue
        end, decoded, reached = _base64_from(text, pieces, i)
        if all(_HEX_RE.fullmatch(text, s, e) for s, e in pieces[i : end or i + 1]):
            i = end if end is not None else max(i + 1, reached)  # hex and digits (6621 0484): numbers
            continue
        if end is not None and sum(e - s for s, e in pieces[i:end]) >= MIN_BASE64_CHARS:
            # Short first pieces may be words before the base64 ("Mail", "ID no"), not part of it:
            # read the run from each of them too, so a value glued to a word's bytes is still seen.
            readings = [decoded]
            k = i
            while k < min(i + 3, end - 1) and pieces[k][1] - pieces[k][0] < 16:
                k += 1
                alt_end, alt, _ = _base64_from(text, pieces, k)
                if alt_end == end:
                    readings.append(alt)
            yield pieces[i][0], pieces[end - 1][1], "\n".join(readings)
            i = end
        else:
            # Restarting inside a stretch that decoded without ever ending cleanly would make
            # long binary blobs quadratic; a run starting in it is implausible anyway.
            i = max(i + 1, reached)


def _base64_from(text: str, pieces: list[tuple[int, int]], i: int) -> tuple[int | None, str, int]:
    """The longest run of pieces from `i` that decodes to text: (end piece, text, first piece that failed)."""
    dec = _UTF8()
    carry = ""
    parts: list[str] = []
    # Where the run could end so far: the piece after it, how many parts, and the tail's text.
    best: tuple[int, int, str] | None = None
    alphabet = ""
    failed = len(pieces)
    for j in range(i, len(pieces)):
        s, e = pieces[j]
        piece = text[s:e]
        kind = ("std" if "+" in piece or "/" in piece else "") + ("url" if "-" in piece or "_" in piece else "")
        if kind:
            if kind == "stdurl" or (alphabet and alphabet != kind):
                failed = j
                break
            alphabet = kind
        carry += piece.translate(_URLSAFE).rstrip("=")
        k = len(carry) // 4 * 4
        try:
            chunk = dec.decode(binascii.a2b_base64(carry[:k], strict_mode=True)) if k else ""
        except (binascii.Error, UnicodeDecodeError):
            failed = j
            break
        if _NOT_TEXT_RE.search(chunk):
            failed = j
            break
        parts.append(chunk)
        carry = carry[k:]
        tail = _base64_tail(carry, dec)
        if tail is not None:
            best = (j + 1, len(parts), tail)
        if piece.endswith("="):
            break
    if best is None:
        return None, "", failed
    return best[0], "".join(parts[: best[1]]) + best[2], failed


def _base64_tail(carry: str, dec: codecs.IncrementalDecoder) -> str | None:
    """What the run decodes to if it ended here, or None if it cannot end here."""
    if len(carry) == 1:
        return None
    state = dec.getstate()
    if not carry and not state[0]:
        return ""
    try:
        raw = binascii.a2b_base64(carry + "=" * (-len(carry) % 4), strict_mode=True) if carry else b""
        end = _UTF8()
        end.setstate(state)
        return end.decode(raw, final=True)
    except (binascii.Error, UnicodeDecodeError):
        return None


def _opening_with(pattern: re.Pattern[str], text: str, char: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match opens with `char`: tried only there."""
    pos = 0
    while (at := text.find(char, pos)) >= 0:
        m = pattern.match(text, at)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = m.end()


def _html(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _opening_with(_HTML_RE, text, "&"):
        yield m.start(), m.end(), html.unescape(m.group())


def _percent(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _opening_with(_PERCENT_RE, text, "%"):
        out: list[str] = []
        raw = bytearray()
        for p in _PERCENT_PART_RE.finditer(m.group()):
            if p.group(1):
                out.append(_bytes_text(bytes(raw)) or "\ufffd")
                raw.clear()
                out.append(chr(int(p.group(1), 16)))
            elif p.group(2):
                raw.append(int(p.group(2), 16))
            else:
                raw.extend(p.group(3).replace("+", " ").encode("ascii"))
        decoded = _bytes_text(bytes(raw))
        if decoded is not None:
            yield m.start(), m.end(), "".join(out) + decoded


def _quoted_printable(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _QP_RE.finditer(text):
        raw = bytes(int(h, 16) for h in re.findall(r"=([0-9A-F]{2})", m.group()))
        decoded = _bytes_text(raw)
        if decoded is not None:
            yield m.start(), m.end(), decoded


def _hex(text: str) -> Iterator[tuple[int, int, str]]:
    first = _HEX_ANY_RE.search(text)
    if first is None:
        return  # no match of either can start before the first place with their shape
    at = first.start()
    for m in [*_HEX_RUN_RE.finditer(text, at), *_HEX_DUMP_RE.finditer(text, at)]:
        try:
            decoded = bytes.fromhex(m.group().replace(":", " ")).decode("utf-8")
        except UnicodeDecodeError:
            continue
        # A long number is hex only if it spells digits (313233… is 123…): 247522766825 is an account.
        if decoded.isdigit() or not m.group().isdigit():
            yield m.start(), m.end(), decoded


def _escapes(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _opening_with(_ESCAPE_RE, text, "\\"):
        units: list[int] = []
        raw = bytearray()
        ok = True
        for p in _ESCAPE_PART_RE.finditer(m.group()):
            hex_byte, octal = p.group(4), p.group(5)
            if hex_byte or octal:
                raw.append(int(hex_byte, 16) if hex_byte else int(octal, 8))
                continue
            if raw:
                units.extend(ord(c) for c in (_bytes_text(bytes(raw)) or bytes(raw).decode("latin-1")))
                raw.clear()
            cp = int(p.group(1) or p.group(2) or p.group(3), 16)
            ok = ok and cp <= 0x10FFFF
            units.append(cp)
        if raw:
            units.extend(ord(c) for c in (_bytes_text(bytes(raw)) or bytes(raw).decode("latin-1")))
        if ok:
            yield m.start(), m.end(), _join_surrogates(units)


def _join_surrogates(units: list[int]) -> str:
    out: list[str] = []
    i = 0
    while i < len(units):
        u = units[i]
        if 0xD800 <= u < 0xDC00 and i + 1 < len(units) and 0xDC00 <= units[i + 1] < 0xE000:
            out.append(chr(0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00)))
            i += 2
            continue
        out.append(chr(u))  # a lone surrogate stays, and marks the run as not text
        i += 1
    return "".join(out)


def _bytes_text(raw: bytes) -> str | None:
    """Bytes as text: UTF-8, else Shift_JIS (municipal systems still percent-encode it), else None."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            return raw[: exc.start].decode("utf-8")  # cut inside the last character: UTF-8 all the same
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError:
        return None


_FINDERS: Final[tuple[tuple[str, Callable[[str], Iterator[tuple[int, int, str]]]], ...]] = (
    ("base64", _base64),
    ("html", _html),
    ("percent", _percent),
    ("escape", _escapes),
    ("qp", _quoted_printable),
    ("hex", _hex),
)
