"""Put the originals back into an answer, whole or streamed in chunks split anywhere.

Any spelling the grammar in `placeholders` accepts is restored when its canonical form is in the
mapping; anything else is left exactly as the model wrote it. The stream restorer holds back only
a tail that could still become a placeholder of the mapping, so output equals `restore` of the
whole text however the stream is split.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Mapping

from gateway.vault.placeholders import GRAMMAR, OPENER_RE, fold, parse, split


def _replacements(mapping: Mapping[str, str], json_escape: bool) -> dict[str, str]:
    if not json_escape:
        return dict(mapping)
    # Inside a JSON string (tool-call arguments) the value must stay valid JSON.
    return {k: json.dumps(v, ensure_ascii=False)[1:-1] for k, v in mapping.items()}


def _substitute(text: str, table: Mapping[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        parsed = parse(m)
        if parsed is None:
            return m.group(0)
        return table.get(parsed[0], m.group(0))

    return GRAMMAR.sub(one, text)


_HEX = frozenset("0123456789abcdefABCDEF")


class _JsonUnescaper:
    """Turns \\uXXXX escapes of non-ASCII characters back into the characters, chunk by chunk.

    Tool-call arguments are JSON, and serialisers with ASCII output (litellm's Anthropic adapter
    uses json.dumps) write 〔氏名1〕 as \\u3014\\u6c0f\\u540d1\\u3015. Inside a JSON string both spellings
    mean the same; ASCII escapes (quotes, control characters) and surrogates are left alone.
    """

    def __init__(self) -> None:
        self._held = ""

    def feed(self, delta: str) -> str:
        buf = self._held + delta
        if "\\" not in buf:
            self._held = ""
            return buf
        out: list[str] = []
        i, n = 0, len(buf)
        while True:
            j = buf.find("\\", i)
            if j < 0:
                out.append(buf[i:])
                i = n
                break
            out.append(buf[i:j])
            if j + 1 == n or (buf[j + 1] == "u" and j + 6 > n and all(c in _HEX for c in buf[j + 2 :])):
                i = j  # an escape cut by the chunk boundary: wait for the rest
                break
            code = buf[j + 2 : j + 6]
            if buf[j + 1] == "u" and len(code) == 4 and all(c in _HEX for c in code):
                cp = int(code, 16)
                out.append(chr(cp) if cp >= 0x80 and not 0xD800 <= cp <= 0xDFFF else buf[j : j + 6])
                i = j + 6
            else:
                out.append(buf[j : j + 2])
                i = j + 2
        self._held = buf[i:]
        return "".join(out)

    def flush(self) -> str:
        out, self._held = self._held, ""
        return out


def restore(text: str, mapping: Mapping[str, str], *, json_escape: bool = False) -> str:
    """Replace every placeholder of `mapping` (in any accepted spelling) by its original.

    `json_escape=True` for tool-call arguments: \\u-escaped placeholders are read too, and values
    are inserted JSON-escaped so the arguments stay valid JSON.
    """
    if not mapping:
        return text
    if json_escape:
        u = _JsonUnescaper()
        text = u.feed(text) + u.flush()
    if OPENER_RE.search(text) is None:
        return text
    return _substitute(text, _replacements(mapping, json_escape))


class StreamRestorer:
    """Restore a stream delta by delta; never emits part of a placeholder.

    Holds back at most `max_hold` characters: the longest placeholder of the mapping (the one-space
    spelling 〔氏名 1〕 is one longer than the canonical 〔氏名1〕). O(n) over the stream.
    """

    def __init__(self, mapping: Mapping[str, str], *, json_escape: bool = False) -> None:
        # What restoring needs beyond the mapping is worked out when the first opener arrives: a long
        # conversation has a placeholder per value, and most answers (or parts of one) hold none.
        deque(map(split, mapping), maxlen=0)  # ValueError now for a key that is not a canonical placeholder
        self._mapping = mapping
        self._json_escape = json_escape
        self._table: dict[str, str] | None = None
        self._digits: dict[str, int] = {}
        self._labels: tuple[str, ...] = ()
        self._max_hold = 0
        self._held = ""
        self._unescaper = _JsonUnescaper() if json_escape and mapping else None

    def _ready(self) -> dict[str, str]:
        if self._table is None:
            digits: dict[str, int] = {}
            for ph in self._mapping:
                label, n = split(ph)
                digits[label] = max(digits.get(label, 0), len(str(n)))
            self._digits = digits
            self._labels = tuple(digits)
            self._max_hold = max((len(ph) for ph in self._mapping), default=0)
            self._table = _replacements(self._mapping, self._json_escape)
        return self._table

    @property
    def max_hold(self) -> int:
        """The longest tail ever held back: the longest placeholder of the mapping."""
        self._ready()
        return self._max_hold

    @property
    def held(self) -> int:
        """How many characters are held back right now."""
        return len(self._held)

    def feed(self, delta: str) -> str:
        """Restored text that is safe to send now; may be empty while a placeholder is incomplete."""
        if not self._mapping:
            return delta
        if self._unescaper is not None:
            delta = self._unescaper.feed(delta)
        if not self._held and OPENER_RE.search(delta) is None:
            return delta
        table = self._ready()
        buf = self._held + delta
        cut = self._hold_from(buf)
        self._held = buf[cut:]
        return _substitute(buf[:cut], table)

    def flush(self) -> str:
        """What is still held at the end of the stream (an unfinished placeholder stays as written)."""
        # A cut escape left in the unescaper can complete no placeholder: release it as written.
        tail = self._unescaper.flush() if self._unescaper is not None else ""
        out, self._held = self._held + tail, ""
        return out

    def _hold_from(self, buf: str) -> int:
        start = max(0, len(buf) - self._max_hold)
        for m in OPENER_RE.finditer(buf, start):
            if self._unfinished(buf, m.start()):
                return m.start()
        return len(buf)

    def _unfinished(self, buf: str, at: int) -> bool:
        """Whether buf[at:] is a proper prefix of some accepted spelling of a mapped placeholder."""
        s = fold(buf[at + 1 :])
        spaces = 1 if s[:1] == " " else 0
        rest = s[spaces:]
        if not rest:
            return True
        for label in self._labels:
            if len(rest) <= len(label):
                if label.startswith(rest):
                    return True
            elif rest.startswith(label):
                return _unfinished_tail(rest[len(label) :], spaces, self._digits[label])
        return False


def _unfinished_tail(tail: str, spaces: int, max_digits: int) -> bool:
    j = 0
    if tail[:1] == " ":
        spaces, j = spaces + 1, 1
    if spaces > 1:
        return False
    if j == len(tail):
        return True
    if not "1" <= tail[j] <= "9":
        return False
    d = j
    while j < len(tail) and "0" <= tail[j] <= "9":
        j += 1
    if j - d > max_digits:
        return False
    if j < len(tail) and tail[j] == " ":
        spaces, j = spaces + 1, j + 1
    return spaces <= 1 and j == len(tail)
