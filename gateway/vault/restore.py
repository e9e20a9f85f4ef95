"""Put the originals back into an answer, whole or streamed in chunks split anywhere.

Any spelling the grammar in `placeholders` accepts is restored when its canonical form is in the
mapping; anything else is left exactly as the model wrote it. The stream restorer holds back only
a tail that could still become a placeholder of the mapping, so output equals `restore` of the
whole text however the stream is split.
"""

from __future__ import annotations

import json
import re
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


def restore(text: str, mapping: Mapping[str, str], *, json_escape: bool = False) -> str:
    """Replace every placeholder of `mapping` (in any accepted spelling) by its original."""
    if not mapping or OPENER_RE.search(text) is None:
        return text
    return _substitute(text, _replacements(mapping, json_escape))


class StreamRestorer:
    """Restore a stream delta by delta; never emits part of a placeholder.

    Holds back at most `max_hold` characters: the longest placeholder of the mapping (the one-space
    spelling 〔氏名 1〕 is one longer than the canonical 〔氏名1〕). O(n) over the stream.
    """

    def __init__(self, mapping: Mapping[str, str], *, json_escape: bool = False) -> None:
        self._table = _replacements(mapping, json_escape)
        digits: dict[str, int] = {}
        for ph in mapping:
            label, n = split(ph)
            digits[label] = max(digits.get(label, 0), len(str(n)))
        self._digits = digits
        self._labels = tuple(digits)
        self.max_hold = max((len(ph) for ph in mapping), default=0)
        self._held = ""

    @property
    def held(self) -> int:
        """How many characters are held back right now."""
        return len(self._held)

    def feed(self, delta: str) -> str:
        """Restored text that is safe to send now; may be empty while a placeholder is incomplete."""
        if not self._table:
            return delta
        if not self._held and OPENER_RE.search(delta) is None:
            return delta
        buf = self._held + delta
        cut = self._hold_from(buf)
        self._held = buf[cut:]
        return _substitute(buf[:cut], self._table)

    def flush(self) -> str:
        """What is still held at the end of the stream (an unfinished placeholder stays as written)."""
        out, self._held = self._held, ""
        return out

    def _hold_from(self, buf: str) -> int:
        start = max(0, len(buf) - self.max_hold)
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
