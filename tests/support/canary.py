"""What an attacker's value looks like once every disguise is taken off: for asserting it never arrived.

`revealed(body)` joins every key, string and number of what an upstream received, then peels the
disguises an attacker has (HTML references, percent-encoding, \\u escapes, base64, invisible and
tag characters, combining marks, width and script variants of digits, spaces) until nothing changes.
`canonical(value)` applies the same folding to a canary, so `canonical(c) in revealed(body)` is the leak test.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
import unicodedata
import urllib.parse
from typing import Any

_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_UNICODE_ESCAPE = re.compile(r"(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})+")
_BASE64 = re.compile(r"[A-Za-z0-9+/_\-\r\n]{8,}={0,2}")
_TAGS = {cp: cp - 0xE0000 for cp in range(0xE0020, 0xE007F)}
_KANJI = str.maketrans("〇一二三四五六七八九", "0123456789")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        out = [value]
        try:
            inner = json.loads(value)
        except (ValueError, RecursionError):
            return out
        return out + (_strings(inner) if isinstance(inner, (dict, list)) else [])
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return [json.dumps(value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _b64(m: re.Match[str]) -> str:
    run = re.sub(r"\s", "", m.group())
    try:
        raw = base64.b64decode(run.replace("-", "+").replace("_", "/") + "=" * (-len(run) % 4))
        text = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return m.group()
    return text if text.isprintable() or "\n" in text else m.group()


def _peel(text: str) -> str:
    text = html.unescape(text)
    text = _PERCENT.sub(lambda m: urllib.parse.unquote(m.group()), text)
    text = _UNICODE_ESCAPE.sub(lambda m: m.group().encode("ascii").decode("unicode_escape"), text)
    return _BASE64.sub(_b64, text)


def fold(text: str) -> str:
    """Invisible, tag and combining characters, width, digit scripts and spaces folded away."""
    text = text.translate(_TAGS)
    kept = []
    for c in text:
        cat = unicodedata.category(c)
        if cat in ("Cf", "Mn", "Me") or c in "\u3164\uffa0\u115f\u1160\u034f":
            continue
        kept.append(c)
    text = unicodedata.normalize("NFKC", "".join(kept))
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    return re.sub(r"\s+", "", text)


def canonical(value: str) -> str:
    return fold(value)


def revealed(body: Any, depth: int = 4) -> str:
    """Everything `body` says once decoded, folded; texts joined with nothing between (split values meet)."""
    text = "".join(_strings(body))
    layers = {fold(text)}
    for _ in range(depth):
        peeled = _peel(text)
        if peeled == text:
            break
        text = peeled
        layers.add(fold(text))
    return "\x00".join(sorted(layers))


def leaked(body: Any, canaries: list[str]) -> list[str]:
    """The canaries that can be read in `body` (kanji numerals read as digits too)."""
    seen = revealed(body)
    seen_digits = seen.translate(_KANJI)
    return [c for c in canaries if canonical(c) in seen or canonical(c).translate(_KANJI) in seen_digits]
